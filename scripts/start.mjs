// `npm start`: builds dist/ only when a source file is newer than the build, then runs the server in this very
// process. package.json runs it with `exec` so that npm's child is this node process, not a `sh -c` wrapper:
// npm forwards SIGTERM/SIGINT to its child, and dash (Debian's /bin/sh) dies of it while the server it
// started lives on as an orphan, holding the embedded PostgreSQL.
import module from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfStale, root } from './lib/build.mjs';

try {
  await buildIfStale('npm start');
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
// Node 22.1+: compiled code is cached on disk (a restart skips most of the ~1 s CPU of loading the modules);
// absent on Node 20, where this does nothing.
module.enableCompileCache?.();
// The server registers its own SIGTERM/SIGINT handlers (graceful shutdown, embedded PostgreSQL stopped last).
await import(pathToFileURL(join(root, 'dist', 'src', 'main.js')).href);
