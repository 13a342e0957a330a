import { createHmac } from 'node:crypto';
import { createAccount, createConversation, createCustomer, createMessage, TestAccount } from '../support/factories';
import { NAIVE_TIMESTAMP, UUID } from '../support/expectations';
import { multipart } from '../support/multipart';
import { createTestApp, TestApp } from '../support/test-app';

/** A PNG's first bytes are enough for the signature check. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

/** The widget's public routes as @papercups-io/browser calls them: no API key, ids in bodies and queries. */
describe('widget routes (Papercups public scope)', () => {
  let t: TestApp;
  let acme: TestAccount;
  let other: TestAccount;

  beforeAll(async () => {
    t = await createTestApp();
    acme = await createAccount(t);
    other = await createAccount(t, { company_name: 'Other' });
  });
  afterAll(() => t.close());

  const session = (account = acme) => ({ authorization: account.token });
  const newVisitor = async (fields: Record<string, unknown> = {}, account = acme) => {
    const res = await t.request('POST', '/api/customers', {
      payload: { customer: { account_id: account.accountId, first_seen: new Date().toISOString(), ...fields } },
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json().data;
  };
  const upload = (fields: Record<string, string>, file?: { name: string; type: string; body: Buffer }) => {
    const { payload, headers } = multipart(fields, file);
    return t.request('POST', '/api/upload', { payload: payload as never, headers });
  };

  describe('widget settings', () => {
    it('needs an account_id that exists (Papercups’ messages)', async () => {
      const missing = await t.request('GET', '/api/widget_settings');
      expect(missing.statusCode).toBe(422);
      expect(missing.json().error.message).toBe('The account_id is a required parameter');
      const unknown = await t.request('GET', '/api/widget_settings', {
        query: { account_id: '5b7a2c1e-94d3-4e6f-8a21-7d0c9b3e4f12' },
      });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.message).toMatch(/^No account found with ID: 5b7a2c1e/);
    });

    it('are created on first read, edited by agents, and show the account', async () => {
      const first = await t.request('GET', '/api/widget_settings', {
        query: { account_id: acme.accountId, inbox_id: 'undefined' },
      });
      expect(first.statusCode).toBe(200);
      expect(first.json().data).toMatchObject({
        id: UUID,
        object: 'widget_settings',
        created_at: NAIVE_TIMESTAMP,
        title: null,
        icon_variant: 'outlined',
        is_open_by_default: false,
        inbox_id: expect.any(String),
        account: {
          object: 'account',
          id: acme.accountId,
          company_name: 'Acme',
          working_hours: [],
          is_outside_working_hours: false,
        },
      });
      const refused = await t.request('PUT', '/api/widget_settings', { payload: { widget_settings: { title: 'x' } } });
      expect(refused.statusCode).toBe(401);
      const edit = await t.request('PUT', '/api/widget_settings', {
        headers: session(),
        payload: {
          widget_settings: {
            title: 'Welcome',
            subtitle: 'Ask us',
            color: '#1890ff',
            greeting: 'Hi!',
            away_message: 'We are away',
            new_message_placeholder: 'Type…',
            show_agent_availability: true,
            agent_available_text: 'Online',
            agent_unavailable_text: 'Offline',
          },
        },
      });
      expect(edit.statusCode).toBe(200);
      expect(edit.json().data).toMatchObject({
        id: first.json().data.id,
        title: 'Welcome',
        away_message: 'We are away',
      });
      expect(edit.json().data.account).toBeUndefined();
      const read = await t.request('GET', '/api/widget_settings', { query: { account_id: acme.accountId } });
      expect(read.json().data).toMatchObject({ title: 'Welcome', greeting: 'Hi!', show_agent_availability: true });
      const bad = await t.request('PUT', '/api/widget_settings', {
        headers: session(),
        payload: { widget_settings: { show_agent_availability: 'maybe' } },
      });
      expect(bad.statusCode).toBe(422);
    });

    it('keep where the widget runs (host, pathname, last_seen_at only)', async () => {
      const res = await t.request('PUT', '/api/widget_settings/metadata', {
        payload: { account_id: acme.accountId, metadata: { host: 'shop.test', pathname: '/cart', title: 'no' } },
      });
      expect(res.statusCode).toBe(200);
      const [row] = await t.db.query(`SELECT host, pathname, title FROM widget_settings WHERE account_id = $1`, [
        acme.accountId,
      ]);
      expect(row).toEqual({ host: 'shop.test', pathname: '/cart', title: 'Welcome' });
    });
  });

  describe('customers', () => {
    it('a visitor becomes a customer of account_id, without agent-only fields', async () => {
      const res = await t.request('POST', '/api/customers', {
        payload: {
          customer: {
            account_id: acme.accountId,
            email: 'undefined',
            browser: 'Chrome',
            last_seen: 'x',
            company_id: null,
          },
        },
      });
      expect(res.statusCode).toBe(201);
      const customer = res.json().data;
      expect(customer).toMatchObject({ id: UUID, object: 'customer', email: null, browser: 'Chrome', ip: '127.0.0.1' });
      expect(customer.company).toBeUndefined();
      expect(customer.tags).toBeUndefined();
      const [row] = await t.db.query(`SELECT account_id FROM customers WHERE id = $1`, [customer.id]);
      expect(row.account_id).toBe(acme.accountId);
      const events = await t.db.query(`SELECT type FROM events WHERE account_id = $1 AND payload->>'id' = $2`, [
        acme.accountId,
        customer.id,
      ]);
      expect(events).toEqual([{ type: 'customer:created' }]);
    });

    it('identify, exists and metadata are scoped to the account', async () => {
      const customer = await newVisitor({ external_id: 'u-1', email: 'u1@example.com' });
      const found = await t.request('GET', '/api/customers/identify', {
        query: { account_id: acme.accountId, external_id: 'u-1', email: 'U1@example.com' },
      });
      expect(found.json()).toEqual({ data: { customer_id: customer.id } });
      const elsewhere = await t.request('GET', '/api/customers/identify', {
        query: { account_id: other.accountId, external_id: 'u-1' },
      });
      expect(elsewhere.json()).toEqual({ data: { customer_id: null } });
      const exists = (account: string) =>
        t.request('GET', `/api/customers/${customer.id}/exists`, { query: { account_id: account } });
      expect((await exists(acme.accountId)).json()).toEqual({ data: true });
      expect((await exists(other.accountId)).json()).toEqual({ data: false });

      const update = await t.request('PUT', `/api/customers/${customer.id}/metadata`, {
        payload: {
          metadata: { name: 'Una', current_url: 'https://shop.test/a', company_id: null, metadata: { plan: 'pro' } },
        },
      });
      expect(update.statusCode).toBe(200);
      expect(update.json().data).toMatchObject({
        name: 'Una',
        current_url: 'https://shop.test/a',
        metadata: { plan: 'pro' },
      });
      const missing = await t.request('PUT', `/api/customers/00000000-0000-4000-8000-000000000000/metadata`, {
        payload: { metadata: { name: 'x' } },
      });
      expect(missing.statusCode).toBe(404);
    });
  });

  describe('conversations', () => {
    it('a visitor starts an open chat conversation for its customer and finds it again', async () => {
      const customer = await newVisitor();
      const res = await t.request('POST', '/api/conversations', {
        payload: { conversation: { account_id: acme.accountId, customer_id: customer.id } },
      });
      expect(res.statusCode).toBe(201);
      const conversation = res.json().data;
      expect(conversation).toMatchObject({
        object: 'conversation',
        account_id: acme.accountId,
        customer_id: customer.id,
        status: 'open',
        source: 'chat',
        inbox_id: expect.any(String),
      });
      await createMessage(t, acme, { conversation_id: conversation.id, body: 'Hello there' });
      await createMessage(t, acme, { conversation_id: conversation.id, body: 'internal', private: true });
      const list = await t.request('GET', '/api/conversations/customer', {
        query: { account_id: acme.accountId, customer_id: customer.id },
      });
      expect(list.statusCode).toBe(200);
      const [found] = list.json().data;
      expect(found.id).toBe(conversation.id);
      expect(found.messages.map((m: { body: string }) => m.body)).toEqual(['Hello there']);
    });

    it('an agent’s session makes it the REST create: its account, every field, the first message', async () => {
      const customer = await createCustomer(t, acme);
      const res = await t.request('POST', '/api/conversations', {
        headers: session(),
        payload: {
          conversation: {
            account_id: other.accountId,
            customer_id: customer.id,
            priority: 'priority',
            message: { body: 'Hi' },
          },
        },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().data).toMatchObject({ account_id: acme.accountId, priority: 'priority' });
      const [row] = await t.db.query(`SELECT body, user_id FROM messages WHERE conversation_id = $1`, [
        res.json().data.id,
      ]);
      expect(row).toEqual({ body: 'Hi', user_id: acme.userId });
      const visitor = await t.request('POST', '/api/conversations', {
        payload: { conversation: { account_id: acme.accountId, customer_id: customer.id, priority: 'priority' } },
      });
      expect(visitor.json().data).toMatchObject({ priority: 'not_priority', status: 'open', source: 'chat' });
    });

    it('another account’s customer cannot be used (404), and customer_id is required', async () => {
      const foreign = await createCustomer(t, other);
      const res = await t.request('POST', '/api/conversations', {
        payload: { conversation: { account_id: acme.accountId, customer_id: foreign.id } },
      });
      expect(res.statusCode).toBe(404);
      const none = await t.request('POST', '/api/conversations', {
        payload: { conversation: { account_id: acme.accountId } },
      });
      expect(none.statusCode).toBe(422);
      const list = await t.request('GET', '/api/conversations/customer', {
        query: { account_id: acme.accountId, customer_id: foreign.id },
      });
      expect(list.statusCode).toBe(404);
    });
  });

  describe('uploads', () => {
    it('stores a checked image and serves it embeddable but inert', async () => {
      const customer = await newVisitor();
      const res = await upload(
        { account_id: acme.accountId, customer_id: customer.id },
        { name: 'my shot.png', type: 'image/png', body: PNG },
      );
      expect(res.statusCode).toBe(201);
      const file = res.json().data;
      expect(file).toEqual({
        id: UUID,
        object: 'file',
        file_url: expect.stringMatching(/^http:\/\/localhost(:\d+)?\/api\/upload\/[0-9a-f-]{36}\/content$/),
        content_type: 'image/png',
        filename: 'my-shot.png',
      });
      const content = await t.request('GET', new URL(file.file_url).pathname);
      expect(content.statusCode).toBe(200);
      expect(content.headers).toMatchObject({
        'content-type': 'image/png',
        'x-content-type-options': 'nosniff',
        'cross-origin-resource-policy': 'cross-origin',
        'content-security-policy': "default-src 'none'; sandbox",
      });
      expect(content.headers['content-disposition']).toMatch(/^inline;/);
      // (The injected response body is decoded as UTF-8, so only the ASCII part of the signature is compared.)
      expect(content.body.slice(1, 4)).toBe('PNG');
      expect((await t.request('GET', `/api/upload/${file.id}`)).json().data).toEqual(file);

      const message = await createMessage(t, acme, {
        conversation_id: (await createConversation(t, acme, { customer_id: customer.id })).id,
        body: 'see attached',
        file_ids: [file.id],
      });
      expect(message.attachments).toEqual([file]);
      const listed = await t.request('GET', '/api/v1/messages', { headers: acme.auth });
      expect(listed.json().data.find((m: { id: string }) => m.id === message.id).attachments).toEqual([file]);

      expect((await t.request('DELETE', `/api/upload/${file.id}`)).statusCode).toBe(404);
      const removed = await t.request('DELETE', `/api/upload/${file.id}`, { query: { customer_id: customer.id } });
      expect(removed.statusCode).toBe(204);
      expect((await t.request('GET', new URL(file.file_url).pathname)).statusCode).toBe(404);
    });

    it('refuses script-capable types, fake images, and other accounts’ files on messages', async () => {
      const svg = await upload(
        { account_id: acme.accountId },
        { name: 'x.svg', type: 'image/svg+xml', body: Buffer.from('<svg onload="alert(1)"/>') },
      );
      expect(svg.statusCode).toBe(415);
      const html = await upload(
        { account_id: acme.accountId },
        { name: 'x.html', type: 'text/html', body: Buffer.from('<b>') },
      );
      expect(html.statusCode).toBe(415);
      const fake = await upload(
        { account_id: acme.accountId },
        { name: 'x.png', type: 'image/png', body: Buffer.from('<html>') },
      );
      expect(fake.statusCode).toBe(415);
      const text = await upload(
        { account_id: acme.accountId },
        { name: 'a.txt', type: 'text/plain', body: Buffer.from('<script>') },
      );
      expect(text.statusCode).toBe(201);
      const served = await t.request('GET', new URL(text.json().data.file_url).pathname);
      expect(served.headers['content-type']).toBe('application/octet-stream');
      expect(served.headers['content-disposition']).toMatch(/^attachment;/);
      expect((await upload({ account_id: acme.accountId })).statusCode).toBe(400);

      const conversation = await createConversation(t, other);
      const res = await t.request('POST', '/api/v1/messages', {
        headers: other.auth,
        payload: { message: { conversation_id: conversation.id, body: 'x', file_ids: [text.json().data.id] } },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.errors).toEqual({ file_ids: ['does not exist'] });
    });
  });

  describe('security settings', () => {
    let account: TestAccount;
    beforeAll(async () => {
      account = await createAccount(t, { company_name: 'Secure' });
    });

    it('admins set allowed origins; other origins are refused, requests without Origin pass', async () => {
      const res = await t.request('PUT', '/api/widget_security', {
        headers: session(account),
        payload: { widget_security: { allowed_origins: ['https://Shop.example.com'] } },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toEqual({
        object: 'widget_security',
        allowed_origins: ['https://shop.example.com'],
        identity_verification: false,
        identity_secret: null,
      });
      const from = (origin?: string) =>
        t.request('GET', '/api/widget_settings', {
          query: { account_id: account.accountId },
          headers: origin ? { origin } : {},
        });
      expect((await from('https://shop.example.com')).statusCode).toBe(200);
      expect((await from('https://evil.example.com')).statusCode).toBe(403);
      expect((await from()).statusCode).toBe(200);
      await t.request('PUT', '/api/widget_security', {
        headers: session(account),
        payload: { widget_security: { allowed_origins: [] } },
      });
    });

    it('identity verification: an external_id needs its HMAC', async () => {
      const res = await t.request('PUT', '/api/widget_security', {
        headers: session(account),
        payload: { widget_security: { identity_verification: true } },
      });
      const secret = res.json().data.identity_secret;
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
      const hash = createHmac('sha256', secret).update('user-42').digest('hex');
      const claim = (fields: Record<string, unknown>) =>
        t.request('POST', '/api/customers', { payload: { customer: { account_id: account.accountId, ...fields } } });
      expect((await claim({ external_id: 'user-42' })).statusCode).toBe(403);
      expect((await claim({ external_id: 'user-42', user_hash: 'f'.repeat(64) })).statusCode).toBe(403);
      const verified = await claim({ external_id: 'user-42', user_hash: hash });
      expect(verified.statusCode).toBe(201);
      expect((await claim({ name: 'anonymous' })).statusCode).toBe(201);
      const identify = (query: Record<string, string>) =>
        t.request('GET', '/api/customers/identify', {
          query: { account_id: account.accountId, external_id: 'user-42', ...query },
        });
      expect((await identify({})).json().data.customer_id).toBeNull();
      expect((await identify({ user_hash: hash })).json().data.customer_id).toBe(verified.json().data.id);
    });
  });
});

describe('widget routes: rate limits', () => {
  let t: TestApp;
  let acme: TestAccount;
  beforeAll(async () => {
    t = await createTestApp();
    acme = await createAccount(t);
    t.config.widget.rateLimitPerIp = 3;
  });
  afterAll(() => t.close());

  it('public writes are limited per client IP', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.request('POST', '/api/customers', { payload: { customer: { account_id: acme.accountId } } });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    // Reads are not writes.
    expect((await t.request('GET', '/api/widget_settings', { query: { account_id: acme.accountId } })).statusCode).toBe(
      200,
    );
  });

  it('uploads above UPLOAD_MAX_BYTES are refused with 413', async () => {
    t.config.widget.uploadMaxBytes = 1024;
    t.config.widget.rateLimitPerIp = 1_000_000;
    const { payload, headers } = multipart(
      { account_id: acme.accountId },
      { name: 'big.txt', type: 'text/plain', body: Buffer.alloc(4096, 97) },
    );
    const res = await t.request('POST', '/api/upload', { payload: payload as never, headers });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toBe('The file is larger than 1024 bytes');
  });

  it('public writes are limited per account, all visitors together', async () => {
    const fresh = await createAccount(t, { company_name: 'Busy' });
    t.config.widget.rateLimitPerIp = 1_000_000;
    t.config.widget.rateLimitPerAccount = 2;
    const statuses: number[] = [];
    for (const ip of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      const res = await t.request('POST', '/api/customers', {
        headers: { 'x-forwarded-for': ip },
        payload: { customer: { account_id: fresh.accountId } },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([201, 201, 429]);
  });
});
