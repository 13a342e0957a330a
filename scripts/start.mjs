// `npm start`: builds dist/ only when a source file is newer than the build, then runs the server in this very
// process. package.json runs it with `exec` so that npm's child is this node process, not a `sh -c` wrapper:
// npm forwards SIGTERM/SIGINT to its child, and dash (Debian's /bin/sh) dies of it while the server it
// started lives on as an orphan, holding the embedded PostgreSQL.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfStale, root } from './lib/build.mjs';

try {
  await buildIfStale('npm start');
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
// The server registers its own SIGTERM/SIGINT handlers (graceful shutdown, embedded PostgreSQL stopped last).
await import(pathToFileURL(join(root, 'dist', 'src', 'main.js')).href);
