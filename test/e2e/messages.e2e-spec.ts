import {
  createAccount,
  createConversation,
  createCustomer,
  createMessage,
  createTeammate,
  form,
  TestAccount,
} from '../support/factories';
import { NAIVE_TIMESTAMP, NOT_FOUND, userView, UUID, unprocessable } from '../support/expectations';
import { createTestApp, TestApp } from '../support/test-app';

const MISSING_UUID = '00000000-0000-4000-8000-000000000000';
const OLD_ACTIVITY = '2020-01-01T00:00:00Z';

describe('messages (/api/v1/messages)', () => {
  let t: TestApp;
  let owner: TestAccount;
  let teammate: TestAccount;
  let other: TestAccount;

  const addTeammate = (account: TestAccount) => createTeammate(t, account);

  const post = (account: TestAccount, message: Record<string, unknown>) =>
    t.request('POST', '/api/v1/messages', { headers: account.auth, payload: { message } });

  const conversationOf = async (account: TestAccount, id: string) => {
    const res = await t.request('GET', `/api/v1/conversations/${id}`, { headers: account.auth });
    expect(res.statusCode).toBe(200);
    return res.json().data;
  };

  const countMessages = async () => (await t.db.query('SELECT count(*)::int AS n FROM messages'))[0].n as number;

  const conversationRow = async (id: string) =>
    (
      await t.db.query(
        `SELECT read, status, assignee_id, closed_at, last_activity_at, updated_at FROM conversations WHERE id = $1`,
        [id],
      )
    )[0];

  const ageActivity = (conversationId: string) =>
    t.db.query(`UPDATE conversations SET last_activity_at = $2 WHERE id = $1`, [conversationId, OLD_ACTIVITY]);

  beforeAll(async () => {
    t = await createTestApp();
    owner = await createAccount(t);
    teammate = await addTeammate(owner);
    other = await createAccount(t);
  });
  afterAll(() => t.close());

  describe('POST /api/v1/messages', () => {
    it('creates an agent message from the seed curl (form-encoded)', async () => {
      const conversation = await createConversation(t, owner);
      const res = await t.request('POST', '/api/v1/messages', {
        ...form({ 'message[body]': 'How can I help you?', 'message[conversation_id]': conversation.id }),
        headers: { ...form({}).headers, ...owner.auth },
      });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toEqual({
        data: {
          id: UUID,
          object: 'message',
          account_id: owner.accountId,
          attachments: [],
          body: 'How can I help you?',
          content_type: 'text',
          conversation_id: conversation.id,
          created_at: NAIVE_TIMESTAMP,
          customer_id: null,
          metadata: null,
          private: false,
          seen_at: null,
          sent_at: null,
          source: 'chat',
          type: 'reply',
          user: userView(owner),
          user_id: owner.userId,
        },
      });
      expect(body.data).not.toHaveProperty('customer');
      expect(res.headers.location).toBe(`/api/v1/messages/${body.data.id}`);
      const [row] = await t.db.query('SELECT account_id, user_id, customer_id, body FROM messages WHERE id = $1', [
        body.data.id,
      ]);
      expect(row).toEqual({
        account_id: owner.accountId,
        user_id: owner.userId,
        customer_id: null,
        body: 'How can I help you?',
      });
    });

    it.each([
      ['a teammate', () => teammate.userId],
      ['a user of another account', () => other.userId],
    ])('overwrites a client user_id (%s) with the caller', async (_case, userId) => {
      const conversation = await createConversation(t, owner);
      const res = await post(owner, { body: 'hi', conversation_id: conversation.id, user_id: userId() });
      expect(res.statusCode).toBe(201);
      expect(res.json().data).toMatchObject({ user_id: owner.userId, user: userView(owner), customer_id: null });
      const [row] = await t.db.query('SELECT user_id FROM messages WHERE id = $1', [res.json().data.id]);
      expect(row.user_id).toBe(owner.userId);
    });

    it('ignores a client account_id', async () => {
      const conversation = await createConversation(t, owner);
      const res = await post(owner, { body: 'hi', conversation_id: conversation.id, account_id: other.accountId });
      expect(res.statusCode).toBe(201);
      expect(res.json().data.account_id).toBe(owner.accountId);
    });

    it('stores the optional fields it is given', async () => {
      const conversation = await createConversation(t, owner);
      const res = await post(owner, {
        body: '**Note**',
        conversation_id: conversation.id,
        type: 'note',
        source: 'api',
        content_type: 'markdown',
        private: true,
        metadata: { ticket: 42 },
        sent_at: '2021-02-24T17:00:30Z',
        seen_at: '2021-02-24T17:00:31',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({
        data: {
          id: UUID,
          object: 'message',
          account_id: owner.accountId,
          attachments: [],
          body: '**Note**',
          content_type: 'markdown',
          conversation_id: conversation.id,
          created_at: NAIVE_TIMESTAMP,
          customer_id: null,
          metadata: { ticket: 42 },
          private: true,
          seen_at: '2021-02-24T17:00:31Z',
          sent_at: '2021-02-24T17:00:30Z',
          source: 'api',
          type: 'note',
          user: userView(owner),
          user_id: owner.userId,
        },
      });
    });

    it('creates a customer message with the basic customer and no user', async () => {
      const customer = await createCustomer(t, owner, {
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        phone: '+15550100',
        external_id: 'ext-ada',
        browser: 'Chrome',
        os: 'Mac OS X',
        current_url: 'http://localhost:3000/demo',
        host: 'localhost:3000',
        pathname: '/demo',
        profile_photo_url: 'https://example.com/ada.png',
        metadata: { plan: 'pro' },
      });
      const conversation = await createConversation(t, owner, { customer_id: customer.id });
      const res = await post(owner, {
        body: 'Hello world!',
        conversation_id: conversation.id,
        customer_id: customer.id,
      });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toEqual({
        data: {
          id: UUID,
          object: 'message',
          account_id: owner.accountId,
          attachments: [],
          body: 'Hello world!',
          content_type: 'text',
          conversation_id: conversation.id,
          created_at: NAIVE_TIMESTAMP,
          customer: {
            id: customer.id,
            object: 'customer',
            browser: 'Chrome',
            company_id: null,
            created_at: customer.created_at,
            current_url: 'http://localhost:3000/demo',
            email: 'ada@example.com',
            external_id: 'ext-ada',
            host: 'localhost:3000',
            metadata: { plan: 'pro' },
            name: 'Ada Lovelace',
            os: 'Mac OS X',
            pathname: '/demo',
            phone: '+15550100',
            profile_photo_url: 'https://example.com/ada.png',
            title: 'Ada Lovelace',
            updated_at: customer.updated_at,
          },
          customer_id: customer.id,
          metadata: null,
          private: false,
          seen_at: null,
          sent_at: null,
          source: 'chat',
          type: 'reply',
          user: null,
          user_id: null,
        },
      });
      expect(res.headers.location).toBe(`/api/v1/messages/${body.data.id}`);
    });
  });

  describe('side effects on the conversation', () => {
    it('an agent message marks it read and bumps last_activity_at, leaving a closed conversation closed', async () => {
      const conversation = await createConversation(t, owner, { status: 'closed' });
      expect(conversation.read).toBe(false);
      await ageActivity(conversation.id);
      const message = await createMessage(t, owner, { body: 'On it', conversation_id: conversation.id });
      const after = await conversationOf(owner, conversation.id);
      expect(after).toMatchObject({
        read: true,
        status: 'closed',
        closed_at: conversation.closed_at,
        last_activity_at: `${message.created_at}Z`,
        assignee_id: owner.userId,
      });
      expect(after.closed_at).not.toBeNull();
    });

    it('the first agent message assigns the sender (overwriting an assignee); a later one does not', async () => {
      const conversation = await createConversation(t, owner, { assignee_id: teammate.userId });
      expect(conversation.assignee_id).toBe(teammate.userId);

      await createMessage(t, owner, { body: 'first reply', conversation_id: conversation.id });
      expect((await conversationOf(owner, conversation.id)).assignee_id).toBe(owner.userId);

      await createMessage(t, teammate, { body: 'second reply', conversation_id: conversation.id });
      expect((await conversationOf(owner, conversation.id)).assignee_id).toBe(owner.userId);
    });

    it('a later agent message keeps an assignee set after the first reply', async () => {
      const conversation = await createConversation(t, owner);
      await createMessage(t, owner, { body: 'first reply', conversation_id: conversation.id });
      const put = await t.request('PUT', `/api/v1/conversations/${conversation.id}`, {
        headers: owner.auth,
        payload: { conversation: { assignee_id: teammate.userId } },
      });
      expect(put.statusCode).toBe(200);
      await createMessage(t, owner, { body: 'second reply', conversation_id: conversation.id });
      expect((await conversationOf(owner, conversation.id)).assignee_id).toBe(teammate.userId);
    });

    it('a conversation started with an agent message is not assigned by the next agent message', async () => {
      const conversation = await createConversation(t, owner, { message: { body: 'We noticed you were stuck' } });
      expect(conversation.assignee_id).toBeNull();
      await createMessage(t, teammate, { body: 'follow-up', conversation_id: conversation.id });
      expect((await conversationOf(owner, conversation.id)).assignee_id).toBeNull();
    });

    it('a customer message marks it unread and reopens a closed conversation', async () => {
      const customer = await createCustomer(t, owner);
      const conversation = await createConversation(t, owner, {
        customer_id: customer.id,
        status: 'closed',
        read: true,
      });
      expect(conversation).toMatchObject({ status: 'closed', read: true, closed_at: expect.any(String) });
      await ageActivity(conversation.id);

      const message = await createMessage(t, owner, {
        body: 'Still broken',
        conversation_id: conversation.id,
        customer_id: customer.id,
      });
      expect(await conversationOf(owner, conversation.id)).toMatchObject({
        status: 'open',
        closed_at: null,
        read: false,
        assignee_id: null,
        last_activity_at: `${message.created_at}Z`,
      });
    });

    it('a bot message marks it unread', async () => {
      const conversation = await createConversation(t, owner, { read: true });
      await ageActivity(conversation.id);
      const message = await createMessage(t, owner, { body: 'Beep', conversation_id: conversation.id, type: 'bot' });
      expect(message.type).toBe('bot');
      expect(await conversationOf(owner, conversation.id)).toMatchObject({
        read: false,
        status: 'open',
        last_activity_at: `${message.created_at}Z`,
      });
    });
  });

  describe('POST /api/v1/messages errors (nothing is written)', () => {
    let conversationId: string;
    let customerId: string;
    let foreignConversationId: string;
    let foreignCustomerId: string;

    beforeAll(async () => {
      const customer = await createCustomer(t, owner);
      customerId = customer.id;
      conversationId = (await createConversation(t, owner, { customer_id: customerId })).id;
      const foreignCustomer = await createCustomer(t, other);
      foreignCustomerId = foreignCustomer.id;
      foreignConversationId = (await createConversation(t, other, { customer_id: foreignCustomerId })).id;
    });

    it.each<[string, () => unknown, number, object]>([
      [
        'both user_id and customer_id',
        () => ({
          message: { body: 'x', conversation_id: conversationId, customer_id: customerId, user_id: owner.userId },
        }),
        422,
        { error: { status: 422, message: 'A message should not have both a `user_id` and `customer_id`' } },
      ],
      [
        'a customer_id of another account',
        () => ({ message: { body: 'x', conversation_id: conversationId, customer_id: foreignCustomerId } }),
        422,
        unprocessable({ customer_id: ['does not exist'] }),
      ],
      [
        'a customer_id that does not exist',
        () => ({ message: { body: 'x', conversation_id: conversationId, customer_id: MISSING_UUID } }),
        422,
        unprocessable({ customer_id: ['does not exist'] }),
      ],
      [
        'a conversation_id of another account',
        () => ({ message: { body: 'x', conversation_id: foreignConversationId } }),
        422,
        unprocessable({ conversation_id: ['does not exist'] }),
      ],
      [
        'a conversation_id that does not exist',
        () => ({ message: { body: 'x', conversation_id: MISSING_UUID } }),
        422,
        unprocessable({ conversation_id: ['does not exist'] }),
      ],
      [
        'no conversation_id',
        () => ({ message: { body: 'x' } }),
        422,
        unprocessable({ conversation_id: ["can't be blank"] }),
      ],
      [
        'type "email"',
        () => ({ message: { body: 'x', conversation_id: conversationId, type: 'email' } }),
        422,
        unprocessable({ type: ['is invalid'] }),
      ],
      [
        'a conversation_id that is not a uuid',
        () => ({ message: { body: 'x', conversation_id: 'not-a-uuid' } }),
        422,
        unprocessable({ conversation_id: ['is invalid'] }),
      ],
      [
        'no message wrapper',
        () => ({ body: 'x', conversation_id: conversationId }),
        400,
        { error: { status: 400, message: 'Missing parameter: message', errors: { message: ['is required'] } } },
      ],
    ])('rejects %s', async (_case, payload, status, expected) => {
      const before = await countMessages();
      const conversationBefore = await conversationRow(conversationId);
      const foreignBefore = await conversationRow(foreignConversationId);
      const res = await t.request('POST', '/api/v1/messages', { headers: owner.auth, payload: payload() as object });
      expect(res.statusCode).toBe(status);
      expect(res.json()).toEqual(expected);
      expect(await countMessages()).toBe(before);
      expect(await conversationRow(conversationId)).toEqual(conversationBefore);
      expect(await conversationRow(foreignConversationId)).toEqual(foreignBefore);
    });
  });

  describe('GET /api/v1/messages/:id', () => {
    it('retrieves an agent message exactly as it was created', async () => {
      const conversation = await createConversation(t, owner);
      const created = await createMessage(t, owner, { body: 'Hello', conversation_id: conversation.id });
      const res = await t.request('GET', `/api/v1/messages/${created.id}`, { headers: owner.auth });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ data: created });
      expect(res.json().data).not.toHaveProperty('customer');
    });

    it('retrieves a customer message with its customer', async () => {
      const customer = await createCustomer(t, owner, { name: 'Grace' });
      const conversation = await createConversation(t, owner, { customer_id: customer.id });
      const created = await createMessage(t, owner, {
        body: 'Help',
        conversation_id: conversation.id,
        customer_id: customer.id,
      });
      const res = await t.request('GET', `/api/v1/messages/${created.id}`, { headers: owner.auth });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ data: created });
      expect(res.json().data.customer).toMatchObject({ id: customer.id, name: 'Grace', title: 'Grace' });
    });

    it('answers 404 for an id that does not exist and 400 for one that is not a uuid', async () => {
      const missing = await t.request('GET', `/api/v1/messages/${MISSING_UUID}`, { headers: owner.auth });
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual(NOT_FOUND);
      const malformed = await t.request('GET', '/api/v1/messages/not-a-uuid', { headers: owner.auth });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().error.status).toBe(400);
    });
  });

  describe('PUT and PATCH /api/v1/messages/:id', () => {
    it('PUT changes the body and takes "true" for private', async () => {
      const conversation = await createConversation(t, owner);
      const created = await createMessage(t, owner, { body: 'typo', conversation_id: conversation.id });
      const res = await t.request('PUT', `/api/v1/messages/${created.id}`, {
        headers: owner.auth,
        payload: { message: { body: 'fixed', private: 'true' } },
      });
      expect(res.statusCode).toBe(200);
      const expected = { data: { ...created, body: 'fixed', private: true } };
      expect(res.json()).toEqual(expected);
      const show = await t.request('GET', `/api/v1/messages/${created.id}`, { headers: owner.auth });
      expect(show.json()).toEqual(expected);
    });

    it('PATCH takes a form-encoded body', async () => {
      const customer = await createCustomer(t, owner);
      const conversation = await createConversation(t, owner, { customer_id: customer.id });
      const created = await createMessage(t, owner, {
        body: 'typo',
        conversation_id: conversation.id,
        customer_id: customer.id,
      });
      const res = await t.request('PATCH', `/api/v1/messages/${created.id}`, {
        headers: { ...form({}).headers, ...owner.auth },
        payload: form({ 'message[body]': 'patched', 'message[private]': 'true' }).payload,
      });
      expect(res.statusCode).toBe(200);
      const expected = { data: { ...created, body: 'patched', private: true } };
      expect(res.json()).toEqual(expected);
      const show = await t.request('GET', `/api/v1/messages/${created.id}`, { headers: owner.auth });
      expect(show.json()).toEqual(expected);
    });

    it('rejects an invalid type and leaves the message unchanged', async () => {
      const conversation = await createConversation(t, owner);
      const created = await createMessage(t, owner, { body: 'keep', conversation_id: conversation.id });
      const res = await t.request('PUT', `/api/v1/messages/${created.id}`, {
        headers: owner.auth,
        payload: { message: { body: 'changed', type: 'email' } },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual(unprocessable({ type: ['is invalid'] }));
      const show = await t.request('GET', `/api/v1/messages/${created.id}`, { headers: owner.auth });
      expect(show.json()).toEqual({ data: created });
    });
  });

  describe('DELETE /api/v1/messages/:id', () => {
    it('deletes the message (204), then answers 404', async () => {
      const conversation = await createConversation(t, owner);
      const created = await createMessage(t, owner, { body: 'bye', conversation_id: conversation.id });
      const res = await t.request('DELETE', `/api/v1/messages/${created.id}`, { headers: owner.auth });
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      expect(await t.db.query('SELECT id FROM messages WHERE id = $1', [created.id])).toEqual([]);

      const show = await t.request('GET', `/api/v1/messages/${created.id}`, { headers: owner.auth });
      expect(show.statusCode).toBe(404);
      expect(show.json()).toEqual(NOT_FOUND);
      const again = await t.request('DELETE', `/api/v1/messages/${created.id}`, { headers: owner.auth });
      expect(again.statusCode).toBe(404);
      expect(again.json()).toEqual(NOT_FOUND);
    });
  });

  // Another account's message is a 404 on every route, exactly like a missing one, and stays as it was:
  // tenant-isolation.e2e-spec.ts.

  describe('GET /api/v1/messages', () => {
    let lister: TestAccount;
    let conversationA: string;
    let conversationB: string;
    let customerB: string;
    /** Oldest first, as served by GET /:id after their timestamps were spread out. */
    let messages: Record<string, unknown>[];

    beforeAll(async () => {
      lister = await createAccount(t);
      conversationA = (await createConversation(t, lister)).id;
      customerB = (await createCustomer(t, lister, { name: 'B' })).id;
      conversationB = (await createConversation(t, lister, { customer_id: customerB })).id;
      const created = [
        await createMessage(t, lister, { body: 'one', conversation_id: conversationA }),
        await createMessage(t, lister, { body: 'two', conversation_id: conversationB, customer_id: customerB }),
        await createMessage(t, lister, { body: 'three', conversation_id: conversationA }),
      ];
      // Distinct seconds, so "newest first" has one right answer.
      for (const [index, message] of created.entries()) {
        await t.db.query(`UPDATE messages SET created_at = now() - make_interval(mins => $2::int) WHERE id = $1`, [
          message.id,
          10 - index,
        ]);
      }
      messages = [];
      for (const message of created) {
        messages.push((await t.request('GET', `/api/v1/messages/${message.id}`, { headers: lister.auth })).json().data);
      }
      // Noise in another account.
      await createMessage(t, other, { body: 'elsewhere', conversation_id: (await createConversation(t, other)).id });
    });

    const list = (query: Record<string, string> = {}) =>
      t.request('GET', '/api/v1/messages', { headers: lister.auth, query });

    it("lists only the account's messages, newest first", async () => {
      const res = await list();
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        data: [messages[2], messages[1], messages[0]],
        next: null,
        previous: null,
        limit: 1000,
        total: 3,
      });
    });

    it('filters by conversation_id', async () => {
      const res = await list({ conversation_id: conversationA });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        data: [messages[2], messages[0]],
        next: null,
        previous: null,
        limit: 1000,
        total: 2,
      });
    });

    it('filters by customer_id', async () => {
      const res = await list({ customer_id: customerB });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ data: [messages[1]], next: null, previous: null, limit: 1000, total: 1 });
    });

    it('finds nothing for a conversation of another account', async () => {
      const foreign = (await createConversation(t, other)).id;
      await createMessage(t, other, { body: 'not yours', conversation_id: foreign });
      const res = await list({ conversation_id: foreign });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ data: [], next: null, previous: null, limit: 1000, total: 0 });
    });

    it('answers 400 for a conversation_id filter that is not a uuid', async () => {
      const res = await list({ conversation_id: 'nope' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: { status: 400, message: 'Bad Request', errors: { conversation_id: ['is invalid'] } },
      });
    });

    it('pages with limit and after', async () => {
      const first = await list({ limit: '2' });
      expect(first.statusCode).toBe(200);
      expect(first.json()).toEqual({
        data: [messages[2], messages[1]],
        next: expect.any(String),
        previous: null,
        limit: 2,
        total: 3,
      });
      const second = await list({ limit: '2', after: first.json().next });
      expect(second.statusCode).toBe(200);
      expect(second.json()).toEqual({
        data: [messages[0]],
        next: null,
        previous: expect.any(String),
        limit: 2,
        total: 3,
      });
    });
  });

  describe('authentication', () => {
    // Every route answers 401 without a key: tenant-isolation.e2e-spec.ts.
    it('writes nothing for an unauthenticated create', async () => {
      const conversation = await createConversation(t, owner);
      const before = await countMessages();
      const res = await t.request('POST', '/api/v1/messages', {
        payload: { message: { body: 'x', conversation_id: conversation.id } },
      });
      expect(res.statusCode).toBe(401);
      expect(await countMessages()).toBe(before);
    });
  });
});
