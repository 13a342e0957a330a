import { randomUUID } from 'node:crypto';
import { createAccount, createCustomer, form, TestAccount } from '../support/factories';
import { NAIVE_TIMESTAMP, NOT_FOUND, unprocessable, UUID } from '../support/expectations';
import { countQueries } from '../support/query-count';
import { createTestApp, TestApp } from '../support/test-app';

describe('notes (/api/v1/notes)', () => {
  let t: TestApp;
  let a: TestAccount;
  let b: TestAccount;
  let customer: Record<string, unknown> & { id: string };

  beforeAll(async () => {
    t = await createTestApp();
    a = await createAccount(t);
    b = await createAccount(t);
    customer = await createCustomer(t, a, { name: 'Noted' });
  });
  afterAll(() => t.close());

  /** The author as user.json (no profile yet) and the customer as customer.json without associations. */
  const author = (account: TestAccount) => ({
    id: account.userId,
    object: 'user',
    archived_at: null,
    created_at: NAIVE_TIMESTAMP,
    disabled_at: null,
    display_name: null,
    email: account.email,
    full_name: null,
    profile_photo_url: null,
    role: 'admin',
  });
  const plainCustomer = (c: Record<string, unknown>) => {
    const { company: _company, tags: _tags, ...rest } = c;
    return { ...rest, updated_at: NAIVE_TIMESTAMP };
  };
  const noteBody = (fields: Record<string, unknown>, account = a, c = customer) => ({
    id: UUID,
    object: 'note',
    author: author(account),
    author_id: account.userId,
    content_type: 'text',
    created_at: NAIVE_TIMESTAMP,
    customer: plainCustomer(c),
    customer_id: c.id,
    updated_at: NAIVE_TIMESTAMP,
    ...fields,
  });
  const post = (note: unknown, account = a) =>
    t.request('POST', '/api/v1/notes', { headers: account.auth, payload: { note } });
  const get = (id: string, account = a) => t.request('GET', `/api/v1/notes/${id}`, { headers: account.auth });
  const createNote = async (body: string, account = a, customerId = customer.id) => {
    const res = await post({ body, customer_id: customerId }, account);
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json().data;
  };

  // 401 without a key, and 404 for another account's note: tenant-isolation.e2e-spec.ts, for every route.

  it('creates a note by the caller: 201, Location, author and customer rendered', async () => {
    const res = await post({
      body: 'note body',
      customer_id: customer.id,
      author_id: b.userId,
      account_id: b.accountId,
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toEqual({ data: noteBody({ body: 'note body' }) });
    expect(res.headers.location).toBe(`/api/v1/notes/${body.data.id}`);
    const [row] = await t.db.query('SELECT account_id, author_id FROM notes WHERE id = $1', [body.data.id]);
    expect(row).toEqual({ account_id: a.accountId, author_id: a.userId });
    expect((await get(body.data.id)).json()).toEqual(body);
  });

  it("shows the author's profile fields once they exist", async () => {
    const c = await createAccount(t);
    const theirCustomer = await createCustomer(t, c);
    await t.request('PUT', '/api/v1/profile/me', {
      headers: c.auth,
      payload: { user_profile: { full_name: 'Cee Dee', display_name: 'CD' } },
    });
    const note = await createNote('with profile', c, theirCustomer.id);
    expect(note.author).toEqual({ ...author(c), full_name: 'Cee Dee', display_name: 'CD' });
  });

  it('creates from a form-encoded body', async () => {
    const res = await t.request('POST', '/api/v1/notes', {
      ...form({ 'note[body]': 'from a form', 'note[customer_id]': customer.id }),
      headers: { ...a.auth, ...form({}).headers },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ data: noteBody({ body: 'from a form' }) });
  });

  it('rejects missing fields and customers outside the account with 422; writes nothing', async () => {
    const [{ n: before }] = await t.db.query('SELECT count(*)::int AS n FROM notes');
    expect((await post({ body: null, customer_id: null })).json()).toEqual(
      unprocessable({ body: ["can't be blank"], customer_id: ["can't be blank"] }),
    );
    expect((await post({ customer_id: customer.id })).json()).toEqual(unprocessable({ body: ["can't be blank"] }));
    expect((await post({ body: 'x', customer_id: 'nope' })).json()).toEqual(
      unprocessable({ customer_id: ['is invalid'] }),
    );
    const foreignCustomer = await createCustomer(t, b);
    for (const customerId of [foreignCustomer.id, randomUUID()]) {
      const res = await post({ body: 'x', customer_id: customerId });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual(unprocessable({ customer_id: ['does not exist'] }));
    }
    const [{ n: after }] = await t.db.query('SELECT count(*)::int AS n FROM notes');
    expect(after).toBe(before);
  });

  it('updates with PUT and PATCH; null body is 422; moving to a foreign customer is 422', async () => {
    const note = await createNote('original');
    const put = await t.request('PUT', `/api/v1/notes/${note.id}`, {
      headers: a.auth,
      payload: { note: { body: 'updated body!' } },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ data: noteBody({ id: note.id, body: 'updated body!' }) });

    const other = await createCustomer(t, a, { name: 'Other' });
    const patch = await t.request('PATCH', `/api/v1/notes/${note.id}`, {
      headers: a.auth,
      payload: { note: { customer_id: other.id } },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toEqual({ data: noteBody({ id: note.id, body: 'updated body!' }, a, other) });

    const invalid = await t.request('PUT', `/api/v1/notes/${note.id}`, {
      headers: a.auth,
      payload: { note: { body: null, customer_id: null } },
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json()).toEqual(unprocessable({ body: ["can't be blank"], customer_id: ["can't be blank"] }));
    const foreign = await t.request('PUT', `/api/v1/notes/${note.id}`, {
      headers: a.auth,
      payload: { note: { customer_id: (await createCustomer(t, b)).id } },
    });
    expect(foreign.json()).toEqual(unprocessable({ customer_id: ['does not exist'] }));
    expect((await get(note.id)).json()).toEqual(patch.json());
  });

  it('deletes (204), then 404', async () => {
    const note = await createNote('short-lived');
    const res = await t.request('DELETE', `/api/v1/notes/${note.id}`, { headers: a.auth });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect((await get(note.id)).json()).toEqual(NOT_FOUND);
  });

  it("lists the account's notes newest first, filtered by customer_id and author_id, paginated", async () => {
    const c = await createAccount(t);
    const first = await createCustomer(t, c, { name: 'First' });
    const second = await createCustomer(t, c, { name: 'Second' });
    const n1 = await createNote('one', c, first.id);
    const n2 = await createNote('two', c, second.id);
    const n3 = await createNote('three', c, first.id);
    const list = (query: Record<string, string>) => t.request('GET', '/api/v1/notes', { headers: c.auth, query });

    const all = (await list({})).json();
    expect(all).toEqual({
      data: [
        noteBody({ id: n3.id, body: 'three' }, c, first),
        noteBody({ id: n2.id, body: 'two' }, c, second),
        noteBody({ id: n1.id, body: 'one' }, c, first),
      ],
      next: null,
      previous: null,
      limit: 1000,
      total: 3,
    });
    expect((await list({ customer_id: first.id })).json().data.map((n: { id: string }) => n.id)).toEqual([
      n3.id,
      n1.id,
    ]);
    expect((await list({ customer_id: randomUUID() })).json().data).toEqual([]);
    expect((await list({ author_id: String(c.userId) })).json().total).toBe(3);
    expect((await list({ author_id: String(a.userId) })).json().total).toBe(0);
    expect((await list({ customer_id: 'nope' })).statusCode).toBe(400);

    const page1 = (await list({ limit: '2' })).json();
    expect(page1.data.map((n: { id: string }) => n.id)).toEqual([n3.id, n2.id]);
    const page2 = (await list({ limit: '2', after: page1.next })).json();
    expect(page2).toMatchObject({ next: null, total: 3 });
    expect(page2.data.map((n: { id: string }) => n.id)).toEqual([n1.id]);
  });

  it('a list page costs the same number of queries for 1 note as for 12', async () => {
    const c = await createAccount(t);
    const theirCustomer = await createCustomer(t, c);
    await createNote('first', c, theirCustomer.id);
    const listOnce = () => countQueries(() => t.request('GET', '/api/v1/notes', { headers: c.auth }));
    await listOnce(); // warm: the API key is cached after its first use
    const one = await listOnce();
    for (let i = 0; i < 11; i += 1) await createNote(`note ${i}`, c, (await createCustomer(t, c)).id);
    expect((await t.request('GET', '/api/v1/notes', { headers: c.auth })).json().total).toBe(12);
    expect(await listOnce()).toBe(one);
    expect(one).toBeLessThanOrEqual(5);
  });
});
