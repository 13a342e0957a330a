import { randomUUID } from 'node:crypto';
import { createAccount, createConversation, createCustomer, form, TestAccount } from '../support/factories';
import { NAIVE_TIMESTAMP, NOT_FOUND, unprocessable, UUID } from '../support/expectations';
import { createTestApp, TestApp } from '../support/test-app';

const tagBody = (fields: Record<string, unknown>) => ({
  id: UUID,
  object: 'tag',
  color: null,
  created_at: NAIVE_TIMESTAMP,
  description: null,
  updated_at: NAIVE_TIMESTAMP,
  ...fields,
});

describe('tags (/api/v1/tags)', () => {
  let t: TestApp;
  let a: TestAccount;
  let b: TestAccount;

  beforeAll(async () => {
    t = await createTestApp();
    a = await createAccount(t);
    b = await createAccount(t);
  });
  afterAll(() => t.close());

  const post = (tag: unknown, account = a) =>
    t.request('POST', '/api/v1/tags', { headers: account.auth, payload: { tag } });
  const get = (id: string, account = a) => t.request('GET', `/api/v1/tags/${id}`, { headers: account.auth });
  const list = (query: Record<string, string> = {}, account = a) =>
    t.request('GET', '/api/v1/tags', { headers: account.auth, query });
  const createTag = async (name: string, account = a, fields: Record<string, unknown> = {}) => {
    const res = await post({ name, ...fields }, account);
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json().data;
  };

  // 401 without a key, and 404 for another account's tag, conversation or customer on every route (tag
  // links too): tenant-isolation.e2e-spec.ts.

  describe('CRUD', () => {
    it('creates a tag: 201, Location, exact body, creator and account set by the server', async () => {
      const res = await post({
        name: 'Bug',
        description: 'Something is broken',
        color: '#ff0000',
        account_id: b.accountId,
      });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toEqual({ data: tagBody({ name: 'Bug', description: 'Something is broken', color: '#ff0000' }) });
      expect(res.headers.location).toBe(`/api/v1/tags/${body.data.id}`);
      const [row] = await t.db.query('SELECT account_id, creator_id FROM tags WHERE id = $1', [body.data.id]);
      expect(row).toEqual({ account_id: a.accountId, creator_id: a.userId });
      expect(await get(body.data.id)).toMatchObject({ statusCode: 200 });
      expect((await get(body.data.id)).json()).toEqual(body);
    });

    it('creates from a form-encoded body', async () => {
      const res = await t.request('POST', '/api/v1/tags', {
        ...form({ 'tag[name]': 'Form tag', 'tag[color]': 'blue' }),
        headers: { ...a.auth, ...form({}).headers },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({ data: tagBody({ name: 'Form tag', color: 'blue' }) });
    });

    it('answers a request without a body or wrapper with 400', async () => {
      for (const payload of [undefined, { name: 'Flat' }, { tag: 'Bug' }]) {
        const res = await t.request('POST', '/api/v1/tags', { headers: a.auth, payload });
        expect(res.statusCode).toBe(400);
      }
    });

    it('rejects a missing or null name with 422 and writes nothing', async () => {
      const [{ n: before }] = await t.db.query('SELECT count(*)::int AS n FROM tags');
      for (const tag of [{}, { name: null }, { name: '' }]) {
        const res = await post(tag);
        expect(res.statusCode).toBe(422);
        expect(res.json()).toEqual(unprocessable({ name: ["can't be blank"] }));
      }
      expect((await post({ name: 'x'.repeat(256) })).json()).toEqual(
        unprocessable({ name: ['should be at most 255 character(s)'] }),
      );
      const [{ n: after }] = await t.db.query('SELECT count(*)::int AS n FROM tags');
      expect(after).toBe(before);
    });

    it('a name taken in the same account is 422 "has already been taken"; another account may reuse it', async () => {
      await createTag('Duplicate');
      const res = await post({ name: 'Duplicate' });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual(unprocessable({ name: ['has already been taken'] }));
      expect((await post({ name: 'Duplicate' }, b)).statusCode).toBe(201);

      const other = await createTag('Other');
      const rename = await t.request('PUT', `/api/v1/tags/${other.id}`, {
        headers: a.auth,
        payload: { tag: { name: 'Duplicate' } },
      });
      expect(rename.statusCode).toBe(422);
      expect(rename.json()).toEqual(unprocessable({ name: ['has already been taken'] }));
    });

    it('updates with PUT and PATCH; only the fields sent change', async () => {
      const tag = await createTag('Before', a, { description: 'kept' });
      const put = await t.request('PUT', `/api/v1/tags/${tag.id}`, {
        headers: a.auth,
        payload: { tag: { name: 'After' } },
      });
      expect(put.statusCode).toBe(200);
      expect(put.json()).toEqual({ data: tagBody({ id: tag.id, name: 'After', description: 'kept' }) });
      const patch = await t.request('PATCH', `/api/v1/tags/${tag.id}`, {
        headers: a.auth,
        payload: { tag: { color: 'green', description: null } },
      });
      expect(patch.statusCode).toBe(200);
      expect(patch.json()).toEqual({ data: tagBody({ id: tag.id, name: 'After', color: 'green' }) });
      expect((await get(tag.id)).json()).toEqual(patch.json());
    });

    it('an update with a null name is 422', async () => {
      const tag = await createTag('Keep me');
      const res = await t.request('PUT', `/api/v1/tags/${tag.id}`, {
        headers: a.auth,
        payload: { tag: { name: null } },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual(unprocessable({ name: ["can't be blank"] }));
      expect((await get(tag.id)).json().data.name).toBe('Keep me');
    });

    it('deletes (204, empty) and unlinks; then 404', async () => {
      const tag = await createTag('Doomed');
      const conversation = await createConversation(t, a);
      await t.request('POST', `/api/v1/conversations/${conversation.id}/tags`, {
        headers: a.auth,
        payload: { tag_id: tag.id },
      });
      const res = await t.request('DELETE', `/api/v1/tags/${tag.id}`, { headers: a.auth });
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      expect((await get(tag.id)).json()).toEqual(NOT_FOUND);
      const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM conversation_tags WHERE tag_id = $1', [tag.id]);
      expect(n).toBe(0);
    });

    it('a malformed id is a 400', async () => {
      expect((await get('not-a-uuid')).statusCode).toBe(400);
    });
  });

  describe('GET /api/v1/tags', () => {
    it("lists only the account's tags, newest first, paginated", async () => {
      const c = await createAccount(t);
      const names = ['one', 'two', 'three'];
      for (const name of names) await createTag(name, c);
      await createTag('not mine', b);
      const first = await list({ limit: '2' }, c);
      expect(first.statusCode).toBe(200);
      const page1 = first.json();
      expect(page1).toEqual({
        data: [tagBody({ name: 'three' }), tagBody({ name: 'two' })],
        next: expect.any(String),
        previous: null,
        limit: 2,
        total: 3,
      });
      const page2 = (await list({ limit: '2', after: page1.next }, c)).json();
      expect(page2).toEqual({
        data: [tagBody({ name: 'one' })],
        next: null,
        previous: expect.any(String),
        limit: 2,
        total: 3,
      });
      const back = (await list({ limit: '2', before: page2.previous }, c)).json();
      expect(back.data.map((tag: { name: string }) => tag.name)).toEqual(['three', 'two']);
      expect((await list({ after: 'garbage' }, c)).statusCode).toBe(400);
    });

    it('is empty for a fresh account', async () => {
      const c = await createAccount(t);
      expect((await list({}, c)).json()).toEqual({ data: [], next: null, previous: null, limit: 1000, total: 0 });
    });
  });

  describe.each([
    ['conversations', 'conversation_tags', 'conversation_id', (account: TestAccount) => createConversation(t, account)],
    ['customers', 'customer_tags', 'customer_id', (account: TestAccount) => createCustomer(t, account)],
  ])('tagging /api/v1/%s/:id/tags', (resource, table, column, makeParent) => {
    const links = async (parentId: string) => {
      const rows = await t.db.query(`SELECT tag_id, account_id, creator_id FROM ${table} WHERE ${column} = $1`, [
        parentId,
      ]);
      return rows as { tag_id: string; account_id: string; creator_id: number }[];
    };
    const add = (parentId: string, tagId: unknown, account = a) =>
      t.request('POST', `/api/v1/${resource}/${parentId}/tags`, { headers: account.auth, payload: { tag_id: tagId } });
    const remove = (parentId: string, tagId: string, account = a) =>
      t.request('DELETE', `/api/v1/${resource}/${parentId}/tags/${tagId}`, { headers: account.auth });

    it('adds a tag (200 {"ok":true}), shows it on the parent, and adding twice keeps one link', async () => {
      const parent = await makeParent(a);
      const tag = await createTag(`${resource}-add`);
      for (let i = 0; i < 2; i += 1) {
        const res = await add(parent.id, tag.id);
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({ data: { ok: true } });
      }
      expect(await links(parent.id)).toEqual([{ tag_id: tag.id, account_id: a.accountId, creator_id: a.userId }]);
      const shown = await t.request('GET', `/api/v1/${resource}/${parent.id}`, { headers: a.auth });
      expect(shown.json().data.tags).toEqual([tagBody({ id: tag.id, name: `${resource}-add` })]);
    });

    it('accepts a form-encoded tag_id', async () => {
      const parent = await makeParent(a);
      const tag = await createTag(`${resource}-form`);
      const res = await t.request('POST', `/api/v1/${resource}/${parent.id}/tags`, {
        ...form({ tag_id: tag.id }),
        headers: { ...a.auth, ...form({}).headers },
      });
      expect(res.statusCode).toBe(200);
      expect((await links(parent.id)).map((link) => link.tag_id)).toEqual([tag.id]);
    });

    it('removes a tag (200 {"ok":true}); removing an unlinked tag is also 200', async () => {
      const parent = await makeParent(a);
      const tag = await createTag(`${resource}-remove`);
      await add(parent.id, tag.id);
      for (let i = 0; i < 2; i += 1) {
        const res = await remove(parent.id, tag.id);
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({ data: { ok: true } });
      }
      expect(await links(parent.id)).toEqual([]);
      expect((await get(tag.id)).statusCode).toBe(200);
    });

    it('a blank or invalid tag_id is 422, an unknown one 404', async () => {
      const parent = await makeParent(a);
      const noBody = await t.request('POST', `/api/v1/${resource}/${parent.id}/tags`, { headers: a.auth });
      expect(noBody.statusCode).toBe(422);
      expect(noBody.json()).toEqual(unprocessable({ tag_id: ["can't be blank"] }));
      expect((await add(parent.id, undefined)).json()).toEqual(unprocessable({ tag_id: ["can't be blank"] }));
      expect((await add(parent.id, 'nope')).json()).toEqual(unprocessable({ tag_id: ['is invalid'] }));
      const missing = await add(parent.id, randomUUID());
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual(NOT_FOUND);
    });

    it("another account's tag is 404 on add and on remove; nothing is linked", async () => {
      const parent = await makeParent(a);
      const foreignTag = await createTag(`${resource}-foreign`, b);
      const res = await add(parent.id, foreignTag.id);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(NOT_FOUND);
      expect((await remove(parent.id, foreignTag.id)).json()).toEqual(NOT_FOUND);
      expect((await remove(parent.id, randomUUID())).statusCode).toBe(404);
      expect(await links(parent.id)).toEqual([]);
    });

    it(`another account's ${resource.slice(0, -1)} is a 404 both ways; a malformed id is 400`, async () => {
      const foreignParent = await makeParent(b);
      const tag = await createTag(`${resource}-theirs`);
      expect((await add(foreignParent.id, tag.id)).json()).toEqual(NOT_FOUND);
      expect((await remove(foreignParent.id, tag.id)).json()).toEqual(NOT_FOUND);
      expect((await add(randomUUID(), tag.id)).statusCode).toBe(404);
      expect(await links(foreignParent.id)).toEqual([]);
      expect((await add('not-a-uuid', tag.id)).statusCode).toBe(400);
      expect((await remove(foreignParent.id, 'not-a-uuid')).statusCode).toBe(400);
    });
  });
});
