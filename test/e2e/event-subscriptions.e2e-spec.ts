import { createAccount, createCustomer, TestAccount } from '../support/factories';
import { NAIVE_TIMESTAMP, NOT_FOUND, UUID, unprocessable } from '../support/expectations';
import { echoChallenge, Receiver } from '../support/receiver';
import { createTestApp, TestApp } from '../support/test-app';
import { verifyWebhook } from '../support/webhook-signature';

const SECRET = expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/);

describe('event subscriptions (/api/v1/event_subscriptions, /api/event_subscriptions)', () => {
  let t: TestApp;
  let owner: TestAccount;
  let other: TestAccount;
  const receiver = new Receiver();

  const WEBHOOKS = {
    allowPrivateUrls: true,
    pollIntervalMs: 50,
    retryBaseMs: 100,
    maxAttempts: 3,
    timeoutMs: 1000,
    disableAfterFailures: 6,
  };

  beforeAll(async () => {
    await receiver.start();
    t = await createTestApp({ config: { webhooks: WEBHOOKS } });
    owner = await createAccount(t);
    other = await createAccount(t);
  });

  afterAll(async () => {
    await t?.close();
    await receiver.stop();
  });

  beforeEach(() => {
    receiver.received = [];
    receiver.reply = (request) => echoChallenge(request) ?? { status: 200 };
  });

  const subscribe = async (account: TestAccount, fields: Record<string, unknown> = {}) => {
    const res = await t.request('POST', '/api/v1/event_subscriptions', {
      headers: account.auth,
      payload: { event_subscription: { webhook_url: receiver.url(), ...fields } },
    });
    if (res.statusCode !== 201) throw new Error(`subscription failed: ${res.body}`);
    return res.json().data;
  };
  const remove = (account: TestAccount, id: string) =>
    t.request('DELETE', `/api/v1/event_subscriptions/${id}`, { headers: account.auth });
  const deliveries = async (account: TestAccount, id: string) => {
    const res = await t.request('GET', `/api/v1/event_subscriptions/${id}/deliveries`, { headers: account.auth });
    expect(res.statusCode).toBe(200);
    return res.json().data;
  };
  /** The delivery log once `count` deliveries have left `pending`. */
  const settled = async (account: TestAccount, id: string, count: number, timeoutMs = 8000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const log = await deliveries(account, id);
      if (log.filter((d: any) => d.status !== 'pending').length >= count) return log;
      if (Date.now() > deadline) throw new Error(`deliveries not settled: ${JSON.stringify(log)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const subscriptionRow = async (id: string) =>
    (await t.db.query('SELECT disabled_at, consecutive_failures FROM event_subscriptions WHERE id = $1', [id]))[0];

  describe('CRUD', () => {
    it('creates a verified subscription and shows its secret once', async () => {
      const res = await t.request('POST', '/api/v1/event_subscriptions', {
        headers: owner.auth,
        payload: { event_subscription: { webhook_url: receiver.url(), scope: 'customer:created' } },
      });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toEqual({
        data: {
          id: UUID,
          object: 'event_subscription',
          account_id: owner.accountId,
          created_at: NAIVE_TIMESTAMP,
          disabled_at: null,
          enabled: true,
          event_types: ['conversation:created', 'message:created', 'customer:created'],
          scope: 'customer:created',
          secret: SECRET,
          updated_at: NAIVE_TIMESTAMP,
          verified: true,
          webhook_url: receiver.url(),
        },
      });
      expect(res.headers.location).toBe(`/api/v1/event_subscriptions/${body.data.id}`);
      const { secret, ...rest } = body.data;
      const shown = await t.request('GET', `/api/v1/event_subscriptions/${rest.id}`, { headers: owner.auth });
      expect(shown.json()).toEqual({ data: { ...rest, secret: null } });
      const listed = await t.request('GET', '/api/v1/event_subscriptions', { headers: owner.auth });
      expect(listed.json()).toEqual({
        data: [{ ...rest, secret: null }],
        next: null,
        previous: null,
        limit: 50,
        total: 1,
      });
      expect((await remove(owner, rest.id)).statusCode).toBe(204);
      const another = await subscribe(owner);
      expect(another.secret).toEqual(SECRET);
      expect(another.secret).not.toEqual(secret);
      await remove(owner, another.id);
    });

    it('serves Papercups’ /api/event_subscriptions with a session token, scoped to the account', async () => {
      const created = await t.request('POST', '/api/event_subscriptions', {
        headers: { authorization: owner.token },
        payload: { event_subscription: { webhook_url: receiver.url('/papercups') } },
      });
      expect(created.statusCode).toBe(201);
      const { id } = created.json().data;
      // On the door the client used, and it answers there.
      expect(created.headers.location).toBe(`/api/event_subscriptions/${id}`);
      expect(
        (await t.request('GET', created.headers.location as string, { headers: { authorization: owner.token } }))
          .statusCode,
      ).toBe(200);
      expect(created.json().data.event_types).toEqual(['conversation:created', 'message:created']);
      const updated = await t.request('PUT', `/api/event_subscriptions/${id}`, {
        headers: { authorization: owner.token },
        payload: { event_subscription: { scope: 'conversation:updated,customer:deleted' } },
      });
      expect(updated.statusCode).toBe(200);
      // Papercups would unverify a subscription updated without webhook_url: fixed.
      expect(updated.json().data).toMatchObject({
        verified: true,
        scope: 'conversation:updated,customer:deleted',
        event_types: ['conversation:created', 'conversation:updated', 'message:created', 'customer:deleted'],
      });
      expect((await t.request('GET', `/api/event_subscriptions/${id}`, { headers: other.auth })).statusCode).toBe(401);
      for (const [method, path] of [
        ['GET', ''],
        ['PUT', ''],
        ['DELETE', ''],
        ['GET', '/deliveries'],
        ['POST', '/rotate_secret'],
      ]) {
        const res = await t.request(method, `/api/v1/event_subscriptions/${id}${path}`, {
          headers: other.auth,
          payload: method === 'PUT' ? { event_subscription: { scope: 'x' } } : undefined,
        });
        expect([method, path, res.statusCode, res.json()]).toEqual([method, path, 404, NOT_FOUND]);
      }
      expect(
        (await t.request('GET', '/api/event_subscriptions', { headers: { authorization: other.token } })).json().data,
      ).toEqual([]);
      expect(
        (await t.request('DELETE', `/api/event_subscriptions/${id}`, { headers: { authorization: owner.token } }))
          .statusCode,
      ).toBe(204);
      expect((await t.request('GET', `/api/v1/event_subscriptions/${id}`, { headers: owner.auth })).statusCode).toBe(
        404,
      );
    });

    // 401 without credentials, on both prefixes: tenant-isolation.e2e-spec.ts, for every route.

    it('chooses exact event types, and rejects unknown ones', async () => {
      const sub = await subscribe(owner, { event_types: ['message:deleted', 'customer:updated'], scope: 'ignored' });
      expect(sub.event_types).toEqual(['message:deleted', 'customer:updated']);
      const bad = await t.request('POST', '/api/v1/event_subscriptions', {
        headers: owner.auth,
        payload: { event_subscription: { webhook_url: receiver.url(), event_types: ['message:created', 'nope'] } },
      });
      expect([bad.statusCode, bad.json()]).toEqual([422, unprocessable({ event_types: ['is invalid'] })]);
      await remove(owner, sub.id);
    });

    it('validates webhook URLs: http/https only, no private addresses unless allowed', async () => {
      const attempt = (webhook_url: unknown, on = t) =>
        on.request('POST', '/api/v1/event_subscriptions', {
          headers: owner.auth,
          payload: { event_subscription: { webhook_url } },
        });
      for (const [url, message] of [
        ['ftp://example.com/hook', 'must be an http or https URL'],
        ['javascript:alert(1)', 'must be an http or https URL'],
        ['not a url', 'is invalid'],
        ['http://user:pw@example.com/', 'must not contain credentials'],
      ]) {
        const res = await attempt(url);
        expect([url, res.statusCode, res.json()]).toEqual([url, 422, unprocessable({ webhook_url: [message] })]);
      }
      expect((await attempt(null)).json()).toEqual(unprocessable({ webhook_url: ["can't be blank"] }));
      // The same database behind an instance that refuses private addresses (the default).
      const strict = await createTestApp({
        sameDatabaseAs: t,
        config: { webhooks: { ...WEBHOOKS, allowPrivateUrls: false } },
      });
      try {
        for (const url of [
          receiver.url(),
          'http://localhost/x',
          'http://10.1.2.3/x',
          'http://[::1]:80/x',
          'http://169.254.169.254/latest',
        ]) {
          const res = await attempt(url, strict);
          expect([url, res.statusCode, res.json()]).toEqual([
            url,
            422,
            unprocessable({ webhook_url: ['must not point to a private or loopback address'] }),
          ]);
        }
      } finally {
        await strict.close();
      }
      expect(
        await t.db.query('SELECT count(*)::int AS n FROM event_subscriptions WHERE account_id = $1', [owner.accountId]),
      ).toEqual([{ n: 0 }]);
    });
  });

  describe('webhook:verify handshake', () => {
    const verify = async (url = receiver.url()) => {
      const res = await t.request('POST', '/api/v1/event_subscriptions/verify', {
        headers: owner.auth,
        payload: { url },
      });
      expect(res.statusCode).toBe(200);
      return res.json().data.verified;
    };

    it('accepts the raw challenge, a JSON string, or {"challenge": ...}, whatever the status', async () => {
      let seen: any = null;
      receiver.reply = (r) => ((seen = r.json), { status: 200, body: r.json.payload });
      expect(await verify()).toBe(true);
      expect(seen).toEqual({ event: 'webhook:verify', payload: expect.stringMatching(/^[A-Z2-7]{64}$/) });
      receiver.reply = (r) => ({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ challenge: r.json.payload }),
      });
      expect(await verify()).toBe(true);
      receiver.reply = (r) => ({ status: 500, body: JSON.stringify(r.json.payload) });
      expect(await verify()).toBe(true);
    });

    it('fails on a wrong answer or an unreachable URL; an unverified subscription gets no events', async () => {
      receiver.reply = () => ({ status: 200, body: '{"challenge":"wrong"}' });
      expect(await verify()).toBe(false);
      const sub = await subscribe(owner, { event_types: ['customer:created'] });
      expect(sub.verified).toBe(false);
      receiver.reply = (request) => echoChallenge(request) ?? { status: 200 };
      expect(await verify('http://127.0.0.1:1/hook')).toBe(false);
      await createCustomer(t, owner);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(receiver.received).toEqual([]);
      expect(await deliveries(owner, sub.id)).toEqual([]);
      // A new URL is verified again.
      const res = await t.request('PATCH', `/api/v1/event_subscriptions/${sub.id}`, {
        headers: owner.auth,
        payload: { event_subscription: { webhook_url: receiver.url('/again') } },
      });
      expect(res.json().data).toMatchObject({ verified: true, webhook_url: receiver.url('/again') });
      await remove(owner, sub.id);
    });
  });

  describe('delivery', () => {
    it('POSTs {"event","payload"} signed with the documented recipe; the delivery log shows it', async () => {
      const sub = await subscribe(owner, { event_types: ['customer:created'] });
      const customer = await createCustomer(t, owner, { name: 'Signed' });
      await receiver.waitFor(() => receiver.received.length === 1, 5000, 'a delivery');
      const [request] = receiver.received;
      expect(request.json).toEqual({ event: 'customer:created', payload: customer });
      expect(request.headers['content-type']).toBe('application/json');
      expect(verifyWebhook(sub.secret, request.headers, request.body)).toBe(true);
      expect(verifyWebhook(sub.secret, request.headers, request.body.replace('Signed', 'Forged'))).toBe(false);
      expect(Math.abs(Number(request.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(10);

      const log = await settled(owner, sub.id, 1);
      const [event] = (await t.request('GET', '/api/v1/events?type=customer:created', { headers: owner.auth }))
        .json()
        .data.slice(-1);
      expect(log).toEqual([
        {
          id: request.headers['webhook-id'],
          object: 'webhook_delivery',
          account_id: owner.accountId,
          attempt_count: 1,
          attempts: [
            {
              id: UUID,
              object: 'webhook_delivery_attempt',
              created_at: expect.any(String),
              duration_ms: expect.any(Number),
              error: null,
              status_code: 200,
            },
          ],
          created_at: NAIVE_TIMESTAMP,
          event,
          last_attempt_at: expect.any(String),
          next_attempt_at: null,
          status: 'succeeded',
          subscription_id: sub.id,
          updated_at: NAIVE_TIMESTAMP,
        },
      ]);
      await remove(owner, sub.id);
    });

    it('delivers only the chosen types; Papercups’ default is conversation:created and message:created', async () => {
      const sub = await subscribe(owner);
      const customer = await createCustomer(t, owner);
      const conversation = await t.request('POST', '/api/v1/conversations', {
        headers: owner.auth,
        payload: { conversation: { customer_id: customer.id, message: { body: 'Hi' } } },
      });
      await t.request('PUT', `/api/v1/conversations/${conversation.json().data.id}`, {
        headers: owner.auth,
        payload: { conversation: { status: 'closed' } },
      });
      // Papercups' opt-out: in the log, never delivered.
      await t.request('POST', '/api/v1/messages', {
        headers: owner.auth,
        payload: {
          message: {
            body: 'quiet',
            conversation_id: conversation.json().data.id,
            metadata: { disable_webhook_events: true },
          },
        },
      });
      await settled(owner, sub.id, 2);
      // Concurrent POSTs: no order between deliveries is promised (each has its event's cursor).
      expect(receiver.received.map((r) => r.json.event).sort()).toEqual(['conversation:created', 'message:created']);
      const created = receiver.received.find((r) => r.json.event === 'conversation:created');
      expect(created!.json.payload).toEqual(conversation.json().data);
      await remove(owner, sub.id);
    });

    it('retries a 5xx with the same webhook-id, then succeeds; the log keeps every attempt', async () => {
      const sub = await subscribe(owner, { event_types: ['customer:created'] });
      let calls = 0;
      receiver.reply = (r) => echoChallenge(r) ?? { status: ++calls === 1 ? 503 : 204 };
      await createCustomer(t, owner);
      const [delivery] = await settled(owner, sub.id, 1);
      expect(receiver.received).toHaveLength(2);
      expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([delivery.id, delivery.id]);
      expect(receiver.received[1].body).toBe(receiver.received[0].body);
      expect(receiver.received.every((r) => verifyWebhook(sub.secret, r.headers, r.body))).toBe(true);
      expect(delivery).toMatchObject({ status: 'succeeded', attempt_count: 2 });
      expect(delivery.attempts.map((a: any) => [a.status_code, a.error])).toEqual([
        [503, 'HTTP 503'],
        [204, null],
      ]);
      expect(await subscriptionRow(sub.id)).toEqual({ disabled_at: null, consecutive_failures: 0 });
      await remove(owner, sub.id);
    });

    it('honours Retry-After on a 429', async () => {
      const sub = await subscribe(owner, { event_types: ['customer:created'] });
      let calls = 0;
      receiver.reply = (r) =>
        echoChallenge(r) ?? (++calls === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 });
      await createCustomer(t, owner);
      await settled(owner, sub.id, 1);
      const [first, second] = receiver.received;
      // The backoff alone would be 50–100 ms.
      expect(second.at - first.at).toBeGreaterThanOrEqual(950);
      await remove(owner, sub.id);
    });

    it('retries timeouts, gives up after WEBHOOK_MAX_ATTEMPTS, and never retries other 4xx', async () => {
      const sub = await subscribe(owner, { event_types: ['customer:created', 'customer:updated'] });
      receiver.reply = (r) => echoChallenge(r) ?? (r.json.event === 'customer:created' ? 'hang' : { status: 410 });
      const customer = await createCustomer(t, owner);
      await t.request('PUT', `/api/v1/customers/${customer.id}`, {
        headers: owner.auth,
        payload: { customer: { name: 'x' } },
      });
      const log = await settled(owner, sub.id, 2, 15_000);
      const byType = Object.fromEntries(log.map((d: any) => [d.event.type, d]));
      expect(byType['customer:updated']).toMatchObject({ status: 'failed', attempt_count: 1, next_attempt_at: null });
      expect(byType['customer:updated'].attempts.map((a: any) => a.status_code)).toEqual([410]);
      expect(byType['customer:created']).toMatchObject({ status: 'failed', attempt_count: 3 });
      expect(byType['customer:created'].attempts.map((a: any) => [a.status_code, a.error])).toEqual([
        [null, 'timeout'],
        [null, 'timeout'],
        [null, 'timeout'],
      ]);
      expect(byType['customer:created'].attempts.every((a: any) => a.duration_ms >= 900 && a.duration_ms < 3000)).toBe(
        true,
      );
      await remove(owner, sub.id);
    }, 20_000);

    it('receiver down, then up: every event arrives, once each', async () => {
      const sub = await subscribe(owner, { event_types: ['customer:created'] });
      await receiver.stop();
      const created = [];
      for (let i = 0; i < 3; i++) created.push(await createCustomer(t, owner, { name: `Down ${i}` }));
      const attempted = async () => (await deliveries(owner, sub.id)).every((d: any) => d.attempts.length >= 1);
      // The receiver must be back before the second attempts: six failures in a row disable the subscription
      // (WEBHOOK_DISABLE_AFTER_FAILURES). So the first attempts are watched in the database, not over HTTP.
      const failedOnce = async () =>
        (
          await t.db.query(
            `SELECT count(DISTINCT a.delivery_id)::int AS n FROM webhook_delivery_attempts a
             JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.subscription_id = $1`,
            [sub.id],
          )
        )[0].n === 3;
      for (let i = 0; i < 1000 && !(await failedOnce()); i++) await new Promise((resolve) => setTimeout(resolve, 2));
      expect(receiver.received).toEqual([]);
      await receiver.start();
      expect(await attempted()).toBe(true);
      await settled(owner, sub.id, 3);
      expect(receiver.received.map((r) => r.json.payload.id).sort()).toEqual(created.map((c) => c.id).sort());
      expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(3);
      await remove(owner, sub.id);
    });

    it('disables a subscription after WEBHOOK_DISABLE_AFTER_FAILURES failed attempts; enabled:true resumes it', async () => {
      const sub = await subscribe(owner, { event_types: ['customer:created'] });
      receiver.reply = (r) => echoChallenge(r) ?? { status: 500 };
      await createCustomer(t, owner);
      await createCustomer(t, owner);
      await settled(owner, sub.id, 2);
      const shown = (await t.request('GET', `/api/v1/event_subscriptions/${sub.id}`, { headers: owner.auth })).json()
        .data;
      expect(shown).toMatchObject({ enabled: false, disabled_at: expect.stringMatching(/Z$/) });
      expect(await subscriptionRow(sub.id)).toMatchObject({ consecutive_failures: 6 });
      // Disabled: new events queue nothing for it.
      await createCustomer(t, owner);
      expect(await deliveries(owner, sub.id)).toHaveLength(2);

      receiver.reply = (r) => echoChallenge(r) ?? { status: 200 };
      const resumed = await t.request('PATCH', `/api/v1/event_subscriptions/${sub.id}`, {
        headers: owner.auth,
        payload: { event_subscription: { enabled: true } },
      });
      expect(resumed.json().data).toMatchObject({ enabled: true, disabled_at: null });
      expect(await subscriptionRow(sub.id)).toEqual({ disabled_at: null, consecutive_failures: 0 });
      const resumedCustomer = await createCustomer(t, owner);
      const log = await settled(owner, sub.id, 3);
      expect(log[0]).toMatchObject({ status: 'succeeded', event: { payload: { id: resumedCustomer.id } } });
      await remove(owner, sub.id);
    });

    it('redelivers on demand with the same webhook-id', async () => {
      const sub = await subscribe(owner, { event_types: ['customer:created'] });
      await createCustomer(t, owner);
      const [delivery] = await settled(owner, sub.id, 1);
      const res = await t.request('POST', `/api/v1/event_subscriptions/${sub.id}/deliveries/${delivery.id}/redeliver`, {
        headers: owner.auth,
      });
      expect(res.statusCode).toBe(202);
      expect(res.json().data).toMatchObject({ id: delivery.id, status: 'pending', attempt_count: 0 });
      await receiver.waitFor(() => receiver.received.length === 2, 5000, 'the redelivery');
      expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([delivery.id, delivery.id]);
      const missing = await t.request('POST', `/api/v1/event_subscriptions/${sub.id}/deliveries/${sub.id}/redeliver`, {
        headers: owner.auth,
      });
      expect([missing.statusCode, missing.json()]).toEqual([404, NOT_FOUND]);
      const foreign = await t.request(
        'POST',
        `/api/v1/event_subscriptions/${sub.id}/deliveries/${delivery.id}/redeliver`,
        { headers: other.auth },
      );
      expect(foreign.statusCode).toBe(404);
      await remove(owner, sub.id);
    });

    it('rotates the secret: the next delivery is signed with the new one only', async () => {
      const sub = await subscribe(owner, { event_types: ['customer:created'] });
      const res = await t.request('POST', `/api/v1/event_subscriptions/${sub.id}/rotate_secret`, {
        headers: owner.auth,
      });
      expect(res.statusCode).toBe(200);
      const { secret } = res.json().data;
      expect(secret).toEqual(SECRET);
      expect(secret).not.toBe(sub.secret);
      await createCustomer(t, owner);
      await receiver.waitFor(() => receiver.received.length === 1, 5000, 'a delivery');
      const [request] = receiver.received;
      expect(verifyWebhook(secret, request.headers, request.body)).toBe(true);
      expect(verifyWebhook(sub.secret, request.headers, request.body)).toBe(false);
      await remove(owner, sub.id);
    });
  });
});
