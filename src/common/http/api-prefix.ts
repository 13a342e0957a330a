/** Every route but the probes is under `/api`; URI versioning adds `v<n>` after it (`/api/v1/...`). */
export const API_PREFIX = 'api';
export const VERSION_PREFIX = 'v';
