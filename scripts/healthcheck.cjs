// The image's HEALTHCHECK: exit 0 when GET /health/ready answers 200 within 2 s, 1 otherwise.
const port = process.env.PORT || '4000';
fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2000) }).then(
  (res) => process.exit(res.status === 200 ? 0 : 1),
  () => process.exit(1),
);
