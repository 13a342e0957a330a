import { createAccount, createCustomer, TestAccount } from '../support/factories';
import { UUID } from '../support/expectations';
import { createTestApp, TestApp } from '../support/test-app';

const HEADER =
  'id,name,email,created_at,updated_at,first_seen,last_seen_at,phone,external_id,host,pathname,current_url,browser,os,ip,time_zone';

describe('Customers: page numbers, CSV export, identify, upsert (e2e)', () => {
  let t: TestApp;

  const get = (who: TestAccount, url: string, query: Record<string, string> = {}) =>
    t.request('GET', url, { headers: who.auth, query });
  const ids = (res: { json: () => any }) => res.json().data.map((item: { id: string }) => item.id);
  const seenAt = (id: string, at: string) =>
    t.db.query('UPDATE customers SET last_seen_at = $2 WHERE id = $1', [id, at]);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe("GET /api/v1/customers with page / page_size (Papercups' shape)", () => {
    let account: TestAccount;
    let newest: string[];

    beforeAll(async () => {
      account = await createAccount(t);
      const created = [];
      for (const name of ['c1', 'c2', 'c3']) created.push(await createCustomer(t, account, { name }));
      await Promise.all(created.map((c, i) => seenAt(c.id, `2024-01-0${i + 1}T00:00:00Z`)));
      newest = created.map((c) => c.id).reverse();
    });

    const page = (query: Record<string, string>) => get(account, '/api/v1/customers', query);
    const meta = (res: { json: () => any }) => {
      const { data, ...rest } = res.json();
      return rest;
    };

    it('answers {data, page_number, page_size, total_pages, total_entries}', async () => {
      const res = await page({ page: '1', page_size: '2' });
      expect(res.statusCode).toBe(200);
      expect(Object.keys(res.json())).toEqual(['data', 'page_number', 'page_size', 'total_pages', 'total_entries']);
      expect(meta(res)).toEqual({ page_number: 1, page_size: 2, total_pages: 2, total_entries: 3 });
      expect(ids(res)).toEqual(newest.slice(0, 2));
      expect(res.json().data[0]).toMatchObject({
        id: newest[0],
        object: 'customer',
        name: 'c3',
        conversations: [],
        tags: [],
      });

      const second = await page({ page: '2', page_size: '2' });
      expect(meta(second)).toEqual({ page_number: 2, page_size: 2, total_pages: 2, total_entries: 3 });
      expect(ids(second)).toEqual(newest.slice(2));
    });

    it.each([
      [{ page: '9', page_size: '2' }, 2, 2],
      [{ page: '0', page_size: '2' }, 1, 2],
      [{ page: 'x', page_size: '2' }, 1, 2],
      [{ page: '2x', page_size: '2' }, 2, 2],
      [{ page: '-3', page_size: '2' }, 1, 2],
      [{ page: '1' }, 1, 50],
      [{ page_size: '0' }, 1, 50],
      [{ page_size: 'lots' }, 1, 50],
      [{ page_size: '500' }, 1, 100],
      [{ page: '', page_size: '' }, 1, 50],
    ])('reads %j leniently as Papercups: page %i, page_size %i', async (query, pageNumber, pageSize) => {
      const res = await page(query);
      expect(res.statusCode).toBe(200);
      expect(meta(res)).toEqual({
        page_number: pageNumber,
        page_size: pageSize,
        total_pages: Math.ceil(3 / pageSize),
        total_entries: 3,
      });
    });

    it('applies the filters and sorts, and counts 1 page when nothing matches', async () => {
      const res = await page({ page: '1', sort: 'name', q: 'c' });
      expect(ids(res)).toEqual([...newest].reverse());
      const none = await page({ page: '3', name: 'nobody' });
      expect(none.json()).toEqual({ data: [], page_number: 1, page_size: 50, total_pages: 1, total_entries: 0 });
    });

    it('answers 400 for a page that is not one value', async () => {
      const res = await page({ page: 'two pages' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: { status: 400, message: 'Bad Request', errors: { page: ['is invalid'] } } });
    });

    it('without page or page_size keeps the cursor shape', async () => {
      expect(Object.keys((await page({ limit: '1' })).json())).toEqual(['data', 'next', 'previous', 'limit', 'total']);
    });
  });

  describe('GET /api/v1/customers?format=csv', () => {
    let account: TestAccount;

    beforeAll(async () => {
      account = await createAccount(t);
    });

    it("exports Papercups' header and quoting, nulls as empty strings, no trailing newline", async () => {
      const c = await createCustomer(t, account, {
        name: 'Smith, "Agent"\nJr.',
        email: null,
        phone: '555',
        external_id: 42,
        host: 'example.com',
        os: 'Linux',
        time_zone: 'UTC',
        pathname: '/a',
        current_url: 'https://example.com/a',
        browser: 'Firefox',
      });
      await t.db.query(
        `UPDATE customers SET created_at = '2021-01-01T12:00:00.123Z', updated_at = '2021-01-02T08:30:00Z',
           first_seen = '2020-12-31', last_seen_at = '2021-01-03T09:15:07Z' WHERE id = $1`,
        [c.id],
      );
      const res = await get(account, '/api/v1/customers', { format: 'csv' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.body).toBe(
        `${HEADER}\r\n"${c.id}","Smith, ""Agent""\nJr.","","2021-01-01 12:00:00","2021-01-02 08:30:00","2020-12-31",` +
          `"2021-01-03 09:15:07Z","555","42","example.com","/a","https://example.com/a","Firefox","Linux","127.0.0.1","UTC"`,
      );
    });

    it('streams every matching customer in list order, past the 500-row batches, ignoring limit', async () => {
      const big = await createAccount(t);
      await t.db.query(
        `INSERT INTO customers (account_id, name, first_seen, last_seen_at)
         SELECT $1, 'bulk ' || n, '2024-01-01', timestamptz '2024-01-01' + n * interval '1 minute'
           FROM generate_series(1, 1203) AS n`,
        [big.accountId],
      );
      const res = await get(big, '/api/v1/customers', { format: 'csv', limit: '1' });
      const lines = res.body.split('\r\n');
      expect(lines).toHaveLength(1204);
      expect(lines[0]).toBe(HEADER);
      const names = lines.slice(1).map((line) => line.split(',')[1]);
      expect(names[0]).toBe('"bulk 1203"');
      expect(names[1202]).toBe('"bulk 1"');
      expect(new Set(names).size).toBe(1203);

      const filtered = await get(big, '/api/v1/customers', { format: 'csv', q: 'bulk 120', sort: 'name' });
      expect(filtered.body.split('\r\n').map((line) => line.split(',')[1])).toEqual([
        // every word must match: "bulk" and "120" (so "bulk 1120" too)
        'name',
        '"bulk 1120"',
        '"bulk 120"',
        '"bulk 1200"',
        '"bulk 1201"',
        '"bulk 1202"',
        '"bulk 1203"',
      ]);
    });

    it("exports only the header for an account without customers and never another account's rows", async () => {
      const res = await get(await createAccount(t), '/api/v1/customers', { format: 'csv' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(HEADER);
    });

    it('answers 400 for an unknown format or a bad filter, before any CSV is written', async () => {
      const res = await get(account, '/api/v1/customers', { format: 'xml' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: { status: 400, message: 'Bad Request', errors: { format: ['is invalid'] } },
      });
      const bad = await get(account, '/api/v1/customers', { format: 'csv', created_after: 'today' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toEqual({
        error: { status: 400, message: 'Bad Request', errors: { created_after: ['is invalid'] } },
      });
    });
  });

  describe('GET /api/v1/customers/identify', () => {
    let account: TestAccount;
    let older: any;
    let newer: any;

    beforeAll(async () => {
      account = await createAccount(t);
      older = await createCustomer(t, account, {
        external_id: 'ext-1',
        email: 'Alex@Example.com',
        host: 'app.example.com',
      });
      newer = await createCustomer(t, account, {
        external_id: 'ext-1',
        email: 'other@example.com',
        host: 'app.example.com',
      });
      await t.db.query(`UPDATE customers SET updated_at = '2024-01-01' WHERE id = $1`, [older.id]);
      await t.db.query(`UPDATE customers SET updated_at = '2024-02-01' WHERE id = $1`, [newer.id]);
    });

    const identify = (query: Record<string, string>, who = account) => get(who, '/api/v1/customers/identify', query);

    it('answers the most recently updated customer with that external_id', async () => {
      const res = await identify({ external_id: 'ext-1' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ data: { customer_id: newer.id } });
    });

    it('narrows by email and host, case-insensitively, ignoring blank ones', async () => {
      expect((await identify({ external_id: 'ext-1', email: 'alex@example.COM' })).json()).toEqual({
        data: { customer_id: older.id },
      });
      expect(
        (await identify({ external_id: 'ext-1', email: 'alex@example.com', host: 'APP.example.com' })).json(),
      ).toEqual({
        data: { customer_id: older.id },
      });
      expect((await identify({ external_id: 'ext-1', host: '' })).json()).toEqual({ data: { customer_id: newer.id } });
      expect((await identify({ external_id: 'ext-1', email: 'alex@%' })).json()).toEqual({
        data: { customer_id: null },
      });
    });

    it('answers customer_id null when nothing matches', async () => {
      expect((await identify({ external_id: 'ext-2' })).json()).toEqual({ data: { customer_id: null } });
      expect((await identify({ external_id: 'ext-1', email: 'nobody@example.com' })).json()).toEqual({
        data: { customer_id: null },
      });
    });

    it("never finds another account's customer", async () => {
      const other = await createAccount(t);
      expect((await identify({ external_id: 'ext-1' }, other)).json()).toEqual({ data: { customer_id: null } });
    });

    it.each([
      {},
      { external_id: '' },
      { external_id: 'null' },
      { external_id: 'undefined' },
      { email: 'alex@example.com' },
    ])('answers 422 without a usable external_id (%j)', async (query) => {
      const res = await identify(query as Record<string, string>);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual({
        error: { status: 422, message: 'The following parameters are required: external_id' },
      });
    });

    // 401 without a key: tenant-isolation.e2e-spec.ts, for every route.
  });

  describe('POST /api/v1/customers?upsert=true', () => {
    let account: TestAccount;

    beforeAll(async () => {
      account = await createAccount(t);
    });

    const upsert = (
      customer: Record<string, unknown>,
      query: Record<string, string> = { upsert: 'true' },
      who = account,
    ) => t.request('POST', '/api/v1/customers', { headers: who.auth, query, payload: { customer } });
    const withExternalId = async (externalId: string, who = account) =>
      await t.db.query('SELECT id, name, email FROM customers WHERE account_id = $1 AND external_id = $2', [
        who.accountId,
        externalId,
      ]);

    it('creates (201, Location) the first time and updates (200) the same customer afterwards', async () => {
      const created = await upsert({ external_id: 'u-1', name: 'First', email: 'first@example.com' });
      expect(created.statusCode).toBe(201);
      expect(created.headers.location).toBe(`/api/v1/customers/${created.json().data.id}`);
      expect(created.json().data).toMatchObject({
        id: UUID,
        external_id: 'u-1',
        name: 'First',
        email: 'first@example.com',
        tags: [],
      });

      const updated = await upsert({ external_id: 'u-1', name: 'Renamed' });
      expect(updated.statusCode).toBe(200);
      expect(updated.headers.location).toBeUndefined();
      expect(updated.json().data).toMatchObject({
        id: created.json().data.id,
        external_id: 'u-1',
        name: 'Renamed',
        email: 'first@example.com',
        company: null,
        tags: [],
      });
      expect(await withExternalId('u-1')).toEqual([
        { id: created.json().data.id, name: 'Renamed', email: 'first@example.com' },
      ]);
    });

    it('accepts a numeric external_id as its string', async () => {
      const first = await upsert({ external_id: 777, name: 'Num' });
      const again = await upsert({ external_id: '777', name: 'Num 2' });
      expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
      expect(again.json().data.id).toBe(first.json().data.id);
    });

    it('updates the most recently updated one when duplicates already exist', async () => {
      const a = await createCustomer(t, account, { external_id: 'dup' });
      const b = await createCustomer(t, account, { external_id: 'dup' });
      await t.db.query(`UPDATE customers SET updated_at = '2024-01-01' WHERE id = $1`, [b.id]);
      const res = await upsert({ external_id: 'dup', name: 'Picked' });
      expect(res.statusCode).toBe(200);
      expect(res.json().data.id).toBe(a.id);
    });

    it('is race-safe: concurrent upserts of one external_id create exactly one customer', async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => upsert({ external_id: 'race', name: `n${i}` })),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
      expect(new Set(results.map((r) => r.json().data.id)).size).toBe(1);
      expect(await withExternalId('race')).toHaveLength(1);
    });

    it("never touches another account's customer with the same external_id", async () => {
      const other = await createAccount(t);
      const theirs = await createCustomer(t, other, { external_id: 'shared', name: 'Theirs' });
      const res = await upsert({ external_id: 'shared', name: 'Mine' });
      expect(res.statusCode).toBe(201);
      expect(res.json().data.id).not.toBe(theirs.id);
      expect(await withExternalId('shared', other)).toEqual([
        { id: theirs.id, name: 'Theirs', email: 'customer@example.com' },
      ]);
    });

    it('without upsert (or upsert=false) always inserts, as Papercups does', async () => {
      const first = await upsert({ external_id: 'plain' }, {});
      const second = await upsert({ external_id: 'plain' }, { upsert: 'false' });
      expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
      expect(await withExternalId('plain')).toHaveLength(2);
    });

    it('answers 422 for an upsert without external_id and 400 for a bad upsert flag, writing nothing', async () => {
      const missing = await upsert({ name: 'No id' });
      expect(missing.statusCode).toBe(422);
      expect(missing.json()).toEqual({
        error: { status: 422, message: 'Unprocessable Entity', errors: { external_id: ["can't be blank"] } },
      });
      const bad = await upsert({ external_id: 'flag' }, { upsert: 'yes' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toEqual({
        error: { status: 400, message: 'Bad Request', errors: { upsert: ['is invalid'] } },
      });
      expect(await withExternalId('flag')).toEqual([]);
    });

    it('validates fields as a plain create does', async () => {
      const res = await upsert({ external_id: 'v', last_seen_at: 3 });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual({
        error: { status: 422, message: 'Unprocessable Entity', errors: { last_seen_at: ['is invalid'] } },
      });
    });
  });
});
