import { createAccount, createCustomer, TestAccount } from '../support/factories';
import { unprocessable } from '../support/expectations';
import { createTestApp, TestApp } from '../support/test-app';

const count = async (t: TestApp, table: string) => (await t.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

describe('Idempotency-Key on POST', () => {
  let t: TestApp;
  let a: TestAccount;
  let b: TestAccount;

  beforeAll(async () => {
    t = await createTestApp();
    [a, b] = [await createAccount(t), await createAccount(t)];
  });
  afterAll(() => t.close());

  const post = (account: TestAccount, key: string, payload: object, url = '/api/v1/companies') =>
    t.request('POST', url, { headers: { ...account.auth, 'idempotency-key': key }, payload });

  it('replays the first response without a second write; another body with the key is a 422', async () => {
    const first = await post(a, 'k-1', { company: { name: 'Globex' } });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await post(a, 'k-1', { company: { name: 'Globex' } });
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await count(t, 'companies')).toBe(1);

    const other = await post(a, 'k-1', { company: { name: 'Initech' } });
    expect(other.statusCode).toBe(422);
    expect(other.json()).toEqual({
      error: { status: 422, message: 'Idempotency-Key was already used with a different request' },
    });
    // The same key on another route is another request too.
    expect((await post(a, 'k-1', { tag: { name: 'x' } }, '/api/v1/tags')).statusCode).toBe(422);
    expect(await count(t, 'companies')).toBe(1);
    expect(await count(t, 'tags')).toBe(0);

    // Keys belong to an account: B's k-1 is its own.
    expect((await post(b, 'k-1', { company: { name: 'Initech' } })).statusCode).toBe(201);
    expect(await count(t, 'companies')).toBe(2);
  });

  it('writes once when duplicates arrive concurrently (the later ones wait for the first)', async () => {
    const customer = await createCustomer(t, a);
    const payload = { conversation: { customer_id: customer.id, message: { body: 'Hello' } } };
    const before = [await count(t, 'conversations'), await count(t, 'messages')];
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => post(a, 'k-concurrent', payload, '/api/v1/conversations')),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(new Set(responses.map((r) => r.body)).size).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(7);
    expect([await count(t, 'conversations'), await count(t, 'messages')]).toEqual([before[0] + 1, before[1] + 1]);
  });

  it('releases the key when the first request fails, and forgets it after 24 h', async () => {
    const bad = await post(a, 'k-retry', { company: { name: '' } });
    expect(bad.statusCode).toBe(422);
    expect((await post(a, 'k-retry', { company: { name: 'Fixed' } })).statusCode).toBe(201);

    const n = await count(t, 'companies');
    await t.db.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'k-retry'`);
    const later = await post(a, 'k-retry', { company: { name: 'Fixed' } });
    expect(later.statusCode).toBe(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(await count(t, 'companies')).toBe(n + 1);
  });

  it('refuses a malformed key', async () => {
    const res = await post(a, 'x'.repeat(256), { company: { name: 'Long' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: { status: 400, message: 'Idempotency-Key must be 1 to 255 visible ASCII characters' },
    });
  });
});

describe('ETag and If-Match', () => {
  let t: TestApp;
  let a: TestAccount;
  const PRECONDITION_FAILED = {
    error: {
      status: 412,
      message: 'Precondition Failed: the resource has changed since the ETag in If-Match was issued',
    },
  };

  beforeAll(async () => {
    t = await createTestApp();
    a = await createAccount(t);
  });
  afterAll(() => t.close());

  it('tags single-resource GETs and PUT responses, and refuses stale If-Match with 412', async () => {
    const customer = await createCustomer(t, a, { name: 'Alex' });
    const url = `/api/v1/customers/${customer.id}`;
    const get = await t.request('GET', url, { headers: a.auth });
    const etag = get.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect((await t.request('GET', url, { headers: a.auth })).headers.etag).toBe(etag);
    expect((await t.request('GET', '/api/v1/customers', { headers: a.auth })).headers.etag).toBeUndefined();

    const put = await t.request('PUT', url, {
      headers: { ...a.auth, 'if-match': etag },
      payload: { customer: { name: 'Sam' } },
    });
    expect(put.statusCode).toBe(200);
    const fresh = put.headers.etag as string;
    expect(fresh).not.toBe(etag);
    expect((await t.request('GET', url, { headers: a.auth })).headers.etag).toBe(fresh);

    const stale = await t.request('PATCH', url, {
      headers: { ...a.auth, 'if-match': etag },
      payload: { customer: { name: 'Lost update' } },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toEqual(PRECONDITION_FAILED);
    expect((await t.request('GET', url, { headers: a.auth })).json().data.name).toBe('Sam');

    expect((await t.request('DELETE', url, { headers: { ...a.auth, 'if-match': etag } })).statusCode).toBe(412);
    expect((await t.request('DELETE', url, { headers: { ...a.auth, 'if-match': `"x", ${fresh}` } })).statusCode).toBe(
      204,
    );
    expect((await t.request('GET', url, { headers: a.auth })).statusCode).toBe(404);
  });

  it('lets exactly one of two writers holding the same ETag through', async () => {
    const customer = await createCustomer(t, a);
    const url = `/api/v1/customers/${customer.id}`;
    const etag = (await t.request('GET', url, { headers: a.auth })).headers.etag as string;
    const results = await Promise.all(
      ['One', 'Two'].map((name) =>
        t.request('PATCH', url, { headers: { ...a.auth, 'if-match': etag }, payload: { customer: { name } } }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
    // If-Match: * only requires the resource to exist.
    expect(
      (
        await t.request('PATCH', url, {
          headers: { ...a.auth, 'if-match': '*' },
          payload: { customer: { name: 'Any' } },
        })
      ).statusCode,
    ).toBe(200);
  });
});

describe('field limits', () => {
  let t: TestApp;
  let a: TestAccount;

  beforeAll(async () => {
    t = await createTestApp();
    a = await createAccount(t);
  });
  afterAll(() => t.close());

  const create = (customer: object) =>
    t.request('POST', '/api/v1/customers', { headers: a.auth, payload: { customer } });

  it('limits metadata to 16 KiB and 5 levels, and refuses NUL characters', async () => {
    expect((await create({ metadata: { blob: 'x'.repeat(16 * 1024) } })).json()).toEqual(
      unprocessable({ metadata: ['is too large'] }),
    );
    expect((await create({ metadata: { a: { b: { c: { d: { e: { f: 1 } } } } } } })).json()).toEqual(
      unprocessable({ metadata: ['is too large'] }),
    );
    expect((await create({ metadata: { a: 'nul\u0000' } })).json()).toEqual(
      unprocessable({ metadata: ['is too large'] }),
    );
    expect((await create({ name: 'nul\u0000' })).json()).toEqual(unprocessable({ name: ['is invalid'] }));
    expect(await count(t, 'customers')).toBe(0);
    const ok = await create({ metadata: { a: { b: { c: { d: 'x'.repeat(1000) } } } } });
    expect(ok.statusCode).toBe(201);
  });
});
