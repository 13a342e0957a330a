import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/lib/postgres.cjs';

export const ROOT = join(__dirname, '..', '..');

export interface SpawnOptions {
  cwd?: string;
  /** Script to run, relative to cwd (default the built server). */
  entry?: string;
}

/**
 * `node dist/src/main.js` (the built server) as a child process on 127.0.0.1: what in-process tests cannot
 * show (signals, SIGKILL, several instances). Not throttled unless `env` sets a rate limit, like the
 * in-process test app. `spawn()` returns at once; `start()` also waits until /health/ready answers 200.
 */
export class ServerProcess {
  readonly url: string;
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  readonly exited: Promise<number | string>;
  private out = '';
  private err = '';
  private exitedWith: number | string | undefined;

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    child.stdout!.on('data', (chunk) => (this.out += chunk));
    child.stderr!.on('data', (chunk) => (this.err += chunk));
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve((this.exitedWith = code ?? signal ?? -1))),
    );
  }

  /** Starts the process with `env` over this process's environment (`undefined` removes a variable). */
  static async spawn(
    env: Record<string, string | undefined>,
    { cwd = ROOT, entry = 'dist/src/main.js' }: SpawnOptions = {},
  ): Promise<ServerProcess> {
    const port = env.PORT ? Number(env.PORT) : await freePort();
    const merged: Record<string, string> = {};
    for (const [key, value] of Object.entries({
      ...process.env,
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_AUTH_PER_MINUTE: '0',
      RATE_LIMIT_FAILED_LOGINS_PER_MINUTE: '0',
      RATE_LIMIT_FAILED_AUTH_PER_IP_PER_MINUTE: '0',
      PASSWORD_SCRYPT_N: '16384',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    })) {
      if (value !== undefined) merged[key] = value;
    }
    const child = spawn(process.execPath, [entry], { cwd, env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
    return new ServerProcess(child, port);
  }

  /** spawn(), then ready(). */
  static async start(env: Record<string, string | undefined>, options?: SpawnOptions): Promise<ServerProcess> {
    return (await ServerProcess.spawn(env, options)).ready();
  }

  stdout(): string {
    return this.out;
  }

  stderr(): string {
    return this.err;
  }

  /** Polls /health/ready until it answers 200; fails with the output if the process exits first. */
  async ready(timeoutMs = 60_000): Promise<this> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exitedWith !== undefined) {
        throw new Error(`server exited with ${this.exitedWith}\nstdout:\n${this.out}\nstderr:\n${this.err}`);
      }
      try {
        const res = await fetch(`${this.url}/health/ready`);
        if (res.status === 200) return this;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server not ready after ${timeoutMs} ms\nstdout:\n${this.out}\nstderr:\n${this.err}`);
  }

  /** Sends `signal` (if the process still runs) and waits until it has exited. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.exitedWith === undefined) this.child.kill(signal);
    await this.exited;
  }

  /** SIGKILL: no shutdown hook runs, in-flight work is simply lost. */
  kill(): Promise<void> {
    return this.stop('SIGKILL');
  }

  /** One JSON request; `json` is the parsed body (undefined when empty). */
  async request(method: string, path: string, headers: Record<string, string> = {}, body?: object) {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined };
  }
}

/** `dist/src/main.js` is missing or older than a source file it is compiled from: (re)build dist/ with tsc. */
const BUILD_IF_STALE = `
if [ ! -e dist/src/main.js ] || [ -n "$(find src -name '*.ts' ! -name '*.spec.ts' -newer dist/src/main.js -print -quit)" ]; then
  "${process.execPath}" node_modules/typescript/bin/tsc -p tsconfig.build.json
fi`;

/**
 * Builds dist/ unless it is newer than every source file it would compile. Spec files in parallel workers
 * share dist/: flock makes them build one at a time, and the one that waited finds it fresh.
 */
export function ensureBuilt(): void {
  const lock = join(tmpdir(), `papercups-build-${createHash('sha1').update(ROOT).digest('hex').slice(0, 12)}.lock`);
  execFileSync('flock', [lock, 'bash', '-c', BUILD_IF_STALE], { cwd: ROOT, stdio: 'pipe' });
}
