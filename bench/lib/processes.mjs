// Child servers: start, wait until they answer, read their memory, stop.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The environment every benchmarked server runs with: as deployed, rate limits off (a benchmark key sends far more than a real one may). */
export const serverEnv = (url) => ({
  DATABASE_URL: url,
  DATABASE_POOL_SIZE: '10',
  LOG_LEVEL: 'warn',
  NODE_ENV: 'production',
  RATE_LIMIT_PER_MINUTE: '0',
});

export function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024);
}

/** User + system CPU time of a process so far, in µs (every thread: the GC's helpers included). */
export function cpuMicros(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100; // utime, stime in clock ticks (100 Hz)
}

/** Starts `node [nodeFlags] <script>` and resolves once `readyPath` answers; reports the time from spawn to ready. */
export async function startProcess(name, script, env, port, readyPath, nodeFlags = []) {
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeFlags, script], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited early:\n${stderr}`);
    try {
      await fetch(`http://127.0.0.1:${port}${readyPath}`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  return {
    name,
    pid: child.pid,
    url: `http://127.0.0.1:${port}`,
    readyMs: Math.round(performance.now() - started),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
