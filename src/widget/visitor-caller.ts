import type { AuthUser } from '../auth/auth-user';

/**
 * The caller the shared services see for a visitor's write. Those services use the caller's account for
 * scoping and its user id only for agent messages; a visitor's writes always name their customer, so no user
 * id is ever written (0 is no user).
 */
export const visitorCaller = (accountId: string): AuthUser => ({ userId: 0, accountId, email: '', role: 'user' });
