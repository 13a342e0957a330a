// Starts a throwaway embedded PostgreSQL, prints its URL on stdout, and stops it on SIGTERM/SIGINT.
// Used by scripts/container-smoke.mjs when DATABASE_URL is not given.
import { startEmbeddedPostgres } from './lib/postgres.cjs';

const server = await startEmbeddedPostgres({ prefix: 'smoke-pg-' });
console.log(server.url);
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
setInterval(() => undefined, 1 << 30);
