import { randomUUID } from 'node:crypto';
import {
  createAccount,
  createConversation,
  createCustomer,
  createMessage,
  form,
  TestAccount,
} from '../support/factories';
import { badRequest, NAIVE_TIMESTAMP, NOT_FOUND, unprocessable, UTC_TIMESTAMP, UUID } from '../support/expectations';
import { createTestApp, TestApp } from '../support/test-app';

const today = () => new Date().toISOString().slice(0, 10);

/** A customer as create/retrieve/update render it, every field null unless given. */
const customerBody = (fields: Record<string, unknown> = {}) => ({
  id: UUID,
  object: 'customer',
  browser: null,
  browser_language: null,
  browser_version: null,
  company: null,
  company_id: null,
  created_at: NAIVE_TIMESTAMP,
  current_url: null,
  email: null,
  external_id: null,
  first_seen: today(),
  host: null,
  ip: '127.0.0.1',
  last_seen: today(),
  last_seen_at: UTC_TIMESTAMP,
  lib: null,
  metadata: null,
  name: null,
  os: null,
  pathname: null,
  phone: null,
  profile_photo_url: null,
  screen_height: null,
  screen_width: null,
  tags: [],
  time_zone: null,
  title: 'Anonymous User',
  updated_at: NAIVE_TIMESTAMP,
  ...fields,
});

/** A list item: the same customer (company and tags included, as the seed doc shows) plus its latest conversation. */
const listItem = (customer: Record<string, unknown>, conversations: unknown[] = []) => ({ ...customer, conversations });

const CONVERSATION_KEYS = [
  'account_id',
  'assignee_id',
  'closed_at',
  'created_at',
  'customer_id',
  'id',
  'inbox_id',
  'last_activity_at',
  'metadata',
  'object',
  'priority',
  'read',
  'source',
  'status',
  'subject',
];

describe('customers (/api/v1/customers)', () => {
  let t: TestApp;
  let a: TestAccount;
  let b: TestAccount;

  beforeAll(async () => {
    // Behind a trusted proxy, so X-Forwarded-For sets the recorded ip (test/e2e/trust-proxy: off by default).
    t = await createTestApp({ config: { trustProxy: true } });
    a = await createAccount(t);
    b = await createAccount(t);
  });
  afterAll(() => t.close());

  const post = (customer: unknown, account = a, headers: Record<string, string> = {}) =>
    t.request('POST', '/api/v1/customers', { headers: { ...account.auth, ...headers }, payload: { customer } });
  const get = (id: string, account = a) => t.request('GET', `/api/v1/customers/${id}`, { headers: account.auth });
  const list = (query: Record<string, string> = {}, account = a) =>
    t.request('GET', '/api/v1/customers', { headers: account.auth, query });
  const countCustomers = async (accountId?: string) => {
    const [{ n }] = accountId
      ? await t.db.query('SELECT count(*)::int AS n FROM customers WHERE account_id = $1', [accountId])
      : await t.db.query('SELECT count(*)::int AS n FROM customers');
    return n as number;
  };
  const insertCompany = async (account: TestAccount, name = 'Globex') => {
    const [row] = await t.db.query('INSERT INTO companies (account_id, name) VALUES ($1, $2) RETURNING id', [
      account.accountId,
      name,
    ]);
    return row.id as string;
  };

  describe('authentication', () => {
    // Every route answers 401 without a key or with an unknown one: tenant-isolation.e2e-spec.ts.
    it('writes nothing for an unauthenticated create', async () => {
      const before = await countCustomers();
      await t.request('POST', '/api/v1/customers', { payload: { customer: { name: 'Nobody' } } });
      expect(await countCustomers()).toBe(before);
    });
  });

  describe('POST /api/v1/customers', () => {
    it('creates a customer: 201, Location header and the full body', async () => {
      const res = await post({ name: 'Alex', email: 'alex@alex.com', external_id: 'abc123' });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toEqual({
        data: customerBody({ name: 'Alex', email: 'alex@alex.com', external_id: 'abc123', title: 'Alex' }),
      });
      expect(res.headers.location).toBe(`/api/v1/customers/${body.data.id}`);
      expect(body.data.last_seen_at.slice(0, 10)).toBe(today());
      expect(Math.abs(Date.parse(body.data.last_seen_at) - Date.now())).toBeLessThan(60_000);

      const [row] = await t.db.query(
        'SELECT account_id, name, email, external_id, ip, first_seen::text AS first_seen FROM customers WHERE id = $1',
        [body.data.id],
      );
      expect(row).toEqual({
        account_id: a.accountId,
        name: 'Alex',
        email: 'alex@alex.com',
        external_id: 'abc123',
        ip: '127.0.0.1',
        first_seen: today(),
      });
    });

    it('stores every visit field the client sends', async () => {
      const fields = {
        name: 'Visitor',
        email: 'v@example.com',
        phone: '1231231230',
        external_id: 'x-1',
        profile_photo_url: 'https://example.com/p.png',
        browser: 'Chrome',
        browser_version: '120.0',
        browser_language: 'en-US',
        os: 'Mac OS X',
        current_url: 'http://localhost:3000/',
        host: 'localhost:3000',
        pathname: '/',
        screen_height: 900,
        screen_width: 1440,
        lib: 'papercups-js',
        time_zone: 'America/New_York',
        first_seen: '2020-12-19',
        last_seen_at: '2020-12-19T10:11:12Z',
        metadata: { age: 25, plan: 'starter', valid: true },
      };
      const res = await post(fields);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({
        data: customerBody({
          ...fields,
          title: 'Visitor',
          last_seen: '2020-12-19',
          last_seen_at: '2020-12-19T10:11:12Z',
        }),
      });
    });

    it("ignores account_id: the customer lands in the caller's account", async () => {
      const beforeB = await countCustomers(b.accountId);
      const res = await post({ name: 'Sneaky', account_id: b.accountId });
      expect(res.statusCode).toBe(201);
      expect(res.json().data).not.toHaveProperty('account_id');
      const [row] = await t.db.query('SELECT account_id FROM customers WHERE id = $1', [res.json().data.id]);
      expect(row.account_id).toBe(a.accountId);
      expect(await countCustomers(b.accountId)).toBe(beforeB);
      expect((await get(res.json().data.id, b)).statusCode).toBe(404);
    });

    it("links a company of the caller's account and renders it", async () => {
      const companyId = await insertCompany(a, 'Initech');
      const res = await post({ name: 'Peter', company_id: companyId });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({
        data: customerBody({
          name: 'Peter',
          title: 'Peter',
          company_id: companyId,
          company: {
            id: companyId,
            object: 'company',
            account_id: a.accountId,
            created_at: NAIVE_TIMESTAMP,
            description: null,
            external_id: null,
            industry: null,
            logo_image_url: null,
            metadata: null,
            name: 'Initech',
            slack_channel_id: null,
            slack_channel_name: null,
            slack_team_id: null,
            slack_team_name: null,
            updated_at: NAIVE_TIMESTAMP,
            website_url: null,
          },
        }),
      });
    });

    it.each([
      ['the first of several X-Forwarded-For addresses', '203.0.113.1, 198.51.100.101', '203.0.113.1'],
      ['a single X-Forwarded-For address', '198.51.100.7', '198.51.100.7'],
      ['an empty leading part (dropped like String.split trim: true)', ',203.0.113.9', '203.0.113.9'],
      ['an IPv6 address, rendered compressed and lower-case', '2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
      ['the socket address for an unparseable header', 'invalid header', '127.0.0.1'],
      ['a part with leading whitespace, trimmed', ' 203.0.113.1', '203.0.113.1'],
    ])('sets ip to %s', async (_case, header, ip) => {
      const res = await post({ name: 'IP' }, a, { 'x-forwarded-for': header });
      expect(res.statusCode).toBe(201);
      expect(res.json().data.ip).toBe(ip);
      const [row] = await t.db.query('SELECT ip FROM customers WHERE id = $1', [res.json().data.id]);
      expect(row.ip).toBe(ip);
    });

    it('forces ip to the request address even when the client sends one', async () => {
      const res = await post({ name: 'Spoof', ip: '10.9.8.7' });
      expect(res.statusCode).toBe(201);
      expect(res.json().data.ip).toBe('127.0.0.1');
    });

    it.each(['null', 'undefined'])('turns email "%s" into null', async (placeholder) => {
      const res = await post({ email: placeholder, external_id: placeholder });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({ data: customerBody({ email: null, external_id: null }) });
    });

    it('stores an integer external_id as a string', async () => {
      const res = await post({ external_id: 123 });
      expect(res.statusCode).toBe(201);
      expect(res.json().data.external_id).toBe('123');
      const [row] = await t.db.query('SELECT external_id FROM customers WHERE id = $1', [res.json().data.id]);
      expect(row.external_id).toBe('123');
    });

    it('truncates a current_url longer than 255 characters to 250 + "..."', async () => {
      const long = `https://example.com/${'a'.repeat(280)}`;
      const res = await post({ current_url: long });
      expect(res.statusCode).toBe(201);
      expect(res.json().data.current_url).toBe(`${long.slice(0, 250)}...`);
      expect(res.json().data.current_url).toHaveLength(253);

      const exact = `https://example.com/${'b'.repeat(235)}`;
      expect(exact).toHaveLength(255);
      const kept = await post({ current_url: exact });
      expect(kept.json().data.current_url).toBe(exact);
    });

    it.each([
      ['a string', 'x'],
      ['a number', 42],
      ['an array', ['a', 'b']],
      ['a boolean', true],
    ])('drops %s metadata on create (no error)', async (_case, metadata) => {
      const res = await post({ name: 'Meta', metadata });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({ data: customerBody({ name: 'Meta', title: 'Meta', metadata: null }) });
    });

    it('keeps object metadata on create', async () => {
      const metadata = { plan: 'pro', nested: { seats: 3 }, tags: ['a'] };
      const res = await post({ name: 'Meta', metadata });
      expect(res.statusCode).toBe(201);
      expect(res.json().data.metadata).toEqual(metadata);
      const [row] = await t.db.query('SELECT metadata FROM customers WHERE id = $1', [res.json().data.id]);
      expect(row.metadata).toEqual(metadata);
    });

    it('accepts a form-encoded body with bracket keys', async () => {
      const res = await t.request('POST', '/api/v1/customers', {
        headers: { ...a.auth, 'content-type': 'application/x-www-form-urlencoded' },
        payload:
          'customer[name]=Alex&customer[email]=alex%40alex.com&customer[metadata][plan]=pro&customer[screen_width]=1280',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({
        data: customerBody({
          name: 'Alex',
          title: 'Alex',
          email: 'alex@alex.com',
          metadata: { plan: 'pro' },
          screen_width: 1280,
        }),
      });
    });

    it('uses the email as title when there is no name', async () => {
      const res = await post({ email: 'only@example.com' });
      expect(res.json().data.title).toBe('only@example.com');
    });

    describe('rejections write nothing', () => {
      let before: number;
      beforeEach(async () => {
        before = await countCustomers();
      });
      afterEach(async () => {
        expect(await countCustomers()).toBe(before);
      });

      it('answers 422 for a last_seen_at that is not a timestamp', async () => {
        const res = await post({ last_seen_at: 3 });
        expect(res.statusCode).toBe(422);
        expect(res.json()).toEqual({
          error: { status: 422, message: 'Unprocessable Entity', errors: { last_seen_at: ['is invalid'] } },
        });
      });

      it('answers 422 for a name longer than 255 characters', async () => {
        const res = await post({ name: 'n'.repeat(256) });
        expect(res.statusCode).toBe(422);
        expect(res.json()).toEqual(unprocessable({ name: ['should be at most 255 character(s)'] }));
      });

      it('answers 422 with every field error at once', async () => {
        const res = await post({ name: 'n'.repeat(256), screen_width: 'wide', first_seen: 'yesterday' });
        expect(res.statusCode).toBe(422);
        expect(res.json()).toEqual(
          unprocessable({
            name: ['should be at most 255 character(s)'],
            screen_width: ['is invalid'],
            first_seen: ['is invalid'],
          }),
        );
      });

      it('answers 422 for a company of another account', async () => {
        const foreignCompany = await insertCompany(b);
        const res = await post({ name: 'X', company_id: foreignCompany });
        expect(res.statusCode).toBe(422);
        expect(res.json()).toEqual(unprocessable({ company_id: ['does not exist'] }));
      });

      it('answers 422 for a company id that does not exist', async () => {
        const res = await post({ name: 'X', company_id: randomUUID() });
        expect(res.statusCode).toBe(422);
        expect(res.json()).toEqual(unprocessable({ company_id: ['does not exist'] }));
      });

      it('answers 422 for a company id that is not a uuid', async () => {
        const res = await post({ name: 'X', company_id: 'not-a-uuid' });
        expect(res.statusCode).toBe(422);
        expect(res.json()).toEqual(unprocessable({ company_id: ['is invalid'] }));
      });

      it('answers 400 without the customer wrapper', async () => {
        const res = await t.request('POST', '/api/v1/customers', { headers: a.auth, payload: { name: 'Flat' } });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual(badRequest({ customer: ['is required'] }, 'Missing parameter: customer'));
      });

      it('answers 400 when the wrapper is not an object', async () => {
        const res = await post('Alex');
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual(badRequest({ customer: ['is invalid'] }));
      });
    });
  });

  describe('GET /api/v1/customers/:id', () => {
    it('returns the customer with company and tags', async () => {
      const created = await createCustomer(t, a, {
        name: 'Test User',
        email: 'test@test.com',
        phone: '1231231230',
        metadata: { age: 25 },
      });
      const res = await get(created.id);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        data: customerBody({
          id: created.id,
          name: 'Test User',
          email: 'test@test.com',
          phone: '1231231230',
          metadata: { age: 25 },
          title: 'Test User',
          created_at: created.created_at,
          updated_at: created.updated_at,
          last_seen_at: created.last_seen_at,
        }),
      });
      expect(res.json().data).toEqual(created);
    });

    it("answers 404 for another account's customer, exactly as for a missing one", async () => {
      const foreign = await createCustomer(t, b);
      const res = await get(foreign.id);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: { status: 404, message: 'Not found' } });
      const missing = await get(randomUUID());
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual(NOT_FOUND);
      // Byte for byte, apart from the request id (checked by json()).
      expect(JSON.stringify(missing.json())).toBe(JSON.stringify(res.json()));
    });

    it('answers 400 for an id that is not a uuid', async () => {
      const res = await get('not-a-uuid');
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual(badRequest({ id: ['is invalid'] }));
    });
  });

  describe.each(['PUT', 'PATCH'])('%s /api/v1/customers/:id', (method) => {
    const update = (id: string, customer: unknown, account = a) =>
      t.request(method, `/api/v1/customers/${id}`, { headers: account.auth, payload: { customer } });

    it('changes the given fields, keeps the others and does not bump last_seen_at', async () => {
      const created = await createCustomer(t, a, {
        name: 'Before',
        email: 'before@example.com',
        phone: '111',
        external_id: 'keep-me',
        host: 'example.com',
        metadata: { plan: 'free' },
        last_seen_at: '2021-01-02T03:04:05Z',
        first_seen: '2021-01-01',
      });
      const res = await update(created.id, {
        phone: '650-555-6789',
        email: 'after@example.com',
        name: 'After',
        metadata: { plan: 'pro' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        data: customerBody({
          id: created.id,
          name: 'After',
          title: 'After',
          email: 'after@example.com',
          phone: '650-555-6789',
          external_id: 'keep-me',
          host: 'example.com',
          metadata: { plan: 'pro' },
          first_seen: '2021-01-01',
          last_seen: '2021-01-02',
          last_seen_at: '2021-01-02T03:04:05Z',
          created_at: created.created_at,
        }),
      });
      const [row] = await t.db.query(
        `SELECT name, email, phone, external_id, metadata, to_char(last_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') AS seen
         FROM customers WHERE id = $1`,
        [created.id],
      );
      expect(row).toEqual({
        name: 'After',
        email: 'after@example.com',
        phone: '650-555-6789',
        external_id: 'keep-me',
        metadata: { plan: 'pro' },
        seen: '2021-01-02T03:04:05',
      });
      expect((await get(created.id)).json()).toEqual(res.json());
    });

    it('clears a field set to null or ""', async () => {
      const created = await createCustomer(t, a, { name: 'Clear', phone: '123', email: 'c@example.com' });
      const res = await update(created.id, { phone: null, email: '' });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({ name: 'Clear', phone: null, email: null });
    });

    it('accepts a form-encoded body', async () => {
      const created = await createCustomer(t, a, { name: 'Form' });
      const res = await t.request(method, `/api/v1/customers/${created.id}`, {
        ...form({ 'customer[phone]': '650-555-6789' }),
        headers: { ...a.auth, ...form({}).headers },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        data: { ...created, phone: '650-555-6789', updated_at: NAIVE_TIMESTAMP },
      });
    });

    it('answers 422 for metadata that is not an object, and changes nothing', async () => {
      const created = await createCustomer(t, a, { name: 'Meta', metadata: { plan: 'free' } });
      const res = await update(created.id, { metadata: 'x', name: 'Changed' });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual(unprocessable({ metadata: ['is invalid'] }));
      expect((await get(created.id)).json().data).toEqual(created);
    });

    it('answers 422 for a name longer than 255 characters', async () => {
      const created = await createCustomer(t, a);
      const res = await update(created.id, { name: 'n'.repeat(256) });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual(unprocessable({ name: ['should be at most 255 character(s)'] }));
    });

    it('answers 422 for a company of another account', async () => {
      const created = await createCustomer(t, a);
      const res = await update(created.id, { company_id: await insertCompany(b) });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual(unprocessable({ company_id: ['does not exist'] }));
      expect((await get(created.id)).json().data.company_id).toBeNull();
    });

    it("answers 404 for another account's customer and leaves it unchanged", async () => {
      const foreign = await createCustomer(t, b, { name: 'Theirs', phone: '999' });
      const res = await update(foreign.id, { name: 'Mine', phone: '000' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(NOT_FOUND);
      const [row] = await t.db.query('SELECT name, phone, account_id FROM customers WHERE id = $1', [foreign.id]);
      expect(row).toEqual({ name: 'Theirs', phone: '999', account_id: b.accountId });
      expect((await get(foreign.id, b)).json().data).toEqual(foreign);
    });

    it('answers 404 for a missing customer and 400 for a non-uuid id', async () => {
      const missing = await update(randomUUID(), { name: 'X' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual(NOT_FOUND);
      const bad = await update('123', { name: 'X' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toEqual(badRequest({ id: ['is invalid'] }));
    });

    it('answers 400 without the customer wrapper', async () => {
      const created = await createCustomer(t, a, { name: 'Wrapped' });
      const res = await t.request(method, `/api/v1/customers/${created.id}`, {
        headers: a.auth,
        payload: { name: 'Flat' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual(badRequest({ customer: ['is required'] }, 'Missing parameter: customer'));
      expect((await get(created.id)).json().data.name).toBe('Wrapped');
    });
  });

  describe('DELETE /api/v1/customers/:id', () => {
    const del = (id: string, account = a) => t.request('DELETE', `/api/v1/customers/${id}`, { headers: account.auth });

    it('answers 204 with an empty body; the customer is then gone', async () => {
      const created = await createCustomer(t, a);
      const res = await del(created.id);
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      const after = await get(created.id);
      expect(after.statusCode).toBe(404);
      expect(after.json()).toEqual(NOT_FOUND);
      expect(await t.db.query('SELECT id FROM customers WHERE id = $1', [created.id])).toEqual([]);
      const again = await del(created.id);
      expect(again.statusCode).toBe(404);
      expect(again.json()).toEqual(NOT_FOUND);
    });

    it("answers 404 for another account's customer and keeps it", async () => {
      const foreign = await createCustomer(t, b);
      const res = await del(foreign.id);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(NOT_FOUND);
      expect(await t.db.query('SELECT id FROM customers WHERE id = $1', [foreign.id])).toEqual([{ id: foreign.id }]);
      expect((await get(foreign.id, b)).statusCode).toBe(200);
    });

    it('answers 400 for a non-uuid id', async () => {
      const res = await del('nope');
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual(badRequest({ id: ['is invalid'] }));
    });

    it("deletes the customer's conversations and their messages", async () => {
      const customer = await createCustomer(t, a);
      const other = await createCustomer(t, a);
      const first = await createConversation(t, a, { customer_id: customer.id });
      const second = await createConversation(t, a, { customer_id: customer.id });
      const kept = await createConversation(t, a, { customer_id: other.id });
      await createMessage(t, a, { conversation_id: first.id, customer_id: customer.id, body: 'hello' });
      await createMessage(t, a, { conversation_id: second.id, body: 'agent reply' });

      const res = await del(customer.id);
      expect(res.statusCode).toBe(204);
      expect(await t.db.query('SELECT id FROM conversations WHERE customer_id = $1', [customer.id])).toEqual([]);
      expect(
        await t.db.query('SELECT id FROM messages WHERE conversation_id = ANY($1::uuid[])', [[first.id, second.id]]),
      ).toEqual([]);
      expect(await t.db.query('SELECT id FROM conversations WHERE id = $1', [kept.id])).toEqual([{ id: kept.id }]);
      const gone = await t.request('GET', `/api/v1/conversations/${first.id}`, { headers: a.auth });
      expect(gone.statusCode).toBe(404);
    });
  });

  describe('GET /api/v1/customers', () => {
    let owner: TestAccount;
    beforeEach(async () => {
      owner = await createAccount(t);
    });
    const seenAt = (minutes: number) => new Date(Date.UTC(2022, 0, 1, 12, minutes)).toISOString().replace('.000', '');

    it("lists only the caller's customers, most recently seen first, in the list shape", async () => {
      const older = await createCustomer(t, owner, { name: 'Older', last_seen_at: seenAt(1) });
      const newer = await createCustomer(t, owner, { name: 'Newer', last_seen_at: seenAt(5) });
      await createCustomer(t, b, { name: 'Foreign', last_seen_at: seenAt(10) });

      const res = await list({}, owner);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        data: [listItem(newer), listItem(older)],
        next: null,
        previous: null,
        limit: 50,
        total: 2,
      });
      for (const item of res.json().data) {
        expect(Object.keys(item).sort()).toEqual([...Object.keys(newer), 'conversations'].sort());
      }
    });

    it('answers an empty page for an account without customers', async () => {
      const res = await list({}, owner);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ data: [], next: null, previous: null, limit: 50, total: 0 });
    });

    it('breaks last_seen_at ties by id, descending', async () => {
      const same = seenAt(7);
      const made = [];
      for (let i = 0; i < 4; i++) made.push(await createCustomer(t, owner, { name: `Tie ${i}`, last_seen_at: same }));
      const res = await list({}, owner);
      expect(res.statusCode).toBe(200);
      const expectedIds = made
        .map((c) => c.id)
        .sort()
        .reverse();
      expect(res.json().data.map((c: { id: string }) => c.id)).toEqual(expectedIds);
    });

    it("includes each customer's latest conversation (by last_activity_at), or []", async () => {
      const withConversations = await createCustomer(t, owner, { name: 'Talker', last_seen_at: seenAt(2) });
      const quiet = await createCustomer(t, owner, { name: 'Quiet', last_seen_at: seenAt(1) });
      const latest = await createConversation(t, owner, { customer_id: withConversations.id });
      const stale = await createConversation(t, owner, { customer_id: withConversations.id });
      // The conversation created last is not the latest by activity.
      await t.db.query(`UPDATE conversations SET last_activity_at = '2020-01-01T00:00:00Z' WHERE id = $1`, [stale.id]);

      const res = await list({}, owner);
      expect(res.statusCode).toBe(200);
      const [first, second] = res.json().data;
      expect(first).toEqual(listItem(withConversations, [latest]));
      expect(Object.keys(first.conversations[0]).sort()).toEqual(CONVERSATION_KEYS);
      expect(first.conversations[0]).toEqual({
        id: latest.id,
        object: 'conversation',
        account_id: owner.accountId,
        assignee_id: null,
        closed_at: null,
        created_at: NAIVE_TIMESTAMP,
        customer_id: withConversations.id,
        inbox_id: latest.inbox_id,
        last_activity_at: UTC_TIMESTAMP,
        metadata: null,
        priority: latest.priority,
        read: latest.read,
        source: latest.source,
        status: 'open',
        subject: null,
      });
      expect(second).toEqual(listItem(quiet, []));
    });

    describe('filters', () => {
      it.each([
        ['name', 'lEx', ['Alexandra', 'alex']],
        ['email', 'EXAMPLE.ORG', ['Alexandra', 'Bob']],
        ['host', 'Shop.Example', ['alex', 'Bob']],
        ['phone', '555', ['Alexandra', 'Bob']],
      ])('%s=%s is a case-insensitive contains match', async (field, value, names) => {
        await createCustomer(t, owner, {
          name: 'Alexandra',
          email: 'alexandra@example.org',
          host: 'www.example.com',
          phone: '+1 650-555-0100',
          last_seen_at: seenAt(3),
        });
        await createCustomer(t, owner, {
          name: 'alex',
          email: 'alex@example.com',
          host: 'shop.example.com',
          phone: '0123',
          last_seen_at: seenAt(2),
        });
        await createCustomer(t, owner, {
          name: 'Bob',
          email: 'bob@EXAMPLE.org',
          host: 'SHOP.EXAMPLE.COM',
          phone: '555',
          last_seen_at: seenAt(1),
        });
        await createCustomer(t, b, {
          name: 'Alex elsewhere',
          email: 'x@example.org',
          host: 'shop.example.com',
          phone: '555',
        });

        const res = await list({ [field]: value }, owner);
        expect(res.statusCode).toBe(200);
        expect(res.json().data.map((c: { name: string }) => c.name)).toEqual(names);
        expect(res.json().total).toBe(names.length);
      });

      it('takes % and _ in a filter literally', async () => {
        await createCustomer(t, owner, { name: '100% sure', last_seen_at: seenAt(4) });
        await createCustomer(t, owner, { name: '100 percent', last_seen_at: seenAt(3) });
        await createCustomer(t, owner, { name: 'snake_case', last_seen_at: seenAt(2) });
        await createCustomer(t, owner, { name: 'snakeXcase', last_seen_at: seenAt(1) });

        const names = async (name: string) =>
          (await list({ name }, owner)).json().data.map((c: { name: string }) => c.name);
        expect(await names('%')).toEqual(['100% sure']);
        expect(await names('0% s')).toEqual(['100% sure']);
        expect(await names('_')).toEqual(['snake_case']);
        expect(await names('e_c')).toEqual(['snake_case']);
        expect(await names('\\')).toEqual([]);
      });

      it('filters external_id exactly', async () => {
        const exact = await createCustomer(t, owner, { name: 'Exact', external_id: 'abc', last_seen_at: seenAt(2) });
        await createCustomer(t, owner, { name: 'Longer', external_id: 'abcd', last_seen_at: seenAt(1) });
        await createCustomer(t, owner, { name: 'Upper', external_id: 'ABC' });
        await createCustomer(t, b, { name: 'Foreign', external_id: 'abc' });

        const res = await list({ external_id: 'abc' }, owner);
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({ data: [listItem(exact)], next: null, previous: null, limit: 50, total: 1 });
      });

      it('filters company_id exactly', async () => {
        const company = await insertCompany(owner);
        const other = await insertCompany(owner, 'Other');
        const member = await createCustomer(t, owner, { name: 'Member', company_id: company });
        await createCustomer(t, owner, { name: 'Elsewhere', company_id: other });
        await createCustomer(t, owner, { name: 'Independent' });

        const res = await list({ company_id: company }, owner);
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({ data: [listItem(member)], next: null, previous: null, limit: 50, total: 1 });
        const none = await list({ company_id: randomUUID() }, owner);
        expect(none.json()).toEqual({ data: [], next: null, previous: null, limit: 50, total: 0 });
      });

      it('combines filters', async () => {
        await createCustomer(t, owner, { name: 'Alex', email: 'alex@a.com', last_seen_at: seenAt(2) });
        const both = await createCustomer(t, owner, { name: 'Alex', email: 'alex@b.com', last_seen_at: seenAt(1) });
        const res = await list({ name: 'alex', email: '@B.' }, owner);
        expect(res.json().data).toEqual([listItem(both)]);
      });

      it('answers 400 for a company_id that is not a uuid', async () => {
        const res = await list({ company_id: 'acme' }, owner);
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual(badRequest({ company_id: ['is invalid'] }));
      });
    });

    describe('pagination', () => {
      const ids = (res: { json: () => any }) => res.json().data.map((c: { id: string }) => c.id);

      it('walks forwards with next and back with previous', async () => {
        const made = [];
        for (let i = 1; i <= 5; i++) {
          made.push(await createCustomer(t, owner, { name: `P${i}`, last_seen_at: seenAt(i) }));
        }
        const [c1, c2, c3, c4, c5] = made;

        const page1 = await list({ limit: '2' }, owner);
        expect(page1.statusCode).toBe(200);
        expect(page1.json()).toEqual({
          data: [listItem(c5), listItem(c4)],
          next: expect.any(String),
          previous: null,
          limit: 2,
          total: 5,
        });

        const page2 = await list({ limit: '2', after: page1.json().next }, owner);
        expect(page2.statusCode).toBe(200);
        expect(page2.json()).toEqual({
          data: [listItem(c3), listItem(c2)],
          next: expect.any(String),
          previous: expect.any(String),
          limit: 2,
          total: 5,
        });

        const page3 = await list({ limit: '2', after: page2.json().next }, owner);
        expect(page3.statusCode).toBe(200);
        expect(page3.json()).toEqual({
          data: [listItem(c1)],
          next: null,
          previous: expect.any(String),
          limit: 2,
          total: 5,
        });

        const back2 = await list({ limit: '2', before: page3.json().previous }, owner);
        expect(back2.statusCode).toBe(200);
        expect(ids(back2)).toEqual([c3.id, c2.id]);
        expect(back2.json().next).toEqual(expect.any(String));
        expect(back2.json().previous).toEqual(expect.any(String));

        const back1 = await list({ limit: '2', before: page2.json().previous }, owner);
        expect(back1.statusCode).toBe(200);
        expect(back1.json()).toEqual({
          data: [listItem(c5), listItem(c4)],
          next: expect.any(String),
          previous: null,
          limit: 2,
          total: 5,
        });
        expect(ids(await list({ limit: '2', after: back1.json().next }, owner))).toEqual([c3.id, c2.id]);
      });

      it('keeps pages stable when customers are added meanwhile', async () => {
        const made = [];
        for (let i = 1; i <= 3; i++) {
          made.push(await createCustomer(t, owner, { name: `S${i}`, last_seen_at: seenAt(i) }));
        }
        const page1 = await list({ limit: '2' }, owner);
        await createCustomer(t, owner, { name: 'Newest', last_seen_at: seenAt(30) });
        const page2 = await list({ limit: '2', after: page1.json().next }, owner);
        expect(ids(page2)).toEqual([made[0].id]);
        expect(page2.json().total).toBe(4);
      });

      it('applies filters on every page', async () => {
        for (let i = 1; i <= 4; i++) {
          await createCustomer(t, owner, { name: i % 2 ? `Match ${i}` : `Other ${i}`, last_seen_at: seenAt(i) });
        }
        const page1 = await list({ name: 'match', limit: '1' }, owner);
        expect(page1.json().data.map((c: { name: string }) => c.name)).toEqual(['Match 3']);
        expect(page1.json().total).toBe(2);
        const page2 = await list({ name: 'match', limit: '1', after: page1.json().next }, owner);
        expect(page2.json()).toMatchObject({ next: null, total: 2 });
        expect(page2.json().data.map((c: { name: string }) => c.name)).toEqual(['Match 1']);
      });

      it.each([
        ['0', 'is invalid'],
        ['abc', 'is invalid'],
        ['-1', 'is invalid'],
        ['2.5', 'is invalid'],
      ])('answers 400 for limit=%s', async (limit, message) => {
        const res = await list({ limit }, owner);
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual(badRequest({ limit: [message] }));
      });

      it.each(['100', '101', '1000', '99999999999'])(
        'accepts limit=%s (above 100: clamped, as Papercups)',
        async (limit) => {
          await createCustomer(t, owner);
          const res = await list({ limit }, owner);
          expect(res.statusCode).toBe(200);
          expect(res.json()).toMatchObject({ limit: 100 });
        },
      );

      it.each(['after', 'before'])('answers 400 for a garbage %s cursor', async (param) => {
        const res = await list({ [param]: 'zzz' }, owner);
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual(badRequest({ [param]: ['is invalid'] }, 'Invalid cursor'));
      });

      it('answers 400 for a well-encoded cursor with a bad payload', async () => {
        const cursor = Buffer.from(JSON.stringify(['not a date', 'x'])).toString('base64url');
        const res = await list({ after: cursor }, owner);
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual(badRequest({ after: ['is invalid'] }, 'Invalid cursor'));
      });

      it('answers 400 for after and before together', async () => {
        await createCustomer(t, owner, { last_seen_at: seenAt(1) });
        await createCustomer(t, owner, { last_seen_at: seenAt(2) });
        const page1 = await list({ limit: '1' }, owner);
        const res = await list({ after: page1.json().next, before: page1.json().next }, owner);
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual(badRequest({ before: ['is invalid'] }, 'Use either after or before'));
      });
    });
  });
});
