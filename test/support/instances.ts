import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createDatabase, ensureBuilt, freePort, ROOT } from './server-process';

export { createDatabase, ensureBuilt as buildServer };

/** `node dist/src/main.js` on a free port of 127.0.0.1. */
export class ServerProcess {
  output = '';
  baseUrl = '';
  private child: ChildProcess | null = null;

  constructor(private readonly env: Record<string, string>) {}

  async start(): Promise<this> {
    const port = await freePort();
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.child = spawn(process.execPath, [join(ROOT, 'dist/src/main.js')], {
      cwd: ROOT,
      env: { ...process.env, ...this.env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk) => (this.output += chunk));
    this.child.stderr!.on('data', (chunk) => (this.output += chunk));
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`server exited: ${this.output}`);
      try {
        await fetch(`${this.baseUrl}/api/v1/me`);
        return this;
      } catch {
        if (Date.now() > deadline) throw new Error(`server did not start: ${this.output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  /** SIGKILL: no shutdown hook runs, in-flight work is simply lost. */
  kill(): Promise<void> {
    return this.stop('SIGKILL');
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  async request(method: string, path: string, headers: Record<string, string> = {}, body?: object) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined };
  }
}
