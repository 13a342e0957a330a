import { createAccount, createConversation, createCustomer, TestAccount } from '../support/factories';
import { Receiver } from '../support/receiver';
import { createTestApp, TestApp } from '../support/test-app';

/** Every create's `Location` names the new record on the door the client used, and answers 200 there. */
describe('Location headers of creates', () => {
  const receiver = new Receiver();
  let t: TestApp;
  let a: TestAccount;
  let customerId: string;
  let conversationId: string;

  beforeAll(async () => {
    await receiver.start();
    t = await createTestApp({ config: { webhooks: { allowPrivateUrls: true } } });
    a = await createAccount(t);
    customerId = (await createCustomer(t, a)).id;
    conversationId = (await createConversation(t, a, { customer_id: customerId })).id;
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  const CREATES: Array<[string, () => object, 'key' | 'session']> = [
    ['/api/v1/customers', () => ({ customer: { name: 'Alex' } }), 'key'],
    ['/api/v1/conversations', () => ({ conversation: { customer_id: customerId } }), 'key'],
    ['/api/v1/messages', () => ({ message: { conversation_id: conversationId, body: 'Hi' } }), 'key'],
    ['/api/v1/companies', () => ({ company: { name: 'Acme' } }), 'key'],
    ['/api/v1/tags', () => ({ tag: { name: `tag-${Math.random()}` } }), 'key'],
    ['/api/v1/notes', () => ({ note: { customer_id: customerId, body: 'Note' } }), 'key'],
    ['/api/v1/issues', () => ({ issue: { title: 'Bug' } }), 'key'],
    ['/api/v1/event_subscriptions', () => ({ event_subscription: { webhook_url: receiver.url() } }), 'key'],
    ['/api/event_subscriptions', () => ({ event_subscription: { webhook_url: receiver.url() } }), 'session'],
    ['/api/personal_api_keys', () => ({ label: 'located' }), 'session'],
    ['/api/v1/inboxes', () => ({ inbox: { name: 'Support' } }), 'key'],
    ['/api/inboxes', () => ({ inbox: { name: 'Sales' } }), 'session'],
    ['/api/v1/canned_responses', () => ({ canned_response: { name: `hi-${Math.random()}`, content: 'Hi' } }), 'key'],
    ['/api/canned_responses', () => ({ canned_response: { name: `yo-${Math.random()}`, content: 'Yo' } }), 'session'],
  ];

  it.each(CREATES)('POST %s', async (path, body, credential) => {
    const headers = credential === 'key' ? a.auth : { authorization: a.token };
    const created = await t.request('POST', path, { headers, payload: body() });
    expect(created.statusCode).toBe(201);
    const { id } = created.json().data;
    expect(created.headers.location).toBe(`${path}/${id}`);
    const fetched = await t.request('GET', created.headers.location as string, { headers });
    expect([fetched.statusCode, fetched.json().data.id]).toEqual([200, id]);
  });
});
