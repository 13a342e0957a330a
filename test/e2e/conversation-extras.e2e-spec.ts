import { loadShareKey, signShareToken } from '../../src/conversations/share-token';
import {
  createAccount,
  createConversation,
  createCustomer,
  createMessage,
  createTeammate,
  TestAccount,
} from '../support/factories';
import { NOT_FOUND, UUID } from '../support/expectations';
import { createTestApp, TestApp } from '../support/test-app';

describe('conversations: archive, mentions, unread counts, sharing, private notes', () => {
  let t: TestApp;
  let a: TestAccount;
  let mate: TestAccount;
  beforeAll(async () => {
    t = await createTestApp();
    a = await createAccount(t);
    mate = await createTeammate(t, a);
  });
  afterAll(() => t.close());

  const session = (account: TestAccount) => ({ authorization: account.token });
  const list = async (account: TestAccount, query: Record<string, string> = {}) => {
    const res = await t.request('GET', '/api/v1/conversations', { headers: account.auth, query });
    expect(res.statusCode).toBe(200);
    return res.json().data.map((c: { id: string }) => c.id);
  };
  const count = async (account: TestAccount, query: Record<string, string>) =>
    (await t.request('GET', '/api/v1/conversations/count', { headers: account.auth, query })).json().data.count;

  describe("previous and related (the dashboard's customer history)", () => {
    it("answers the customer's other live conversations, most recent activity first, in the same view as GET", async () => {
      // An account of its own: the archive specs below count the archived conversations of `a`.
      const h = await createAccount(t);
      const customer = (await createCustomer(t, h)).id;
      const first = await createConversation(t, h, { customer_id: customer });
      const second = await createConversation(t, h, { customer_id: customer });
      const archived = await createConversation(t, h, { customer_id: customer });
      const third = await createConversation(t, h, { customer_id: customer });
      await createConversation(t, h); // another customer's
      await t.request('POST', `/api/conversations/${archived.id}/archive`, { headers: session(h) });
      const get = async (path: string, query: Record<string, string> = {}) => {
        const res = await t.request('GET', `/api/conversations/${path}`, { headers: session(h), query });
        return [res.statusCode, res.json()];
      };
      const ids = (body: { data: { id: string }[] }) => body.data.map((c) => c.id);

      const [status, previous] = await get(`${third.id}/previous`);
      expect(status).toBe(200);
      const shown = (await t.request('GET', `/api/conversations/${second.id}`, { headers: session(h) })).json();
      expect(previous).toEqual(shown);
      expect(await get(`${first.id}/previous`)).toEqual([200, { data: null }]);

      const [, related] = await get(`${first.id}/related`);
      expect(ids(related)).toEqual([third.id, second.id]);
      expect(ids((await get(`${first.id}/related`, { limit: '1' }))[1])).toEqual([third.id]);
      expect((await get(`${first.id}/related`, { limit: '51' }))[0]).toBe(400);

      const other = await createAccount(t);
      const foreign = await t.request('GET', `/api/v1/conversations/${first.id}/related`, { headers: other.auth });
      expect([foreign.statusCode, foreign.json()]).toEqual([404, NOT_FOUND]);
    });
  });

  describe('archive', () => {
    it('POST /api/conversations/:id/archive hides it from lists and counts unless archived=true', async () => {
      const kept = await createConversation(t, a);
      const archived = await createConversation(t, a);
      const res = await t.request('POST', `/api/conversations/${archived.id}/archive`, { headers: session(a) });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({ id: archived.id, object: 'conversation' });
      const [row] = await t.db.query('SELECT archived_at FROM conversations WHERE id = $1', [archived.id]);
      expect(row.archived_at).toBeInstanceOf(Date);

      expect(await list(a)).toContain(kept.id);
      expect(await list(a)).not.toContain(archived.id);
      expect(await list(a, { archived: 'true' })).toEqual([archived.id]);
      expect(await list(a, { archived: 'false' })).not.toContain(archived.id);
      expect(await count(a, { archived: 'true' })).toBe(1);
      // Still retrievable by id, as in Papercups.
      const show = await t.request('GET', `/api/v1/conversations/${archived.id}`, { headers: a.auth });
      expect(show.statusCode).toBe(200);
      // The v1 door with an API key does the same; an event is recorded.
      const again = await t.request('POST', `/api/v1/conversations/${kept.id}/archive`, { headers: a.auth });
      expect(again.statusCode).toBe(200);
      const events = await t.db.query(
        `SELECT count(*)::int AS n FROM events WHERE type = 'conversation:updated' AND payload->>'id' = $1`,
        [kept.id],
      );
      expect(events).toEqual([{ n: 1 }]);
    });

    it('archived_at on update archives, and null brings it back', async () => {
      const c = await createConversation(t, a);
      const put = (archived_at: string | null) =>
        t.request('PUT', `/api/v1/conversations/${c.id}`, {
          headers: a.auth,
          payload: { conversation: { archived_at } },
        });
      expect((await put('2024-01-02T03:04:05Z')).statusCode).toBe(200);
      expect(await list(a, { archived: 'true' })).toContain(c.id);
      expect((await put(null)).statusCode).toBe(200);
      expect(await list(a)).toContain(c.id);
      expect((await put('yesterday')).statusCode).toBe(422);
    });

    it('refuses bad input and foreign or unknown ids', async () => {
      expect(
        (await t.request('GET', '/api/v1/conversations', { headers: a.auth, query: { archived: 'x' } })).statusCode,
      ).toBe(400);
      const missing = await t.request('POST', `/api/conversations/00000000-0000-4000-8000-000000000000/archive`, {
        headers: session(a),
      });
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual(NOT_FOUND);
      expect((await t.request('POST', '/api/conversations/nope/archive', { headers: session(a) })).statusCode).toBe(
        400,
      );
    });
  });

  describe('mentions', () => {
    it('mentioned_user_ids on a message; mentioning and has_seen_mention filter; read marks them seen', async () => {
      const c = await createConversation(t, a);
      const other = await createConversation(t, a);
      const message = await createMessage(t, a, {
        conversation_id: c.id,
        body: 'Have a look @mate',
        private: true,
        type: 'note',
        mentioned_user_ids: [mate.userId, mate.userId],
      });
      await createMessage(t, a, { conversation_id: other.id, body: 'no mention' });

      expect(await list(mate, { mentioning: 'me' })).toEqual([c.id]);
      expect(await list(a, { mentioning: String(mate.userId) })).toEqual([c.id]);
      expect(await list(a, { mentioning: 'me' })).toEqual([]);
      expect(await list(mate, { mentioning: 'me', has_seen_mention: 'false' })).toEqual([c.id]);
      expect(await list(mate, { mentioning: 'me', has_seen_mention: 'true' })).toEqual([]);

      const shown = (await t.request('GET', `/api/v1/conversations/${c.id}`, { headers: a.auth })).json().data;
      expect(shown.mentions).toEqual([
        {
          id: UUID,
          object: 'mention',
          account_id: a.accountId,
          created_at: expect.any(String),
          seen_at: null,
          conversation_id: c.id,
          message_id: message.id,
          user_id: mate.userId,
          user: expect.objectContaining({ id: mate.userId, email: mate.email }),
        },
      ]);

      // Someone else reading it leaves the mention unseen; the mentioned user reading it marks it seen.
      await t.request('PUT', `/api/v1/conversations/${c.id}`, {
        headers: a.auth,
        payload: { conversation: { read: true } },
      });
      expect(await list(mate, { mentioning: 'me', has_seen_mention: 'false' })).toEqual([c.id]);
      await t.request('PUT', `/api/v1/conversations/${c.id}`, {
        headers: mate.auth,
        payload: { conversation: { read: true } },
      });
      expect(await list(mate, { mentioning: 'me', has_seen_mention: 'false' })).toEqual([]);
      expect(await list(mate, { mentioning: 'me', has_seen_mention: 'true' })).toEqual([c.id]);
    });

    it('refuses users of another account and malformed ids (422), and writes nothing', async () => {
      const b = await createAccount(t);
      const c = await createConversation(t, a);
      const post = (mentioned_user_ids: unknown) =>
        t.request('POST', '/api/v1/messages', {
          headers: a.auth,
          payload: { message: { conversation_id: c.id, body: 'x', mentioned_user_ids } },
        });
      const foreign = await post([b.userId]);
      expect(foreign.statusCode).toBe(422);
      expect(foreign.json().error.errors).toEqual({ mentioned_user_ids: ['does not exist'] });
      for (const bad of ['1', [0], ['x'], Array.from({ length: 51 }, (_, i) => i + 1)]) {
        expect((await post(bad)).statusCode).toBe(422);
      }
      const rows = await t.db.query('SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1', [c.id]);
      expect(rows).toEqual([{ n: 0 }]);
      expect(
        (await t.request('GET', '/api/v1/conversations', { headers: a.auth, query: { mentioning: 'x' } })).statusCode,
      ).toBe(400);
    });
  });

  describe('unread counts', () => {
    it('GET /api/conversations/unread counts the dashboard folders and inboxes', async () => {
      const fresh = await createAccount(t);
      const mate2 = await createTeammate(t, fresh);
      const open = await createConversation(t, fresh);
      await createConversation(t, fresh, { assignee_id: fresh.userId, priority: 'priority' });
      await createConversation(t, fresh, { status: 'closed' });
      const read = await createConversation(t, fresh, { read: true });
      const archived = await createConversation(t, fresh);
      await t.request('POST', `/api/v1/conversations/${archived.id}/archive`, { headers: fresh.auth });
      await createMessage(t, fresh, { conversation_id: read.id, body: 'hi', mentioned_user_ids: [mate2.userId] });
      void open;

      const res = await t.request('GET', '/api/conversations/unread', { headers: session(fresh) });
      expect(res.statusCode).toBe(200);
      const [inbox] = await t.db.query('SELECT id FROM inboxes WHERE account_id = $1', [fresh.accountId]);
      const folders = { open: 2, assigned: 1, priority: 1, unread: 2, unassigned: 1, closed: 1, mentioned: 0 };
      expect(res.json()).toEqual({ data: { conversations: folders, inboxes: { [inbox.id]: 2 }, ...folders } });
      const theirs = await t.request('GET', '/api/v1/conversations/unread', { headers: mate2.auth });
      expect(theirs.json().data.conversations).toEqual({ ...folders, assigned: 0, mentioned: 1 });
    });
  });

  describe('sharing', () => {
    it('POST /api/conversations/:id/share gives a token that opens the conversation publicly, without private notes', async () => {
      const c = await createConversation(t, a);
      await createMessage(t, a, { conversation_id: c.id, body: 'public reply' });
      await createMessage(t, a, { conversation_id: c.id, body: 'internal note', private: true, type: 'note' });
      const res = await t.request('POST', `/api/conversations/${c.id}/share`, { headers: session(a) });
      expect(res.statusCode).toBe(200);
      const { ok, token } = res.json().data;
      expect(ok).toBe(true);

      const shared = await t.request('GET', '/api/conversations/shared', { query: { token, conversation_id: c.id } });
      expect(shared.statusCode).toBe(200);
      const data = shared.json().data;
      expect(data).toMatchObject({ id: c.id, object: 'conversation', customer: expect.any(Object) });
      expect(data.messages.map((m: { body: string }) => m.body)).toEqual(['public reply']);

      // The token opens only that conversation; tampering or junk is "Access denied", expiry its own message.
      const other = await createConversation(t, a);
      const denied = await t.request('GET', '/api/conversations/shared', {
        query: { token, conversation_id: other.id },
      });
      expect(denied.statusCode).toBe(403);
      expect(denied.json()).toEqual({ error: { status: 403, message: 'Access denied' } });
      const [body, sig] = token.split('.');
      const forged = await t.request('GET', '/api/conversations/shared', {
        query: { token: `${body}x.${sig}`, conversation_id: c.id },
      });
      expect(forged.statusCode).toBe(403);
      expect(
        (await t.request('GET', '/api/conversations/shared', { query: { conversation_id: c.id } })).statusCode,
      ).toBe(400);

      const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
      expect(claims.e - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
      // An archived conversation is no longer shared.
      await t.request('POST', `/api/conversations/${c.id}/archive`, { headers: session(a) });
      expect(
        (await t.request('GET', '/api/conversations/shared', { query: { token, conversation_id: c.id } })).statusCode,
      ).toBe(404);
    });

    it('an expired link says so', async () => {
      const c = await createConversation(t, a);
      const key = await loadShareKey(t.db.manager);
      const token = signShareToken(key, {
        conversationId: c.id,
        accountId: a.accountId,
        customerId: c.customer_id,
        expiresAt: Date.now() - 1000,
      });
      const res = await t.request('GET', '/api/conversations/shared', { query: { token, conversation_id: c.id } });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual({ error: { status: 403, message: 'This link has expired' } });
    });
  });
});
