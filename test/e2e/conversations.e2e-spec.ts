import {
  createAccount,
  createConversation,
  createCustomer,
  createMessage,
  form,
  TestAccount,
} from '../support/factories';
import {
  badRequest,
  NAIVE_TIMESTAMP,
  NOT_FOUND,
  unprocessable,
  userView,
  UTC_TIMESTAMP,
  UUID,
} from '../support/expectations';
import { createTestApp, InjectOptions, TestApp } from '../support/test-app';

const MISSING_UUID = '00000000-0000-4000-8000-000000000000';

const MISSING_WRAPPER = {
  error: { status: 400, message: 'Missing parameter: conversation', errors: { conversation: ['is required'] } },
};

/** A UTC timestamp ("…Z", whole seconds) within the last minute. */
const isRecent = (value: string) => {
  expect(value).toEqual(UTC_TIMESTAMP);
  const at = Date.parse(value);
  expect(at).toBeGreaterThan(Date.now() - 60_000);
  expect(at).toBeLessThanOrEqual(Date.now() + 1_000);
};

describe('conversations (/api/v1/conversations)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const call = (account: TestAccount, method: string, url: string, options: InjectOptions = {}) =>
    t.request(method, url, { ...options, headers: { ...account.auth, ...options.headers } });
  const post = (account: TestAccount, conversation: unknown) =>
    call(account, 'POST', '/api/v1/conversations', { payload: { conversation } as object });
  const list = (account: TestAccount, query: Record<string, string> = {}) =>
    call(account, 'GET', '/api/v1/conversations', { query });

  const primaryInboxId = async (account: TestAccount): Promise<string> => {
    const [inbox] = await t.db.query('SELECT id FROM inboxes WHERE account_id = $1 AND is_primary', [
      account.accountId,
    ]);
    return inbox.id;
  };
  const row = async (id: string) => {
    const [found] = await t.db.query(
      `SELECT account_id, customer_id, assignee_id, inbox_id, status, priority, read, source, subject, metadata,
              closed_at, last_activity_at, archived_at
         FROM conversations WHERE id = $1`,
      [id],
    );
    return found;
  };
  const countConversations = async (account: TestAccount) =>
    (await t.db.query('SELECT count(*)::int AS n FROM conversations WHERE account_id = $1', [account.accountId]))[0].n;
  const countMessages = async (account: TestAccount) =>
    (await t.db.query('SELECT count(*)::int AS n FROM messages WHERE account_id = $1', [account.accountId]))[0].n;
  const setActivity = (id: string, at: string) =>
    t.db.query('UPDATE conversations SET last_activity_at = $2 WHERE id = $1', [id, at]);

  /** The basic (create/update) body of a fresh conversation of `account` for `customerId`. */
  const basic = async (account: TestAccount, customerId: string, overrides: Record<string, unknown> = {}) => ({
    id: UUID,
    object: 'conversation',
    account_id: account.accountId,
    assignee_id: null,
    closed_at: null,
    created_at: NAIVE_TIMESTAMP,
    customer_id: customerId,
    inbox_id: await primaryInboxId(account),
    last_activity_at: UTC_TIMESTAMP,
    metadata: null,
    priority: 'not_priority',
    read: false,
    source: 'chat',
    status: 'open',
    subject: null,
    ...overrides,
  });

  /** customer.json as nested in an expanded conversation: no company/tags keys. */
  const customerJson = (customer: Record<string, unknown>) => {
    const { company: _company, tags: _tags, ...rest } = customer;
    return rest;
  };

  /** Customer basic.json (inside a customer's message). */
  const customerBasicJson = (customer: Record<string, any>) => ({
    id: customer.id,
    object: 'customer',
    browser: customer.browser,
    company_id: customer.company_id,
    created_at: customer.created_at,
    current_url: customer.current_url,
    email: customer.email,
    external_id: customer.external_id,
    host: customer.host,
    metadata: customer.metadata,
    name: customer.name,
    os: customer.os,
    pathname: customer.pathname,
    phone: customer.phone,
    profile_photo_url: customer.profile_photo_url,
    title: customer.title,
    updated_at: customer.updated_at,
  });

  const agentMessage = (account: TestAccount, conversationId: string, body: string) => ({
    id: UUID,
    object: 'message',
    account_id: account.accountId,
    attachments: [],
    body,
    content_type: 'text',
    conversation_id: conversationId,
    created_at: NAIVE_TIMESTAMP,
    customer_id: null,
    metadata: null,
    private: false,
    seen_at: null,
    sent_at: null,
    source: 'chat',
    type: 'reply',
    user: userView(account),
    user_id: account.userId,
  });

  const customerMessage = (
    account: TestAccount,
    conversationId: string,
    customer: Record<string, any>,
    body: string,
  ) => ({
    id: UUID,
    object: 'message',
    account_id: account.accountId,
    attachments: [],
    body,
    content_type: 'text',
    conversation_id: conversationId,
    created_at: NAIVE_TIMESTAMP,
    customer: customerBasicJson(customer),
    customer_id: customer.id,
    metadata: null,
    private: false,
    seen_at: null,
    sent_at: null,
    source: 'chat',
    type: 'reply',
    user: null,
    user_id: null,
  });

  describe('POST /api/v1/conversations', () => {
    it('creates an open chat conversation in the primary inbox and answers 201 with its basic body', async () => {
      const account = await createAccount(t);
      const customer = await createCustomer(t, account);
      const res = await post(account, { customer_id: customer.id });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toEqual({ data: await basic(account, customer.id) });
      expect(res.headers.location).toBe(`/api/v1/conversations/${body.data.id}`);
      isRecent(body.data.last_activity_at);
      expect(await row(body.data.id)).toMatchObject({
        account_id: account.accountId,
        customer_id: customer.id,
        status: 'open',
        closed_at: null,
        archived_at: null,
      });
    });

    it('accepts the documented form-encoded curl body', async () => {
      const account = await createAccount(t);
      const customer = await createCustomer(t, account);
      const res = await call(
        account,
        'POST',
        '/api/v1/conversations',
        form({
          'conversation[customer_id]': customer.id,
          'conversation[source]': 'chat',
          'conversation[status]': 'open',
        }),
      );
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({ data: await basic(account, customer.id) });
      expect(res.headers.location).toBe(`/api/v1/conversations/${res.json().data.id}`);
    });

    it('takes every settable field', async () => {
      const account = await createAccount(t);
      const customer = await createCustomer(t, account);
      const inboxId = await primaryInboxId(account);
      const res = await post(account, {
        customer_id: customer.id,
        assignee_id: account.userId,
        inbox_id: inboxId,
        priority: 'priority',
        read: true,
        source: 'email',
        subject: 'Invoice question',
        metadata: { plan: 'pro', seats: 3 },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({
        data: await basic(account, customer.id, {
          assignee_id: account.userId,
          priority: 'priority',
          read: true,
          source: 'email',
          subject: 'Invoice question',
          metadata: { plan: 'pro', seats: 3 },
        }),
      });
    });

    it('sets closed_at (= last_activity_at) when created closed', async () => {
      const account = await createAccount(t);
      const customer = await createCustomer(t, account);
      const res = await post(account, { customer_id: customer.id, status: 'closed' });
      expect(res.statusCode).toBe(201);
      const { data } = res.json();
      expect(data).toEqual(await basic(account, customer.id, { status: 'closed', closed_at: UTC_TIMESTAMP }));
      isRecent(data.closed_at);
      expect(data.closed_at).toBe(data.last_activity_at);
      expect((await row(data.id)).closed_at).not.toBeNull();
    });

    it('leaves closed_at null when created explicitly open', async () => {
      const account = await createAccount(t);
      const customer = await createCustomer(t, account);
      const res = await post(account, { customer_id: customer.id, status: 'open' });
      expect(res.statusCode).toBe(201);
      expect(res.json().data.closed_at).toBeNull();
      expect((await row(res.json().data.id)).closed_at).toBeNull();
    });

    it('creates an initial message from the caller in the same request', async () => {
      const account = await createAccount(t);
      const customer = await createCustomer(t, account);
      const res = await post(account, { customer_id: customer.id, message: { body: 'Hi' } });
      expect(res.statusCode).toBe(201);
      const { data } = res.json();
      expect(data).toEqual(await basic(account, customer.id));

      const shown = await call(account, 'GET', `/api/v1/conversations/${data.id}`);
      expect(shown.statusCode).toBe(200);
      expect(shown.json().data.messages).toEqual([agentMessage(account, data.id, 'Hi')]);
      expect(await countMessages(account)).toBe(1);
    });

    it('answers 422 for an initial message without a body, and writes nothing', async () => {
      const account = await createAccount(t);
      const customer = await createCustomer(t, account);
      const res = await post(account, { customer_id: customer.id, message: { private: true } });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual(unprocessable({ message: { body: ["can't be blank"] } }));
      expect(await countConversations(account)).toBe(0);
      expect(await countMessages(account)).toBe(0);
    });

    it('writes neither the conversation nor the message when the message insert fails', async () => {
      const account = await createAccount(t);
      const customer = await createCustomer(t, account);
      const res = await post(account, { customer_id: customer.id, message: { body: 'Hi', type: 'shout' } });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual(unprocessable({ message: { type: ['is invalid'] } }));
      expect(await countConversations(account)).toBe(0);
      expect(await countMessages(account)).toBe(0);
    });

    it('answers 422 with customer_id and status errors for {status: null}', async () => {
      const account = await createAccount(t);
      const res = await post(account, { status: null });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual(unprocessable({ customer_id: ["can't be blank"], status: ["can't be blank"] }));
      expect(await countConversations(account)).toBe(0);
    });

    it.each([[{}], [{ subject: 'No customer' }], [{ customer_id: null }], [{ customer_id: '' }]])(
      'answers 422 customer_id "can\'t be blank" for %j, and writes nothing',
      async (conversation) => {
        const account = await createAccount(t);
        const res = await post(account, conversation);
        expect(res.statusCode).toBe(422);
        expect(res.json()).toEqual(unprocessable({ customer_id: ["can't be blank"] }));
        expect(await countConversations(account)).toBe(0);
      },
    );

    it.each([
      ['status', 'pending'],
      ['priority', 'urgent'],
      ['read', 'maybe'],
      ['source', 'fax'],
      ['metadata', 'not-an-object'],
      ['customer_id', 'not-a-uuid'],
      ['assignee_id', 'abc'],
    ])('answers 422 "is invalid" for %s = %j (never 500)', async (field, value) => {
      const account = await createAccount(t);
      const customer = await createCustomer(t, account);
      const res = await post(account, { customer_id: customer.id, [field]: value });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual(unprocessable({ [field]: ['is invalid'] }));
      expect(await countConversations(account)).toBe(0);
    });

    it('accepts read as the string "true"', async () => {
      const account = await createAccount(t);
      const customer = await createCustomer(t, account);
      const res = await post(account, { customer_id: customer.id, read: 'true' });
      expect(res.statusCode).toBe(201);
      expect(res.json().data.read).toBe(true);
      expect((await row(res.json().data.id)).read).toBe(true);
    });

    it('answers 422 "does not exist" for another account\'s customer, assignee or inbox, and writes nothing', async () => {
      const account = await createAccount(t);
      const other = await createAccount(t);
      const mine = await createCustomer(t, account);
      const theirs = await createCustomer(t, other);
      const cases: [Record<string, unknown>, string][] = [
        [{ customer_id: theirs.id }, 'customer_id'],
        [{ customer_id: MISSING_UUID }, 'customer_id'],
        [{ customer_id: mine.id, assignee_id: other.userId }, 'assignee_id'],
        [{ customer_id: mine.id, assignee_id: 999_999_999 }, 'assignee_id'],
        [{ customer_id: mine.id, inbox_id: await primaryInboxId(other) }, 'inbox_id'],
        [{ customer_id: mine.id, inbox_id: MISSING_UUID }, 'inbox_id'],
      ];
      for (const [conversation, field] of cases) {
        const res = await post(account, conversation);
        expect({ conversation, status: res.statusCode, body: res.json() }).toEqual({
          conversation,
          status: 422,
          body: unprocessable({ [field]: ['does not exist'] }),
        });
      }
      expect(await countConversations(account)).toBe(0);
      expect(await countConversations(other)).toBe(0);
    });

    it('answers 400 without the conversation wrapper, and writes nothing', async () => {
      const account = await createAccount(t);
      const customer = await createCustomer(t, account);
      const res = await call(account, 'POST', '/api/v1/conversations', { payload: { customer_id: customer.id } });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual(MISSING_WRAPPER);
      expect(await countConversations(account)).toBe(0);
    });

    it('answers 400 when the wrapper is not an object', async () => {
      const account = await createAccount(t);
      const res = await post(account, 'open');
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual(badRequest({ conversation: ['is invalid'] }));
    });

    it('ignores an account_id in the body', async () => {
      const account = await createAccount(t);
      const other = await createAccount(t);
      const customer = await createCustomer(t, account);
      const res = await post(account, { customer_id: customer.id, account_id: other.accountId });
      expect(res.statusCode).toBe(201);
      expect(res.json().data.account_id).toBe(account.accountId);
      expect((await row(res.json().data.id)).account_id).toBe(account.accountId);
      expect(await countConversations(other)).toBe(0);
    });
  });

  describe('GET /api/v1/conversations/:id', () => {
    it('answers the expanded conversation: customer, mentions, messages oldest first, tags', async () => {
      const account = await createAccount(t);
      const customer = await createCustomer(t, account, { name: 'Ada', email: 'ada@example.com' });
      const created = await post(account, { customer_id: customer.id, message: { body: 'Hi' }, subject: 'Help' });
      const id = created.json().data.id;
      await createMessage(t, account, { conversation_id: id, customer_id: customer.id, body: 'Hello back' });
      await createMessage(t, account, { conversation_id: id, body: 'Later' });
      // The first message is dated last: order must come from created_at, not from insertion.
      await t.db.query(
        `UPDATE messages SET created_at = now() + interval '1 hour' WHERE conversation_id = $1 AND body = 'Hi'`,
        [id],
      );

      const res = await call(account, 'GET', `/api/v1/conversations/${id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        data: {
          ...(await basic(account, customer.id, {
            id,
            subject: 'Help',
            // The later agent reply marks it read; it is not the first agent message, so no assignment.
            read: true,
          })),
          customer: customerJson(customer),
          mentions: [],
          messages: [
            customerMessage(account, id, customer, 'Hello back'),
            agentMessage(account, id, 'Later'),
            agentMessage(account, id, 'Hi'),
          ],
          tags: [],
        },
      });
      expect(res.json().data.customer).not.toHaveProperty('company');
      expect(res.json().data.customer).not.toHaveProperty('tags');
      expect(res.json().data.messages[1]).not.toHaveProperty('customer');
    });

    it("includes the conversation's tags", async () => {
      const account = await createAccount(t);
      const conversation = await createConversation(t, account);
      const [tag] = await t.db.query(
        `INSERT INTO tags (account_id, name, description, color) VALUES ($1, 'VIP', 'Important', '#ff0000') RETURNING id`,
        [account.accountId],
      );
      await t.db.query('INSERT INTO conversation_tags (account_id, conversation_id, tag_id) VALUES ($1, $2, $3)', [
        account.accountId,
        conversation.id,
        tag.id,
      ]);
      const res = await call(account, 'GET', `/api/v1/conversations/${conversation.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().data.tags).toEqual([
        {
          id: tag.id,
          object: 'tag',
          color: '#ff0000',
          created_at: NAIVE_TIMESTAMP,
          description: 'Important',
          name: 'VIP',
          updated_at: NAIVE_TIMESTAMP,
        },
      ]);
    });

    it("answers 404 for another account's conversation, exactly as for a missing one", async () => {
      const account = await createAccount(t);
      const other = await createAccount(t);
      const theirs = await createConversation(t, other);
      const foreign = await call(account, 'GET', `/api/v1/conversations/${theirs.id}`);
      const missing = await call(account, 'GET', `/api/v1/conversations/${MISSING_UUID}`);
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json()).toEqual(NOT_FOUND);
      expect(missing.statusCode).toBe(404);
      // Byte for byte, apart from the request id (checked by json()).
      expect(JSON.stringify(missing.json())).toBe(JSON.stringify(foreign.json()));
      // Still there for its owner.
      expect((await call(other, 'GET', `/api/v1/conversations/${theirs.id}`)).statusCode).toBe(200);
    });

    it('answers 400 for an id that is not a UUID', async () => {
      const account = await createAccount(t);
      const res = await call(account, 'GET', '/api/v1/conversations/not-a-uuid');
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual(badRequest({ id: ['is invalid'] }));
    });
  });

  describe.each(['PUT', 'PATCH'])('%s /api/v1/conversations/:id', (method) => {
    const update = (account: TestAccount, id: string, conversation: unknown) =>
      call(account, method, `/api/v1/conversations/${id}`, { payload: { conversation } as object });

    it('closes: closed_at set (Z format), last_activity_at bumped, basic body', async () => {
      const account = await createAccount(t);
      const conversation = await createConversation(t, account);
      await setActivity(conversation.id, '2020-01-01T00:00:00Z');
      const res = await update(account, conversation.id, { status: 'closed' });
      expect(res.statusCode).toBe(200);
      const { data } = res.json();
      expect(res.json()).toEqual({
        data: await basic(account, conversation.customer_id, {
          id: conversation.id,
          created_at: conversation.created_at,
          status: 'closed',
          closed_at: UTC_TIMESTAMP,
        }),
      });
      isRecent(data.closed_at);
      isRecent(data.last_activity_at);
      const shown = (await call(account, 'GET', `/api/v1/conversations/${conversation.id}`)).json().data;
      expect(shown).toMatchObject({
        status: 'closed',
        closed_at: data.closed_at,
        last_activity_at: data.last_activity_at,
      });
    });

    it('reopens: closed_at back to null, last_activity_at bumped', async () => {
      const account = await createAccount(t);
      const conversation = await createConversation(t, account, { status: 'closed' });
      await setActivity(conversation.id, '2020-01-01T00:00:00Z');
      const res = await update(account, conversation.id, { status: 'open' });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({ status: 'open', closed_at: null });
      isRecent(res.json().data.last_activity_at);
      expect(await row(conversation.id)).toMatchObject({ status: 'open', closed_at: null });
    });

    it.each(['open', 'closed'])('leaves closed_at and last_activity_at alone when status stays %s', async (status) => {
      const account = await createAccount(t);
      const conversation = await createConversation(t, account, { status });
      const closedAt = status === 'closed' ? '2020-01-01T10:00:00Z' : null;
      await t.db.query('UPDATE conversations SET last_activity_at = $2, closed_at = $3 WHERE id = $1', [
        conversation.id,
        '2020-01-02T00:00:00Z',
        closedAt,
      ]);
      const res = await update(account, conversation.id, { status });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({ status, closed_at: closedAt, last_activity_at: '2020-01-02T00:00:00Z' });
      const shown = (await call(account, 'GET', `/api/v1/conversations/${conversation.id}`)).json().data;
      expect(shown).toMatchObject({ status, closed_at: closedAt, last_activity_at: '2020-01-02T00:00:00Z' });
    });

    it('updates priority, read, subject, metadata and assignee_id (own user), and unassigns with null', async () => {
      const account = await createAccount(t);
      const conversation = await createConversation(t, account);
      await setActivity(conversation.id, '2020-01-02T00:00:00Z');
      const res = await update(account, conversation.id, {
        priority: 'priority',
        read: true,
        assignee_id: account.userId,
        subject: 'Billing',
        metadata: { a: 1 },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        data: await basic(account, conversation.customer_id, {
          id: conversation.id,
          created_at: conversation.created_at,
          priority: 'priority',
          read: true,
          assignee_id: account.userId,
          subject: 'Billing',
          metadata: { a: 1 },
          // No status change: the clock does not move.
          last_activity_at: '2020-01-02T00:00:00Z',
        }),
      });
      expect(await row(conversation.id)).toMatchObject({
        priority: 'priority',
        read: true,
        assignee_id: account.userId,
        subject: 'Billing',
        metadata: { a: 1 },
      });

      const unassigned = await update(account, conversation.id, { assignee_id: null, read: 'false' });
      expect(unassigned.statusCode).toBe(200);
      expect(unassigned.json().data).toMatchObject({ assignee_id: null, read: false, priority: 'priority' });
      expect(await row(conversation.id)).toMatchObject({ assignee_id: null, read: false });
    });

    it('answers 422 "does not exist" for another account\'s user, customer or inbox, and changes nothing', async () => {
      const account = await createAccount(t);
      const other = await createAccount(t);
      const conversation = await createConversation(t, account);
      const theirCustomer = await createCustomer(t, other);
      const before = await row(conversation.id);
      const cases: [Record<string, unknown>, string][] = [
        [{ assignee_id: other.userId, status: 'closed' }, 'assignee_id'],
        [{ assignee_id: 999_999_999 }, 'assignee_id'],
        [{ customer_id: theirCustomer.id }, 'customer_id'],
        [{ inbox_id: await primaryInboxId(other) }, 'inbox_id'],
      ];
      for (const [fields, field] of cases) {
        const res = await update(account, conversation.id, fields);
        expect({ fields, status: res.statusCode, body: res.json() }).toEqual({
          fields,
          status: 422,
          body: unprocessable({ [field]: ['does not exist'] }),
        });
      }
      expect(await row(conversation.id)).toEqual(before);
    });

    it.each([
      [{ status: null }, { status: ["can't be blank"] }],
      [{ customer_id: null }, { customer_id: ["can't be blank"] }],
      [{ status: 'pending' }, { status: ['is invalid'] }],
      [{ priority: 'urgent' }, { priority: ['is invalid'] }],
      [{ read: 'maybe' }, { read: ['is invalid'] }],
    ])('answers 422 for %j and changes nothing', async (fields, errors) => {
      const account = await createAccount(t);
      const conversation = await createConversation(t, account);
      const before = await row(conversation.id);
      const res = await update(account, conversation.id, fields);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual(unprocessable(errors));
      expect(await row(conversation.id)).toEqual(before);
    });

    it('accepts a form-encoded body', async () => {
      const account = await createAccount(t);
      const conversation = await createConversation(t, account);
      const res = await call(
        account,
        method,
        `/api/v1/conversations/${conversation.id}`,
        form({
          'conversation[status]': 'closed',
          'conversation[read]': 'true',
          'conversation[assignee_id]': String(account.userId),
        }),
      );
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({
        id: conversation.id,
        status: 'closed',
        closed_at: UTC_TIMESTAMP,
        read: true,
        assignee_id: account.userId,
      });
      expect(await row(conversation.id)).toMatchObject({ status: 'closed', read: true, assignee_id: account.userId });
    });

    it('ignores an account_id in the body', async () => {
      const account = await createAccount(t);
      const other = await createAccount(t);
      const conversation = await createConversation(t, account);
      const res = await update(account, conversation.id, { account_id: other.accountId, priority: 'priority' });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({ account_id: account.accountId, priority: 'priority' });
      expect((await row(conversation.id)).account_id).toBe(account.accountId);
    });

    it("answers 404 for another account's conversation and leaves it unchanged", async () => {
      const account = await createAccount(t);
      const other = await createAccount(t);
      const theirs = await createConversation(t, other);
      const before = await row(theirs.id);
      const res = await update(account, theirs.id, { status: 'closed', priority: 'priority' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(NOT_FOUND);
      expect(await row(theirs.id)).toEqual(before);
    });

    it('answers 404 for a missing conversation and 400 for a non-UUID id', async () => {
      const account = await createAccount(t);
      const missing = await update(account, MISSING_UUID, { status: 'closed' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual(NOT_FOUND);
      const malformed = await update(account, 'nope', { status: 'closed' });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json()).toEqual(badRequest({ id: ['is invalid'] }));
    });

    it('answers 400 without the conversation wrapper', async () => {
      const account = await createAccount(t);
      const conversation = await createConversation(t, account);
      const before = await row(conversation.id);
      const res = await call(account, method, `/api/v1/conversations/${conversation.id}`, {
        payload: { status: 'closed' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual(MISSING_WRAPPER);
      expect(await row(conversation.id)).toEqual(before);
    });
  });

  describe('DELETE /api/v1/conversations/:id', () => {
    it('answers 204 with an empty body, then 404; its messages go with it', async () => {
      const account = await createAccount(t);
      const customer = await createCustomer(t, account);
      const created = await post(account, { customer_id: customer.id, message: { body: 'Hi' } });
      const id = created.json().data.id;
      await createMessage(t, account, { conversation_id: id, customer_id: customer.id, body: 'Hello' });
      const keep = await createConversation(t, account, { customer_id: customer.id, message: { body: 'Keep me' } });
      expect(await countMessages(account)).toBe(3);

      const res = await call(account, 'DELETE', `/api/v1/conversations/${id}`);
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');

      const shown = await call(account, 'GET', `/api/v1/conversations/${id}`);
      expect(shown.statusCode).toBe(404);
      expect(shown.json()).toEqual(NOT_FOUND);
      const again = await call(account, 'DELETE', `/api/v1/conversations/${id}`);
      expect(again.statusCode).toBe(404);
      expect(again.json()).toEqual(NOT_FOUND);

      expect(await t.db.query('SELECT id FROM messages WHERE conversation_id = $1', [id])).toEqual([]);
      expect(await countMessages(account)).toBe(1);
      expect(await row(keep.id)).toBeDefined();
      // The customer is not deleted with its conversation.
      expect((await call(account, 'GET', `/api/v1/customers/${customer.id}`)).statusCode).toBe(200);
    });

    it("answers 404 for another account's conversation and leaves it in place", async () => {
      const account = await createAccount(t);
      const other = await createAccount(t);
      const theirs = await createConversation(t, other, { message: { body: 'Hi' } });
      const res = await call(account, 'DELETE', `/api/v1/conversations/${theirs.id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(NOT_FOUND);
      expect(await row(theirs.id)).toBeDefined();
      expect(await countMessages(other)).toBe(1);
    });

    it('answers 404 for a missing id and 400 for a non-UUID id', async () => {
      const account = await createAccount(t);
      const missing = await call(account, 'DELETE', `/api/v1/conversations/${MISSING_UUID}`);
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual(NOT_FOUND);
      const malformed = await call(account, 'DELETE', '/api/v1/conversations/123');
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json()).toEqual(badRequest({ id: ['is invalid'] }));
    });
  });

  describe('GET /api/v1/conversations', () => {
    const ids = (res: { json: () => any }) => res.json().data.map((c: { id: string }) => c.id);

    it("answers {data, next, previous, limit, total} with the caller's expanded conversations only", async () => {
      const account = await createAccount(t);
      const other = await createAccount(t);
      const customer = await createCustomer(t, account, { name: 'Grace' });
      const created = await post(account, { customer_id: customer.id, message: { body: 'Hi' } });
      const conversation = created.json().data;
      await createConversation(t, other);

      const res = await list(account);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        data: [
          {
            ...conversation,
            customer: customerJson(customer),
            mentions: [],
            messages: [agentMessage(account, conversation.id, 'Hi')],
            tags: [],
          },
        ],
        next: null,
        previous: null,
        limit: 50,
        total: 1,
      });
    });

    it('answers an empty page for an account without conversations', async () => {
      const account = await createAccount(t);
      const res = await list(account);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ data: [], next: null, previous: null, limit: 50, total: 0 });
    });

    it('orders by last_activity_at, newest first; a new message moves a conversation to the top', async () => {
      const account = await createAccount(t);
      const customer = await createCustomer(t, account);
      const a = await createConversation(t, account, { customer_id: customer.id });
      const b = await createConversation(t, account, { customer_id: customer.id });
      const c = await createConversation(t, account, { customer_id: customer.id });
      await setActivity(a.id, '2021-01-01T00:00:00Z');
      await setActivity(b.id, '2021-01-03T00:00:00Z');
      await setActivity(c.id, '2021-01-02T00:00:00Z');
      expect(ids(await list(account))).toEqual([b.id, c.id, a.id]);

      await createMessage(t, account, { conversation_id: a.id, customer_id: customer.id, body: 'Still there?' });
      const res = await list(account);
      expect(ids(res)).toEqual([a.id, b.id, c.id]);
      isRecent(res.json().data[0].last_activity_at);
    });

    describe('filters', () => {
      let account: TestAccount;
      let x: Record<string, any>;
      let y: Record<string, any>;
      let open: Record<string, any>;
      let closed: Record<string, any>;
      let mixed: Record<string, any>;

      beforeAll(async () => {
        account = await createAccount(t);
        x = await createCustomer(t, account, { name: 'X' });
        y = await createCustomer(t, account, { name: 'Y' });
        open = await createConversation(t, account, { customer_id: x.id });
        closed = await createConversation(t, account, {
          customer_id: y.id,
          status: 'closed',
          priority: 'priority',
          assignee_id: account.userId,
          read: true,
          source: 'email',
        });
        mixed = await createConversation(t, account, {
          customer_id: y.id,
          priority: 'priority',
          assignee_id: account.userId,
          source: 'api',
        });
        await setActivity(open.id, '2021-01-03T00:00:00Z');
        await setActivity(closed.id, '2021-01-02T00:00:00Z');
        await setActivity(mixed.id, '2021-01-01T00:00:00Z');
        // Another account's matching conversations never leak in.
        const other = await createAccount(t);
        await createConversation(t, other, { status: 'closed', priority: 'priority', assignee_id: other.userId });
      });

      it.each([
        [{}, ['open', 'closed', 'mixed']],
        [{ status: 'open' }, ['open', 'mixed']],
        [{ status: 'closed' }, ['closed']],
        [{ priority: 'priority' }, ['closed', 'mixed']],
        [{ priority: 'not_priority' }, ['open']],
        [{ read: 'true' }, ['closed']],
        [{ read: 'false' }, ['open', 'mixed']],
        [{ source: 'email' }, ['closed']],
        [{ source: 'chat' }, ['open']],
        [{ source: 'sms' }, []],
        [{ assignee_id: '' }, ['open']],
        [{ assignee_id: 'me' }, ['closed', 'mixed']],
        [{ status: 'open', assignee_id: 'me' }, ['mixed']],
        [{ assignee_id: '999999999' }, []],
      ])('%j', async (query, expected) => {
        const named: Record<string, string> = { open: open.id, closed: closed.id, mixed: mixed.id };
        const res = await list(account, query as Record<string, string>);
        expect(res.statusCode).toBe(200);
        expect(ids(res)).toEqual(expected.map((name) => named[name]));
        expect(res.json().total).toBe(expected.length);
      });

      it('assignee_id = a numeric user id', async () => {
        const res = await list(account, { assignee_id: String(account.userId) });
        expect(res.statusCode).toBe(200);
        expect(ids(res)).toEqual([closed.id, mixed.id]);
      });

      it('customer_id', async () => {
        expect(ids(await list(account, { customer_id: x.id }))).toEqual([open.id]);
        expect(ids(await list(account, { customer_id: y.id }))).toEqual([closed.id, mixed.id]);
        expect(ids(await list(account, { customer_id: MISSING_UUID }))).toEqual([]);
      });

      it.each([
        ['status', 'pending'],
        ['priority', 'urgent'],
        ['read', 'maybe'],
        ['source', 'fax'],
        ['customer_id', 'nope'],
        ['assignee_id', 'abc'],
      ])('answers 400 for %s=%s', async (param, value) => {
        const res = await list(account, { [param]: value });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual(badRequest({ [param]: ['is invalid'] }));
      });
    });

    it('hides archived conversations, which stay retrievable by id', async () => {
      const account = await createAccount(t);
      const kept = await createConversation(t, account);
      const archived = await createConversation(t, account);
      await t.db.query('UPDATE conversations SET archived_at = now() WHERE id = $1', [archived.id]);

      const res = await list(account);
      expect(ids(res)).toEqual([kept.id]);
      expect(res.json().total).toBe(1);
      const shown = await call(account, 'GET', `/api/v1/conversations/${archived.id}`);
      expect(shown.statusCode).toBe(200);
      expect(shown.json().data.id).toBe(archived.id);
    });

    it('pages with limit, after and before', async () => {
      const account = await createAccount(t);
      const customer = await createCustomer(t, account);
      const all: string[] = [];
      for (let day = 5; day >= 1; day -= 1) {
        const c = await createConversation(t, account, { customer_id: customer.id });
        await setActivity(c.id, `2021-02-0${day}T00:00:00Z`);
        all.push(c.id); // newest activity first
      }

      const first = await list(account, { limit: '2' });
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ next: expect.any(String), previous: null, limit: 2, total: 5 });
      expect(ids(first)).toEqual(all.slice(0, 2));

      const second = await list(account, { limit: '2', after: first.json().next });
      expect(second.json()).toMatchObject({
        next: expect.any(String),
        previous: expect.any(String),
        limit: 2,
        total: 5,
      });
      expect(ids(second)).toEqual(all.slice(2, 4));

      const third = await list(account, { limit: '2', after: second.json().next });
      expect(third.json()).toMatchObject({ next: null, previous: expect.any(String), limit: 2, total: 5 });
      expect(ids(third)).toEqual(all.slice(4));

      const back = await list(account, { limit: '2', before: second.json().previous });
      expect(back.statusCode).toBe(200);
      expect(ids(back)).toEqual(all.slice(0, 2));
      expect(back.json()).toMatchObject({ previous: null, next: expect.any(String), total: 5 });
      expect(ids(await list(account, { limit: '2', after: back.json().next }))).toEqual(all.slice(2, 4));

      const backFromThird = await list(account, { limit: '2', before: third.json().previous });
      expect(ids(backFromThird)).toEqual(all.slice(2, 4));
    });

    it('answers 400 for an invalid cursor', async () => {
      const account = await createAccount(t);
      const res = await list(account, { after: 'garbage' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: { status: 400, message: 'Invalid cursor', errors: { after: ['is invalid'] } },
      });
    });
  });

  describe('authentication', () => {
    // Every route answers 401 without a key or with an unknown one: tenant-isolation.e2e-spec.ts.
    it('does not write anything for an unauthenticated create', async () => {
      const account = await createAccount(t);
      const customer = await createCustomer(t, account);
      const res = await t.request('POST', '/api/v1/conversations', {
        headers: { authorization: 'Bearer nope' },
        payload: { conversation: { customer_id: customer.id } },
      });
      expect(res.statusCode).toBe(401);
      expect(await countConversations(account)).toBe(0);
    });
  });
});
