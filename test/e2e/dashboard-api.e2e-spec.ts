import { createAccount, createConversation, createCustomer, TestAccount } from '../support/factories';
import { NOT_AUTHENTICATED, UUID } from '../support/expectations';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Papercups' dashboard (assets/src/api.ts) against this server: each call below is made the way api.ts makes
 * it (path, method, body wrapper, query encoding, `Authorization: <session token>`) and checks the fields the
 * dashboard reads. The /api door is served by the same controllers as /api/v1 (issue 15, item 1).
 */
describe('the dashboard API (/api, session token)', () => {
  let t: TestApp;
  let a: TestAccount;

  beforeAll(async () => {
    t = await createTestApp();
    a = await createAccount(t);
  });
  afterAll(() => t.close());

  /** api.ts: `request.<method>(path).set('Authorization', token).send(body)`, `.query(query)`. */
  const api = async (method: string, path: string, body?: object, query?: Record<string, string>) => {
    const res = await t.request(method, path, { headers: { authorization: a.token }, payload: body, query });
    return { status: res.statusCode, body: res.statusCode === 204 ? undefined : res.json() };
  };
  const data = async (method: string, path: string, body?: object, query?: Record<string, string>) => {
    const res = await api(method, path, body, query);
    expect([method, path, res.status]).toEqual([method, path, expect.any(Number)]);
    expect([method, path, res.status < 300]).toEqual([method, path, true]);
    return res.body?.data;
  };

  it('customers: fetchCustomers (page numbers, bracket arrays), fetchCustomer with expand[], update, delete', async () => {
    const customer = await createCustomer(t, a, { name: 'Dash', email: 'dash@example.com' });
    // qs.stringify({page, page_size}, {arrayFormat: 'bracket'})
    const page = (await api('GET', '/api/customers?page=1&page_size=10')).body;
    expect(page).toEqual(
      expect.objectContaining({
        page_number: 1,
        page_size: 10,
        total_entries: 1,
        total_pages: 1,
        data: [expect.anything()],
      }),
    );
    expect(page.data[0]).toEqual(expect.objectContaining({ id: customer.id, name: 'Dash', email: 'dash@example.com' }));
    const shown = await data('GET', `/api/customers/${customer.id}?expand[]=company&expand[]=tags`);
    expect(shown).toEqual(expect.objectContaining({ id: customer.id, company: null, tags: [] }));
    const updated = await data('PUT', `/api/customers/${customer.id}`, { customer: { name: 'Dashed' } });
    expect(updated).toEqual(expect.objectContaining({ id: customer.id, name: 'Dashed' }));
    expect((await api('DELETE', `/api/customers/${customer.id}`)).status).toBe(204);
  });

  it('companies: createNewCompany, fetchCompanies, fetchCompany, updateCompany, deleteCompany', async () => {
    const company = await data('POST', '/api/companies', { company: { name: 'Globex', website_url: 'https://g.x' } });
    expect(company).toEqual(expect.objectContaining({ id: UUID, name: 'Globex', website_url: 'https://g.x' }));
    expect((await data('GET', '/api/companies')).map((c: { id: string }) => c.id)).toEqual([company.id]);
    expect(await data('GET', `/api/companies/${company.id}`)).toEqual(expect.objectContaining({ name: 'Globex' }));
    const updated = await data('PUT', `/api/companies/${company.id}`, { company: { industry: 'Software' } });
    expect(updated).toEqual(expect.objectContaining({ industry: 'Software' }));
    expect((await api('DELETE', `/api/companies/${company.id}`)).status).toBe(204);
  });

  it('conversations: fetchConversations filters, fetchConversation, updateConversation, count, delete', async () => {
    const customer = await createCustomer(t, a);
    const conversation = await createConversation(t, a, { customer_id: customer.id });
    const list = (await api('GET', '/api/conversations', undefined, { status: 'open' })).body;
    expect(list).toEqual(expect.objectContaining({ data: [expect.anything()], next: null, previous: null }));
    expect(list.data[0]).toEqual(
      expect.objectContaining({ id: conversation.id, customer: expect.objectContaining({ id: customer.id }) }),
    );
    // fetchMyConversations / fetchPriorityConversations / fetchUnreadConversations
    expect((await data('GET', '/api/conversations', undefined, { status: 'open', assignee_id: 'me' })).length).toBe(0);
    expect(await data('GET', '/api/conversations', undefined, { status: 'open', priority: 'priority' })).toEqual([]);
    expect((await data('GET', '/api/conversations', undefined, { status: 'open', read: 'false' })).length).toBe(1);
    const shown = await data('GET', `/api/conversations/${conversation.id}`);
    expect(shown).toEqual(expect.objectContaining({ id: conversation.id, messages: [], tags: [] }));
    // ConversationsProvider: API.updateConversation(id, {conversation: updates}) sends the wrapper as is.
    const closed = await data('PUT', `/api/conversations/${conversation.id}`, { conversation: { status: 'closed' } });
    expect(closed).toEqual(
      expect.objectContaining({ id: conversation.id, status: 'closed', closed_at: expect.any(String) }),
    );
    expect(await data('GET', '/api/conversations/count', undefined, { status: 'closed' })).toEqual({ count: 1 });
    expect((await api('DELETE', `/api/conversations/${conversation.id}`)).status).toBe(204);
  });

  it('messages: createNewMessage (sent_at), countMessages; the sender is the session user', async () => {
    const conversation = await createConversation(t, a);
    const message = await data('POST', '/api/messages', {
      message: { sent_at: new Date().toISOString(), body: 'Hi from the dashboard', conversation_id: conversation.id },
    });
    expect(message).toEqual(
      expect.objectContaining({ id: UUID, body: 'Hi from the dashboard', user_id: a.userId, customer_id: null }),
    );
    expect((await data('GET', '/api/messages/count')).count).toBeGreaterThanOrEqual(1);
    const shown = await data('GET', `/api/conversations/${conversation.id}`);
    expect(shown.messages.map((m: { id: string }) => m.id)).toEqual([message.id]);
    expect(shown).toEqual(expect.objectContaining({ assignee_id: a.userId, read: true }));
  });

  it('tags: fetchAllTags, fetchTagById, createTag, updateTag, add/remove conversation and customer tags, deleteTag', async () => {
    const tag = await data('POST', '/api/tags', { tag: { name: 'VIP', color: '#f00' } });
    expect(tag).toEqual(expect.objectContaining({ id: UUID, name: 'VIP', color: '#f00' }));
    expect((await data('GET', '/api/tags')).map((x: { id: string }) => x.id)).toContain(tag.id);
    expect(await data('GET', `/api/tags/${tag.id}`)).toEqual(expect.objectContaining({ name: 'VIP' }));
    expect(await data('PUT', `/api/tags/${tag.id}`, { tag: { name: 'VIPs' } })).toEqual(
      expect.objectContaining({ name: 'VIPs' }),
    );
    const conversation = await createConversation(t, a);
    expect(await data('POST', `/api/conversations/${conversation.id}/tags`, { tag_id: tag.id })).toEqual({ ok: true });
    expect((await data('GET', `/api/conversations/${conversation.id}`)).tags).toEqual([
      expect.objectContaining({ id: tag.id }),
    ]);
    expect(await data('DELETE', `/api/conversations/${conversation.id}/tags/${tag.id}`)).toEqual({ ok: true });
    const customer = conversation.customer_id;
    expect(await data('POST', `/api/customers/${customer}/tags`, { tag_id: tag.id })).toEqual({ ok: true });
    expect((await data('GET', `/api/customers/${customer}?expand[]=tags`)).tags).toEqual([
      expect.objectContaining({ id: tag.id }),
    ]);
    expect(await data('DELETE', `/api/customers/${customer}/tags/${tag.id}`)).toEqual({ ok: true });
    expect((await api('DELETE', `/api/tags/${tag.id}`)).status).toBe(204);
  });

  it('notes: fetchCustomerNotes, createCustomerNote, deleteCustomerNote', async () => {
    const customer = await createCustomer(t, a);
    const note = await data('POST', '/api/notes', { note: { body: 'Called back', customer_id: customer.id } });
    expect(note).toEqual(
      expect.objectContaining({ body: 'Called back', author_id: a.userId, customer_id: customer.id }),
    );
    const notes = await data('GET', '/api/notes', undefined, { customer_id: customer.id });
    expect(notes).toEqual([
      expect.objectContaining({ id: note.id, author: expect.objectContaining({ id: a.userId }) }),
    ]);
    expect((await api('DELETE', `/api/notes/${note.id}`)).status).toBe(204);
  });

  it('issues: fetchAllIssues, fetchIssueById, createIssue, updateIssue, deleteIssue', async () => {
    const issue = await data('POST', '/api/issues', { issue: { title: 'Login broken', state: 'in_progress' } });
    expect(issue).toEqual(expect.objectContaining({ id: UUID, title: 'Login broken', creator_id: a.userId }));
    expect((await data('GET', '/api/issues', undefined, { state: 'in_progress' })).map((i: any) => i.id)).toEqual([
      issue.id,
    ]);
    expect(await data('GET', `/api/issues/${issue.id}`)).toEqual(expect.objectContaining({ state: 'in_progress' }));
    expect(await data('PUT', `/api/issues/${issue.id}`, { issue: { state: 'done' } })).toEqual(
      expect.objectContaining({ state: 'done' }),
    );
    expect((await api('DELETE', `/api/issues/${issue.id}`)).status).toBe(204);
  });

  it('customer issues: addCustomerIssue, fetchCustomer expand[]=issues, fetchAllIssues({customer_id}), removeCustomerIssue', async () => {
    const customer = await createCustomer(t, a);
    const other = await createCustomer(t, a);
    const issue = await data('POST', '/api/issues', { issue: { title: 'Checkout fails' } });
    await data('POST', '/api/issues', { issue: { title: 'Unlinked' } });
    expect(await data('POST', `/api/customers/${customer.id}/issues`, { issue_id: issue.id })).toEqual({ ok: true });
    // Twice keeps one link.
    expect(await data('POST', `/api/customers/${customer.id}/issues`, { issue_id: issue.id })).toEqual({ ok: true });
    const { issues } = await data('GET', `/api/customers/${customer.id}?expand[]=issues`);
    expect(issues).toEqual([expect.objectContaining({ id: issue.id, title: 'Checkout fails' })]);
    expect((await data('GET', `/api/customers/${customer.id}`)).issues).toBeUndefined();
    const linked = await data('GET', '/api/issues', undefined, { customer_id: customer.id });
    expect(linked.map((i: { id: string }) => i.id)).toEqual([issue.id]);
    expect(await data('GET', '/api/issues', undefined, { customer_id: other.id })).toEqual([]);
    expect(await data('DELETE', `/api/customers/${customer.id}/issues/${issue.id}`)).toEqual({ ok: true });
    expect((await data('GET', `/api/customers/${customer.id}?expand[]=issues`)).issues).toEqual([]);
    // Deleting the issue or the customer removes the link with it.
    await data('POST', `/api/customers/${customer.id}/issues`, { issue_id: issue.id });
    expect((await api('DELETE', `/api/issues/${issue.id}`)).status).toBe(204);
    expect(await t.db.query(`SELECT 1 FROM customer_issues WHERE customer_id = $1`, [customer.id])).toEqual([]);
  });

  it('users, profile, settings, reporting: fetchAccountUsers, fetchAccountUser, profile, user settings, reporting', async () => {
    expect(await data('GET', '/api/users')).toEqual([expect.objectContaining({ id: a.userId, role: 'admin' })]);
    expect(await data('GET', `/api/users/${a.userId}`)).toEqual(expect.objectContaining({ email: a.email }));
    const profile = await data('PUT', '/api/profile', { user_profile: { display_name: 'Dash', full_name: 'Dash D' } });
    expect(profile).toEqual(expect.objectContaining({ display_name: 'Dash', full_name: 'Dash D' }));
    expect(await data('GET', '/api/profile')).toEqual(expect.objectContaining({ display_name: 'Dash' }));
    const settings = await data('PUT', '/api/user_settings', { user_settings: { email_alert_on_new_message: true } });
    expect(settings).toEqual(expect.objectContaining({ email_alert_on_new_message: true, user_id: a.userId }));
    expect(await data('GET', '/api/user_settings')).toEqual(
      expect.objectContaining({ email_alert_on_new_message: true }),
    );
    const range = { from_date: new Date(Date.now() - 86_400_000).toISOString(), to_date: new Date().toISOString() };
    const reporting = await data('GET', '/api/reporting', undefined, range);
    expect(reporting).toEqual(
      expect.objectContaining({ messages_by_date: expect.any(Array), messages_per_user: expect.any(Array) }),
    );
  });

  it('each door takes its own credential: no API key on /api, no session token on /api/v1', async () => {
    for (const path of ['/api/conversations', '/api/customers', '/api/tags', '/api/users', '/api/profile']) {
      const key = await t.request('GET', path, { headers: a.auth });
      expect([path, key.statusCode, key.json()]).toEqual([path, 401, NOT_AUTHENTICATED]);
      const v1 = path.replace('/api/', '/api/v1/');
      const session = await t.request('GET', v1, { headers: { authorization: a.token } });
      expect([v1, session.statusCode]).toEqual([v1, 401]);
    }
  });

  it('answers what stays out (billing, lambdas, integrations, browser sessions…) with a 501 naming it, not a bare 404', async () => {
    const calls: [string, string, string][] = [
      ['GET', '/api/billing', 'Billing'],
      ['POST', '/api/payment_methods', 'Billing'],
      ['GET', '/api/lambdas', 'Lambdas'],
      ['POST', '/api/lambdas/1/deploy', 'Lambdas'],
      ['GET', '/api/forwarding_addresses', 'Email forwarding addresses'],
      ['GET', '/api/slack/authorization', 'The Slack integration'],
      ['POST', '/api/slack/notify', 'The Slack integration'],
      ['GET', '/api/slack_conversation_threads', 'The Slack integration'],
      ['GET', '/api/mattermost/channels', 'The Mattermost integration'],
      ['POST', '/api/twilio/auth', 'The Twilio integration'],
      ['GET', '/api/github/repos', 'The GitHub integration'],
      ['GET', '/api/google/authorization', 'The Google integration'],
      ['GET', '/api/gmail/profile', 'The Gmail integration'],
      ['GET', '/api/hubspot/contacts', 'The HubSpot integration'],
      ['DELETE', '/api/intercom/authorizations/1', 'The Intercom integration'],
      ['GET', '/api/browser_sessions/count', 'Browser session recording'],
    ];
    for (const [method, path, feature] of calls) {
      const res = await api(method, path, method === 'GET' || method === 'DELETE' ? undefined : {});
      expect([method, path, res.status, res.body]).toEqual([
        method,
        path,
        501,
        {
          error: { status: 501, message: `${feature} is not part of this server (see "What stays out" in its README)` },
        },
      ]);
    }
    // Anything else unknown is still the plain 404.
    expect((await api('GET', '/api/no_such_thing')).body).toEqual({ error: { status: 404, message: 'Not found' } });
  });

  it('leaves the widget its doors: the customer and conversation creates of CustomersController and ConversationsController are /api/v1 only', async () => {
    // POST /api/customers and /api/conversations are the widget API's (public, as in Papercups); the dashboard
    // controllers' creates answer only at /api/v1, with an API key.
    for (const path of ['/api/v1/customers', '/api/v1/conversations']) {
      const res = await api('POST', path, {});
      expect([path, res.status]).toEqual([path, 401]);
    }
  });
});
