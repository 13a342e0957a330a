// Whether dist/ is older than what it is compiled from, and `npm run build` with signals passed on: shared by
// `npm start` (scripts/start.mjs) and `npm run lint:openapi` (scripts/lint-openapi.mjs).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const entry = join(root, 'dist', 'src', 'main.js');

/** Newest mtime (ms) of the files under `dir` that `accept` keeps; 0 when there are none. */
function newest(dir, accept) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const item of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const file = join(item.parentPath, item.name);
    if (item.isFile() && accept(file)) latest = Math.max(latest, statSync(file).mtimeMs);
  }
  return latest;
}

/** What tsconfig.build.json compiles: src/ without specs and test helpers, ormconfig.ts and the configs. */
const isBuildInput = (file) => {
  const path = relative(root, file);
  return path.endsWith('.ts') && !path.endsWith('.spec.ts') && !path.startsWith(join('src', 'testing'));
};

/**
 * Why dist/ must be rebuilt, or undefined when it is current. Sources only (a changed tsconfig needs an
 * explicit `npm run build`): the test helper ensureBuilt() then never finds current what this finds stale.
 */
export function staleReason() {
  if (!existsSync(entry)) return 'dist/src/main.js is missing';
  const built = newest(join(root, 'dist'), (file) => file.endsWith('.js'));
  const sources = Math.max(newest(join(root, 'src'), isBuildInput), statSync(join(root, 'ormconfig.ts')).mtimeMs);
  return sources > built ? 'a source file is newer than dist/' : undefined;
}

/** `npm run build` (its output on stderr), with SIGTERM/SIGINT passed on to it (and this process exiting with it). */
export function build() {
  return new Promise((resolve, reject) => {
    const npm = process.env.npm_execpath;
    // The build's tools colour their output even into a pipe or a file.
    const env = process.stderr.isTTY ? process.env : { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
    const options = { cwd: root, stdio: ['ignore', 2, 2], env };
    const child = npm
      ? spawn(process.execPath, [npm, 'run', 'build'], options)
      : spawn('npm', ['run', 'build'], options);
    const forward = (signal) => child.kill(signal);
    for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, forward);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      for (const s of ['SIGTERM', 'SIGINT']) process.removeListener(s, forward);
      if (code === 0) resolve();
      else if (signal) process.exit(1);
      else reject(new Error(`npm run build failed with exit code ${code}`));
    });
  });
}

/** Builds dist/ only when it is stale; `who` prefixes the one line saying so. */
export async function buildIfStale(who) {
  const reason = staleReason();
  if (!reason) return;
  console.error(`${who}: building (${reason})`);
  await build();
}
