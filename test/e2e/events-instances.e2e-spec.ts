import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '../support/database';
import { echoChallenge, Receiver } from '../support/receiver';
import { ensureBuilt, ServerProcess } from '../support/server-process';
import { SseClient } from '../support/sse';
import { verifyWebhook } from '../support/webhook-signature';

/**
 * Real server processes (`node dist/src/main.js`) sharing one database: what in-process tests cannot show —
 * two instances, a SIGKILL, LISTEN/NOTIFY between processes.
 */
describe('events across server instances', () => {
  const receiver = new Receiver();
  const servers: ServerProcess[] = [];
  let database: TestDatabase;
  let db: Client;

  const server = async (env: Record<string, string> = {}) => {
    const instance = await ServerProcess.spawn({
      DATABASE_URL: database.url,
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
      WEBHOOK_POLL_INTERVAL_MS: '50',
      WEBHOOK_RETRY_BASE_MS: '100',
      WEBHOOK_TIMEOUT_MS: '1000',
      ...env,
    });
    servers.push(instance);
    return instance.ready();
  };

  /** Registration, an API key and a verified subscription to every event type. */
  const setUp = async (via: ServerProcess) => {
    const email = `u-${randomBytes(5).toString('hex')}@example.com`;
    const password = 'correct horse battery';
    const registration = await via.request(
      'POST',
      '/api/registration',
      {},
      {
        user: { email, password, password_confirmation: password, company_name: 'Acme' },
      },
    );
    const token = registration.json.data.token;
    const key = await via.request('POST', '/api/personal_api_keys', { authorization: token }, { label: 'e2e' });
    const auth = { authorization: `Bearer ${key.json.data.value}` };
    const subscription = await via.request('POST', '/api/v1/event_subscriptions', auth, {
      event_subscription: { webhook_url: receiver.url(), event_types: ['customer:created'] },
    });
    expect(subscription.json.data.verified).toBe(true);
    return {
      auth,
      accountId: registration.json.data.account_id as string,
      secret: subscription.json.data.secret as string,
    };
  };

  const createCustomer = async (via: ServerProcess, auth: Record<string, string>, name: string) => {
    const res = await via.request('POST', '/api/v1/customers', auth, { customer: { name } });
    expect(res.status).toBe(201);
    return res.json.data;
  };

  const deliveryStates = async (accountId: string) =>
    (
      await db.query(`SELECT status, attempts FROM webhook_deliveries WHERE account_id = $1 ORDER BY created_at`, [
        accountId,
      ])
    ).rows;

  /** The worker records a result just after the receiver answers: poll for it. */
  const eventually = async (read: () => Promise<unknown>, expected: unknown, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    let value = await read();
    while (JSON.stringify(value) !== JSON.stringify(expected) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      value = await read();
    }
    expect(value).toEqual(expected);
  };

  beforeAll(async () => {
    ensureBuilt();
    database = await createTestDatabase('proc');
    db = new Client({ connectionString: database.url });
    await db.connect();
    await receiver.start();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await db?.end();
    await receiver.stop();
    await database?.drop();
  });

  afterEach(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    servers.length = 0;
    receiver.received = [];
    receiver.reply = (request) => echoChallenge(request) ?? { status: 200 };
  });

  it('two instances on one database deliver each event exactly once', async () => {
    const [a, b] = await Promise.all([server(), server()]);
    const { auth, accountId, secret } = await setUp(a);
    const customers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => createCustomer(i % 2 ? a : b, auth, `c${i}`)),
    );
    await receiver.waitFor(() => receiver.received.length >= 30, 10_000, '30 deliveries');
    await new Promise((resolve) => setTimeout(resolve, 500)); // room for a duplicate to show up
    expect(receiver.received).toHaveLength(30);
    expect(receiver.received.map((r) => r.json.payload.id).sort()).toEqual(customers.map((c) => c.id).sort());
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(30);
    expect(receiver.received.every((r) => verifyWebhook(secret, r.headers, r.body))).toBe(true);
    await eventually(() => deliveryStates(accountId), Array(30).fill({ status: 'succeeded', attempts: 1 }));
  }, 30_000);

  it('an instance killed with deliveries in flight: they are delivered after a restart', async () => {
    // The POSTs must still be in flight when the kill lands: with a 1 s timeout, a loaded machine let the
    // first ones time out (and be retried) while the fifth customer was still being created. Leases are
    // 2 × timeout + 1 s, so the restarted instance takes them over about 9 s after the claim.
    const slow = { WEBHOOK_TIMEOUT_MS: '4000' };
    const a = await server(slow);
    const { auth, accountId, secret } = await setUp(a);
    receiver.reply = (request) => echoChallenge(request) ?? 'hang';
    const customers = [];
    for (let i = 0; i < 5; i++) customers.push(await createCustomer(a, auth, `k${i}`));
    await receiver.waitFor(() => receiver.received.length === 5, 5000, 'five POSTs in flight');
    await a.kill();
    expect(await deliveryStates(accountId)).toEqual(Array(5).fill({ status: 'pending', attempts: 1 }));

    const answered: string[] = [];
    receiver.reply = (request) =>
      echoChallenge(request) ?? (answered.push(String(request.headers['webhook-id'])), { status: 200 });
    await server(slow);
    await receiver.waitFor(() => answered.length === 5, 25_000, 'redelivery after restart');
    const inFlight = receiver.received.slice(0, 5).map((r) => r.headers['webhook-id']);
    expect(answered.sort()).toEqual([...inFlight].sort());
    expect(
      receiver.received
        .slice(5)
        .map((r) => r.json.payload.id)
        .sort(),
    ).toEqual(customers.map((c) => c.id).sort());
    expect(receiver.received.every((r) => verifyWebhook(secret, r.headers, r.body))).toBe(true);
    await eventually(() => deliveryStates(accountId), Array(5).fill({ status: 'succeeded', attempts: 2 }));
  }, 60_000);

  it('an event written on one instance shows up on a stream served by the other', async () => {
    const [a, b] = await Promise.all([server(), server()]);
    const { auth } = await setUp(a);
    const stream = await SseClient.open(`${b.url}/api/v1/events/stream`, auth);
    try {
      expect(stream.status).toBe(200);
      await stream.waitFor((s) => s.frames.length > 0, 5000, 'the stream to open');
      const customer = await createCustomer(a, auth, 'Across');
      await stream.waitFor((s) => s.events.length === 1, 5000, 'the event on the other instance');
      expect(stream.events[0]).toMatchObject({
        id: '1',
        event: 'customer:created',
        data: { cursor: '1', payload: customer },
      });
    } finally {
      stream.close();
    }
  }, 30_000);
});
