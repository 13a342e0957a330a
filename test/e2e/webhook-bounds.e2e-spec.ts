import { createServer, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { createAccount, createCustomer, TestAccount } from '../support/factories';
import { echoChallenge, Receiver } from '../support/receiver';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Per-tenant bounds of the webhook worker: one account's hanging receivers hold at most its share of the
 * POSTs in flight, so another account's deliveries go out at once; receivers' answers are read only up to
 * 64 KiB; an account has a capped number of subscriptions.
 */
describe('webhook bounds', () => {
  let t: TestApp;
  let a: TestAccount;
  let b: TestAccount;
  const hanging = new Receiver();
  const fast = new Receiver();
  let huge: Server;
  let hugeSent = 0;
  const TIMEOUT_MS = 8000;

  beforeAll(async () => {
    await hanging.start();
    await fast.start();
    // Answers 200 with an endless body (2 MiB per write) and counts what it managed to send.
    huge = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const json = JSON.parse(body);
        if (json.event === 'webhook:verify') return res.end(json.payload);
        res.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = Buffer.alloc(2 * 1024 * 1024, 'x');
        const pump = () => {
          while (!res.destroyed && res.write(chunk)) hugeSent += chunk.length;
          if (!res.destroyed && hugeSent < 200 * 1024 * 1024) res.once('drain', pump);
        };
        res.on('close', () => undefined);
        pump();
      });
    });
    await new Promise<void>((resolve) => huge.listen(0, '127.0.0.1', resolve));
    t = await createTestApp({
      config: {
        webhooks: {
          allowPrivateUrls: true,
          pollIntervalMs: 50,
          timeoutMs: TIMEOUT_MS,
          maxAttempts: 1,
          concurrency: 20,
          concurrencyPerAccount: 4,
          maxSubscriptionsPerAccount: 3,
        },
      },
    });
    a = await createAccount(t);
    b = await createAccount(t);
  });
  afterAll(async () => {
    await hanging.stop();
    await t?.close();
    await fast.stop();
    await new Promise((resolve) => huge.close(resolve));
  });

  const subscribe = (account: TestAccount, url: string) =>
    t.request('POST', '/api/v1/event_subscriptions', {
      headers: account.auth,
      payload: { event_subscription: { webhook_url: url, event_types: ['customer:created'] } },
    });

  it("one account's hanging receivers do not delay another account's deliveries", async () => {
    hanging.reply = (request) => echoChallenge(request) ?? 'hang';
    expect((await subscribe(a, hanging.url())).statusCode).toBe(201);
    expect((await subscribe(b, fast.url())).statusCode).toBe(201);
    // 30 deliveries for A, each hanging until the timeout: far more than every slot of the worker.
    for (let i = 0; i < 30; i++) await createCustomer(t, a, { name: `a${i}` });
    await hanging.waitFor(() => hanging.received.length >= 4, 5000, "A's POSTs");
    const started = Date.now();
    const customer = await createCustomer(t, b, { name: 'b' });
    await fast.waitFor(() => fast.received.length === 1, TIMEOUT_MS, "B's delivery");
    const waited = fast.received[0].at - started;
    expect(fast.received[0].json.payload.id).toBe(customer.id);
    // Before: B queued behind A's batch until A's POSTs timed out (TIMEOUT_MS). Generous for a loaded machine.
    expect(waited).toBeLessThan(TIMEOUT_MS / 4);
    // A holds at most its share of the slots.
    expect(hanging.received.length).toBe(4);
  }, 30_000);

  it('a receiver answering 200 MiB is read up to 64 KiB and then cut off', async () => {
    const url = `http://127.0.0.1:${(huge.address() as AddressInfo).port}/hook`;
    const res = await subscribe(b, url);
    expect(res.statusCode).toBe(201);
    const before = process.memoryUsage().rss;
    await createCustomer(t, b, { name: 'huge' });
    const id = res.json().data.id;
    let log: any[] = [];
    for (let i = 0; i < 200 && !(log[0]?.status === 'succeeded'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      log = (await t.request('GET', `/api/v1/event_subscriptions/${id}/deliveries`, { headers: b.auth })).json().data;
    }
    expect(log[0]?.status).toBe('succeeded');
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The connection was dropped: the sender managed a few MiB into socket buffers, not 200.
    expect(hugeSent).toBeLessThan(50 * 1024 * 1024);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it("a redelivery while a POST hangs: the stale POST's late answer does not settle the new attempt", async () => {
    const held: ServerResponse[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const json = JSON.parse(body);
        if (json.event === 'webhook:verify') return res.end(json.payload);
        held.push(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const d = await createAccount(t);
      const res = await subscribe(d, `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`);
      const id = res.json().data.id;
      await createCustomer(t, d);
      const deadline = Date.now() + 5000;
      while (held.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const [delivery] = (
        await t.request('GET', `/api/v1/event_subscriptions/${id}/deliveries`, { headers: d.auth })
      ).json().data;
      const again = await t.request('POST', `/api/v1/event_subscriptions/${id}/deliveries/${delivery.id}/redeliver`, {
        headers: d.auth,
      });
      expect(again.json().data).toMatchObject({ status: 'pending', attempt_count: 0 });
      while (held.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(held).toHaveLength(2);
      // The first POST answers now, late: its result belongs to a claim that is no longer current.
      held[0].end('ok');
      await new Promise((r) => setTimeout(r, 300));
      const [row] = await t.db.query('SELECT status, attempts FROM webhook_deliveries WHERE id = $1', [delivery.id]);
      expect(row).toEqual({ status: 'pending', attempts: 1 });
      held[1].end('ok');
      for (let i = 0; i < 100; i++) {
        const [now] = await t.db.query('SELECT status FROM webhook_deliveries WHERE id = $1', [delivery.id]);
        if (now.status === 'succeeded') break;
        await new Promise((r) => setTimeout(r, 20));
      }
      const [final] = await t.db.query('SELECT status FROM webhook_deliveries WHERE id = $1', [delivery.id]);
      expect(final.status).toBe('succeeded');
    } finally {
      for (const r of held) r.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('an account has at most WEBHOOK_MAX_SUBSCRIPTIONS_PER_ACCOUNT subscriptions (3 here)', async () => {
    // B has 2: a third is fine, a fourth is not; concurrent creates cannot overshoot either.
    expect((await subscribe(b, fast.url())).statusCode).toBe(201);
    expect((await subscribe(b, fast.url())).statusCode).toBe(422);
    const c = await createAccount(t);
    const results = await Promise.all(Array.from({ length: 6 }, () => subscribe(c, fast.url())));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 201, 201, 422, 422, 422]);
    expect(results.find((r) => r.statusCode === 422)!.json().error.errors).toEqual({
      event_subscription: ['an account may have at most 3 subscriptions'],
    });
  });
});
