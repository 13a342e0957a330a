import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';

export const ROOT = join(__dirname, '..', '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  exited: Promise<number | string>;
}

/** `node <entry>` (the built server) with the given environment; stdout/stderr are collected. */
export async function startServer(
  env: Record<string, string | undefined>,
  { cwd = ROOT, entry = 'dist/src/main.js' } = {},
): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const merged: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env })) {
    if (value !== undefined) merged[key] = value;
  }
  const child = spawn(process.execPath, [entry], { cwd, env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (err += chunk));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return { child, port, stdout: () => out, stderr: () => err, exited };
}

/** Polls /health/ready until it answers 200. */
export async function waitUntilReady(server: ServerProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitedWith: number | string | undefined;
  void server.exited.then((code) => (exitedWith = code));
  while (Date.now() < deadline) {
    if (exitedWith !== undefined) {
      throw new Error(`server exited with ${exitedWith}\nstdout:\n${server.stdout()}\nstderr:\n${server.stderr()}`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/health/ready`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server not ready after ${timeoutMs} ms\nstdout:\n${server.stdout()}\nstderr:\n${server.stderr()}`);
}

/** A database of its own on the suite's server (test/setup/global-setup.mjs); drop() removes it. */
export async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL!;
  const name = `proc_${Math.random().toString(16).slice(2, 10)}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export const MAIN = join(ROOT, 'dist', 'src', 'main.js');

const builtIsFresh = (): boolean => {
  const stamp = existsSync(MAIN) ? statSync(MAIN).mtimeMs : 0;
  const newest =
    Number(
      execFileSync('bash', ['-c', `find ${ROOT}/src -name '*.ts' -printf '%T@\\n' | sort -n | tail -1`])
        .toString()
        .trim(),
    ) * 1000;
  return newest <= stamp;
};

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Builds dist/ (tsc) unless it is newer than every source file it would compile. Specs in parallel workers
 * take turns (a lock directory), so one of them builds and the others find the build fresh.
 */
export function ensureBuilt(): void {
  if (builtIsFresh()) return;
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const lock = join(ROOT, 'dist', '.build-lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than a build can take was left by a killed run.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 300_000) rmSync(lock, { force: true, recursive: true });
      sleepSync(200);
    }
  }
  try {
    if (!builtIsFresh()) {
      execFileSync(process.execPath, [
        join(ROOT, 'node_modules/typescript/bin/tsc'),
        '-p',
        join(ROOT, 'tsconfig.build.json'),
      ]);
    }
  } finally {
    rmSync(lock, { force: true, recursive: true });
  }
}

/** The built server, unthrottled, on a free port; resolves once it is ready. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess & { url: string }> {
  const server = await startServer({ RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_AUTH_PER_MINUTE: '0', ...env });
  await waitUntilReady(server);
  return { ...server, url: `http://127.0.0.1:${server.port}` };
}
