import { createAccount, createConversation, createCustomer, createMessage, TestAccount } from '../support/factories';
import { badRequest } from '../support/expectations';
import { createTestApp, TestApp } from '../support/test-app';

describe('List search, date ranges, tag filter and counts (e2e)', () => {
  let t: TestApp;

  const get = (who: TestAccount, url: string, query: Record<string, string> = {}) =>
    t.request('GET', url, { headers: who.auth, query });
  const ids = (res: { json: () => any }) => res.json().data.map((item: { id: string }) => item.id);
  const setStamps = (table: string, id: string, createdAt: string, updatedAt = createdAt) =>
    t.db.query(`UPDATE ${table} SET created_at = $2, updated_at = $3 WHERE id = $1`, [id, createdAt, updatedAt]);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('conversations', () => {
    let account: TestAccount;
    let refund: any;
    let shipping: any;
    let quiet: any;

    beforeAll(async () => {
      account = await createAccount(t);
      refund = await createConversation(t, account);
      shipping = await createConversation(t, account);
      quiet = await createConversation(t, account);
      await createMessage(t, account, { body: 'I want a REFUND for order 100%_done', conversation_id: refund.id });
      await createMessage(t, account, { body: 'Where is my package?', conversation_id: shipping.id });
      await createMessage(t, account, { body: 'The package and the refund', conversation_id: shipping.id });
      await setStamps('conversations', refund.id, '2024-01-01T00:00:00Z', '2024-03-01T00:00:00Z');
      await setStamps('conversations', shipping.id, '2024-02-01T00:00:00Z', '2024-02-01T00:00:00Z');
      await setStamps('conversations', quiet.id, '2024-03-01T00:00:00Z', '2024-03-01T00:00:00Z');
    });

    const list = (query: Record<string, string>) => get(account, '/api/v1/conversations', query);
    const count = (query: Record<string, string>) => get(account, '/api/v1/conversations/count', query);

    it('q finds conversations with a message containing the words, case-insensitively', async () => {
      expect(ids(await list({ q: 'refund' })).sort()).toEqual([refund.id, shipping.id].sort());
      expect(ids(await list({ q: 'PACKAGE' }))).toEqual([shipping.id]);
      expect(ids(await list({ q: 'nothing like this' }))).toEqual([]);
    });

    it('q takes % and _ literally', async () => {
      expect(ids(await list({ q: '100%_done' }))).toEqual([refund.id]);
      expect(ids(await list({ q: '1_0' }))).toEqual([]);
      expect(ids(await list({ q: '%' }))).toEqual([refund.id]);
    });

    it("q never matches another account's messages", async () => {
      const other = await createAccount(t);
      const theirs = await createConversation(t, other);
      await createMessage(t, other, { body: 'refund please', conversation_id: theirs.id });
      expect(ids(await list({ q: 'refund please' }))).toEqual([]);
      expect(ids(await get(other, '/api/v1/conversations', { q: 'refund' }))).toEqual([theirs.id]);
    });

    it('created_after / created_before / updated_after / updated_before bound the list (exclusive)', async () => {
      expect(ids(await list({ created_after: '2024-01-01T00:00:00Z' })).sort()).toEqual([shipping.id, quiet.id].sort());
      expect(ids(await list({ created_before: '2024-02-01T00:00:00Z' }))).toEqual([refund.id]);
      expect(ids(await list({ created_after: '2024-01-15', created_before: '2024-02-15' }))).toEqual([shipping.id]);
      expect(ids(await list({ updated_after: '2024-02-15T00:00:00+01:00' })).sort()).toEqual(
        [refund.id, quiet.id].sort(),
      );
      expect(ids(await list({ updated_before: '2024-02-01T00:00:00.001Z' }))).toEqual([shipping.id]);
    });

    it('tag_id keeps the conversations carrying that tag', async () => {
      const [{ id: tagId }] = await t.db.query(`INSERT INTO tags (account_id, name) VALUES ($1, 'vip') RETURNING id`, [
        account.accountId,
      ]);
      await t.db.query(
        `INSERT INTO conversation_tags (account_id, tag_id, conversation_id) VALUES ($1, $2, $3), ($1, $2, $4)`,
        [account.accountId, tagId, refund.id, quiet.id],
      );
      expect(ids(await list({ tag_id: tagId })).sort()).toEqual([refund.id, quiet.id].sort());
      expect(ids(await list({ tag_id: tagId, q: 'refund' }))).toEqual([refund.id]);
      expect(ids(await list({ tag_id: '00000000-0000-4000-8000-000000000000' }))).toEqual([]);
      expect(await count({ tag_id: tagId }).then((r) => r.json())).toEqual({ data: { count: 2 } });
    });

    it('count answers {"data":{"count":N}} under the same filters, archived ones left out', async () => {
      expect((await count({})).statusCode).toBe(200);
      expect((await count({})).json()).toEqual({ data: { count: 3 } });
      expect((await count({ q: 'refund' })).json()).toEqual({ data: { count: 2 } });
      expect((await count({ created_before: '2024-02-01T00:00:00Z' })).json()).toEqual({ data: { count: 1 } });
      await t.db.query('UPDATE conversations SET archived_at = now() WHERE id = $1', [quiet.id]);
      expect((await count({})).json()).toEqual({ data: { count: 2 } });
      await t.db.query('UPDATE conversations SET archived_at = NULL WHERE id = $1', [quiet.id]);
      expect((await get(await createAccount(t), '/api/v1/conversations/count')).json()).toEqual({ data: { count: 0 } });
    });

    it('count ignores limit (it counts every match)', async () => {
      expect((await count({ limit: '1' })).json()).toEqual({ data: { count: 3 } });
    });

    it.each([
      ['created_after', 'yesterday'],
      ['created_before', '2024-13-01'],
      ['updated_after', '2024-01-01T24:61:00Z'],
      ['updated_before', '12345'],
    ])('answers 400 for %s=%s on the list and the count', async (param, value) => {
      for (const res of [await list({ [param]: value }), await count({ [param]: value })]) {
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual(badRequest({ [param]: ['is invalid'] }));
      }
    });

    it('answers 400 for a tag_id that is not a UUID and a q longer than 255 characters', async () => {
      expect((await list({ tag_id: 'vip' })).json()).toEqual(badRequest({ tag_id: ['is invalid'] }));
      expect((await list({ q: 'x'.repeat(256) })).json()).toEqual(
        badRequest({ q: ['should be at most 255 character(s)'] }),
      );
    });

    // 401 without a key: tenant-isolation.e2e-spec.ts, for every route.
  });

  describe('messages', () => {
    let account: TestAccount;
    let first: any;
    let second: any;
    let conversation: any;

    beforeAll(async () => {
      account = await createAccount(t);
      conversation = await createConversation(t, account);
      first = await createMessage(t, account, {
        body: 'Hello there, General Kenobi',
        conversation_id: conversation.id,
      });
      second = await createMessage(t, account, { body: 'general inquiry', conversation_id: conversation.id });
      await setStamps('messages', first.id, '2024-01-01T00:00:00Z', '2024-01-05T00:00:00Z');
      await setStamps('messages', second.id, '2024-01-03T00:00:00Z', '2024-01-03T00:00:00Z');
    });

    const list = (query: Record<string, string>) => get(account, '/api/v1/messages', query);
    const count = (query: Record<string, string>) => get(account, '/api/v1/messages/count', query);

    it('q searches message bodies, case-insensitively', async () => {
      expect(ids(await list({ q: 'GENERAL' }))).toEqual([second.id, first.id]);
      expect(ids(await list({ q: 'kenobi' }))).toEqual([first.id]);
      expect(ids(await list({ q: 'obi-wan' }))).toEqual([]);
    });

    it('date ranges bound the list', async () => {
      expect(ids(await list({ created_after: '2024-01-02' }))).toEqual([second.id]);
      expect(ids(await list({ created_before: '2024-01-02' }))).toEqual([first.id]);
      expect(ids(await list({ updated_after: '2024-01-04' }))).toEqual([first.id]);
      expect(ids(await list({ updated_before: '2024-01-04' }))).toEqual([second.id]);
    });

    it('count answers {"data":{"count":N}} under the same filters', async () => {
      expect((await count({})).json()).toEqual({ data: { count: 2 } });
      expect((await count({ q: 'kenobi' })).json()).toEqual({ data: { count: 1 } });
      expect((await count({ conversation_id: conversation.id, created_after: '2024-01-02' })).json()).toEqual({
        data: { count: 1 },
      });
      expect((await count({ customer_id: '00000000-0000-4000-8000-000000000000' })).json()).toEqual({
        data: { count: 0 },
      });
    });

    it("count never counts another account's messages", async () => {
      const other = await createAccount(t);
      expect((await get(other, '/api/v1/messages/count')).json()).toEqual({ data: { count: 0 } });
    });

    // 401 with an unknown key: tenant-isolation.e2e-spec.ts, for every route.

    it('answers 400 for bad filters on the count', async () => {
      const res = await count({ created_after: 'soon', conversation_id: 'x' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual(badRequest({ conversation_id: ['is invalid'], created_after: ['is invalid'] }));
    });
  });

  describe('customers', () => {
    let account: TestAccount;
    let ada: any;
    let grace: any;
    let anonymous: any;

    beforeAll(async () => {
      account = await createAccount(t);
      ada = await createCustomer(t, account, {
        name: 'Ada Lovelace',
        email: 'ada@engine.org',
        phone: '+44 20 7946 0000',
        external_id: 'usr_ada',
        metadata: { plan: 'pro' },
      });
      grace = await createCustomer(t, account, {
        name: 'Grace Hopper',
        email: 'grace@navy.mil',
        phone: '555-0100',
        external_id: 'usr_grace',
        metadata: { plan: 'free' },
      });
      anonymous = await createCustomer(t, account, { name: null, email: null, external_id: 'anon_1' });
      await setStamps('customers', ada.id, '2024-01-01T00:00:00Z', '2024-01-10T00:00:00Z');
      await setStamps('customers', grace.id, '2024-01-02T00:00:00Z', '2024-01-02T00:00:00Z');
      await setStamps('customers', anonymous.id, '2024-01-03T00:00:00Z', '2024-01-03T00:00:00Z');
      await t.db.query(`UPDATE customers SET last_seen_at = $2 WHERE id = $1`, [ada.id, '2024-02-01T00:00:00Z']);
      await t.db.query(`UPDATE customers SET last_seen_at = $2 WHERE id = $1`, [grace.id, '2024-02-03T00:00:00Z']);
      await t.db.query(`UPDATE customers SET last_seen_at = $2 WHERE id = $1`, [anonymous.id, '2024-02-02T00:00:00Z']);
    });

    const list = (query: Record<string, string>) => get(account, '/api/v1/customers', query);

    it('q matches name, email, phone or external_id, case-insensitively', async () => {
      expect(ids(await list({ q: 'lovelace' }))).toEqual([ada.id]);
      expect(ids(await list({ q: 'NAVY.MIL' }))).toEqual([grace.id]);
      expect(ids(await list({ q: '7946' }))).toEqual([ada.id]);
      expect(ids(await list({ q: 'usr_' }))).toEqual([grace.id, ada.id]);
      expect(ids(await list({ q: 'anon' }))).toEqual([anonymous.id]);
      expect(ids(await list({ q: 'babbage' }))).toEqual([]);
    });

    it('q needs every word; key:value words match metadata as in Papercups', async () => {
      expect(ids(await list({ q: 'usr grace' }))).toEqual([grace.id]);
      expect(ids(await list({ q: 'plan:pro' }))).toEqual([ada.id]);
      expect(ids(await list({ q: 'plan:pro grace' }))).toEqual([]);
      expect(ids(await list({ q: '   ' }))).toEqual([grace.id, anonymous.id, ada.id]);
    });

    it('date ranges bound the list', async () => {
      expect(ids(await list({ created_after: '2024-01-01T12:00:00Z' }))).toEqual([grace.id, anonymous.id]);
      expect(ids(await list({ updated_after: '2024-01-05', created_before: '2024-01-02' }))).toEqual([ada.id]);
      expect((await list({ updated_before: 'never' })).json()).toEqual(badRequest({ updated_before: ['is invalid'] }));
    });

    it('sort orders by last_seen_at (default, newest first), created_at, updated_at or name; - for descending', async () => {
      expect(ids(await list({}))).toEqual([grace.id, anonymous.id, ada.id]);
      expect(ids(await list({ sort: '-last_seen_at' }))).toEqual([grace.id, anonymous.id, ada.id]);
      expect(ids(await list({ sort: 'last_seen_at' }))).toEqual([ada.id, anonymous.id, grace.id]);
      expect(ids(await list({ sort: 'created_at' }))).toEqual([ada.id, grace.id, anonymous.id]);
      expect(ids(await list({ sort: '-created_at' }))).toEqual([anonymous.id, grace.id, ada.id]);
      expect(ids(await list({ sort: '-updated_at' }))).toEqual([ada.id, anonymous.id, grace.id]);
      // a customer without a name sorts as ""
      expect(ids(await list({ sort: 'name' }))).toEqual([anonymous.id, ada.id, grace.id]);
      expect(ids(await list({ sort: '-name' }))).toEqual([grace.id, ada.id, anonymous.id]);
    });

    it('keeps keyset pages exact under every sort, forwards and backwards', async () => {
      for (const sort of ['name', '-name', 'created_at', '-last_seen_at', 'updated_at']) {
        const all = ids(await list({ sort }));
        const first = await list({ sort, limit: '2' });
        expect(ids(first)).toEqual(all.slice(0, 2));
        const second = await list({ sort, limit: '2', after: first.json().next });
        expect(ids(second)).toEqual(all.slice(2));
        expect(second.json()).toMatchObject({ next: null, previous: expect.any(String), total: 3 });
        expect(ids(await list({ sort, limit: '2', before: second.json().previous }))).toEqual(all.slice(0, 2));
      }
    });

    it('answers 400 for a cursor made under another sort, and for an unknown sort', async () => {
      const byName = await list({ sort: 'name', limit: '1' });
      const res = await list({ sort: 'created_at', after: byName.json().next });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual(badRequest({ after: ['is invalid'] }, 'Invalid cursor'));
      expect((await list({ sort: 'email' })).json()).toEqual(badRequest({ sort: ['is invalid'] }));
      expect((await list({ sort: '--name' })).json()).toEqual(badRequest({ sort: ['is invalid'] }));
    });
  });
});
