import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';

export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

const ROOT = join(__dirname, '..', '..');
export const MAIN = join(ROOT, 'dist', 'src', 'main.js');

/** Builds dist/ (tsc) unless it is newer than every source file it would compile. */
export function ensureBuilt(): void {
  const stamp = existsSync(MAIN) ? statSync(MAIN).mtimeMs : 0;
  const newest = Number(
    execFileSync('bash', ['-c', `find ${ROOT}/src -name '*.ts' -printf '%T@\\n' | sort -n | tail -1`]).toString().trim(),
  ) * 1000;
  if (newest > stamp) execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')]);
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** `node dist/src/main.js` on a free port; resolves once it answers HTTP. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_AUTH_PER_MINUTE: '0', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  for (const started = Date.now(); ; ) {
    if (child.exitCode !== null) throw new Error(`server exited early: ${stderr}`);
    if (Date.now() - started > 60_000) throw new Error(`server did not answer within 60 s: ${stderr}`);
    try {
      await fetch(`${url}/api/v1/me`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return { child, url, stderr: () => stderr, exited };
}
