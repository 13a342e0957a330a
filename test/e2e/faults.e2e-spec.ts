import { spawn } from 'node:child_process';
import net from 'node:net';
import { join } from 'node:path';
import readline from 'node:readline';
import { Client } from 'pg';
import { createAccount, createCustomer } from '../support/factories';
import { createTestDatabase } from '../support/database';
import { ensureBuilt, ServerProcess } from '../support/server-process';
import { createTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A PostgreSQL of this test's own (test/support/pg-control.mjs), so it can be stopped and started under the app. */
async function ownPostgres() {
  const child = spawn(process.execPath, [join(__dirname, '..', 'support', 'pg-control.mjs')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => String((await lines.next()).value ?? '');
  const ready = await next();
  if (!ready.startsWith('ready ')) throw new Error(`pg-control: ${ready}`);
  const command = async (word: 'stop' | 'start', answer: string) => {
    child.stdin!.write(`${word}\n`);
    expect(await next()).toBe(answer);
  };
  return {
    url: ready.slice(6),
    stop: () => command('stop', 'stopped'),
    start: () => command('start', 'started'),
    exit: async () => {
      child.stdin!.write('exit\n');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

describe('PostgreSQL restarts during traffic', () => {
  it('answers 503 while the database is down and recovers by itself', async () => {
    const db = await ownPostgres();
    let t: TestApp | undefined;
    try {
      t = await createTestApp({ server: db.url });
      const app = t;
      const account = await createAccount(app);
      await createCustomer(app, account);
      const list = () => app.request('GET', '/api/v1/customers', { headers: account.auth });
      expect((await list()).statusCode).toBe(200);
      // Background traffic through the whole outage: every answer is a 200 or a 503, never a 500 or a hang.
      const seen: Record<number, number> = {};
      let running = true;
      const traffic = Promise.all(
        Array.from({ length: 4 }, async () => {
          while (running) {
            const { statusCode } = await list();
            seen[statusCode] = (seen[statusCode] ?? 0) + 1;
          }
        }),
      );

      await db.stop();
      const down = await list();
      expect(down.statusCode).toBe(503);
      expect(down.headers['retry-after']).toBe('1');
      expect(down.json()).toEqual({
        error: {
          status: 503,
          message: 'Service Unavailable: the database is unreachable, retry shortly',
          retry_after: 1,
        },
      });
      const write = await app.request('POST', '/api/v1/companies', {
        headers: account.auth,
        payload: { company: { name: 'During outage' } },
      });
      expect(write.statusCode).toBe(503);

      await db.start();
      let recovered = 0;
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && (recovered = (await list()).statusCode) !== 200) await sleep(100);
      expect(recovered).toBe(200);
      running = false;
      await traffic;
      expect(Object.keys(seen).sort()).toEqual(['200', '503']);
      const after = await app.request('POST', '/api/v1/companies', {
        headers: account.auth,
        payload: { company: { name: 'After' } },
      });
      expect(after.statusCode).toBe(201);
      expect(await app.db.query('SELECT name FROM companies ORDER BY name')).toEqual([{ name: 'After' }]);
    } finally {
      await t?.close().catch(() => undefined);
      await db.exit();
    }
  });
});

describe('SIGKILL during a write burst', () => {
  it('keeps every acknowledged write and leaves no half-written conversation', async () => {
    ensureBuilt();
    const database = await createTestDatabase('faults');
    const env = { DATABASE_URL: database.url };
    const check = new Client({ connectionString: database.url });
    try {
      let server = await ServerProcess.start(env);
      const post = (path: string, body: object, headers: Record<string, string> = {}) =>
        fetch(server.url + path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });
      const registration = await (
        await post('/api/registration', {
          user: {
            email: 'burst@example.com',
            password: 'a long password',
            password_confirmation: 'a long password',
            company_name: 'Burst',
          },
        })
      ).json();
      const key = (
        await (
          await post('/api/personal_api_keys', { label: 'burst' }, { authorization: registration.data.token })
        ).json()
      ).data.value;
      const auth = { authorization: `Bearer ${key}` };
      const customer = (await (await post('/api/v1/customers', { customer: { name: 'C' } }, auth)).json()).data.id;

      const acked = { conversations: [] as string[], messages: [] as string[] };
      let stop = false;
      let sent = 0;
      const worker = async (n: number) => {
        let conversation: string | undefined;
        while (!stop) {
          try {
            sent++;
            if (!conversation || n % 2) {
              const res = await post(
                '/api/v1/conversations',
                { conversation: { customer_id: customer, message: { body: `first ${n}` } } },
                auth,
              );
              if (res.status === 201) acked.conversations.push((conversation = (await res.json()).data.id));
            } else {
              const res = await post(
                '/api/v1/messages',
                { message: { body: `reply ${n}`, conversation_id: conversation } },
                auth,
              );
              if (res.status === 201) acked.messages.push((await res.json()).data.id);
            }
          } catch {
            return; // the server is gone
          }
        }
      };
      const workers = Array.from({ length: 16 }, (_, i) => worker(i));
      // Killed mid-burst once more than 20 conversations are acknowledged, not after a fixed time: on a busy
      // machine 1.5 s of traffic acknowledged fewer than that.
      for (const deadline = Date.now() + 60_000; acked.conversations.length <= 20 && Date.now() < deadline;) {
        await sleep(25);
      }
      server.child.kill('SIGKILL');
      await server.exited;
      stop = true;
      await Promise.all(workers);
      expect(acked.conversations.length).toBeGreaterThan(20);

      await check.connect();
      const present = async (table: string, ids: string[]) =>
        (await check.query(`SELECT count(*)::int AS n FROM ${table} WHERE id = ANY($1::uuid[])`, [ids])).rows[0].n;
      expect(await present('conversations', acked.conversations)).toBe(acked.conversations.length);
      expect(await present('messages', acked.messages)).toBe(acked.messages.length);
      // Every conversation was created with its first message in one transaction: none exists without it.
      const orphans = await check.query(
        `SELECT count(*)::int AS n FROM conversations c WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id)`,
      );
      expect(orphans.rows[0].n).toBe(0);

      // The app starts again on the same database and serves what was acknowledged.
      server = await ServerProcess.start(env);
      const last = acked.conversations[acked.conversations.length - 1];
      const res = await fetch(`${server.url}/api/v1/conversations/${last}`, { headers: auth });
      expect(res.status).toBe(200);
      console.log(
        `SIGKILL burst: ${sent} requests sent, ${acked.conversations.length} conversations + ${acked.messages.length} messages acknowledged, all present, 0 orphans`,
      );
      server.child.kill('SIGTERM');
      await server.exited;
    } finally {
      await check.end().catch(() => undefined);
      await database.drop();
    }
  });
});

describe('slow and hanging clients', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ config: { requestTimeoutMs: 1000 } });
    await t.app.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves others while 200 clients hang, and cuts the hanging ones off', async () => {
    const { port } = t.app.getHttpServer().address() as net.AddressInfo;
    const closedAt: number[] = [];
    const started = Date.now();
    const sockets = Array.from({ length: 200 }, (_, i) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      // Read what comes (a body cut off at REQUEST_TIMEOUT_MS is answered 408): unread bytes would hold
      // back the end of the stream, and with it 'close'.
      socket.resume();
      socket.on('close', () => closedAt.push(Date.now() - started));
      // Half send nothing at all; half start a request body and stop.
      if (i % 2) {
        socket.write(
          'POST /api/registration HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"user":',
        );
      }
      return socket;
    });
    await sleep(200);
    const t0 = Date.now();
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/me`);
    expect(res.status).toBe(401);
    expect(Date.now() - t0).toBeLessThan(500);

    await sleep(2500);
    expect(closedAt.length).toBe(200);
    expect(Math.max(...closedAt)).toBeLessThan(3000);
    sockets.forEach((s) => s.destroy());
  });
});
