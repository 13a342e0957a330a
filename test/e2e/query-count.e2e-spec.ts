import { createAccount, createConversation, createCustomer, createMessage, TestAccount } from '../support/factories';
import { countQueries } from '../support/query-count';
import { createTestApp, TestApp } from '../support/test-app';

/** Statements per request stay the same however many rows a page holds: no N+1. */
describe('queries per request', () => {
  let t: TestApp;
  let account: TestAccount;
  let conversationId: string;
  let customerId: string;
  let messageId: string;

  beforeAll(async () => {
    t = await createTestApp();
    account = await createAccount(t);
    const customer = await createCustomer(t, account);
    customerId = customer.id;
    conversationId = (await createConversation(t, account, { customer_id: customerId })).id;
    messageId = (await createMessage(t, account, { body: 'first', conversation_id: conversationId })).id;
  });
  afterAll(() => t.close());

  const routes = () => ({
    'GET /conversations': '/api/v1/conversations',
    'GET /conversations/:id': `/api/v1/conversations/${conversationId}`,
    'GET /customers': '/api/v1/customers',
    'GET /customers/:id': `/api/v1/customers/${customerId}`,
    'GET /messages': '/api/v1/messages',
    'GET /messages/:id': `/api/v1/messages/${messageId}`,
  });

  async function statementsPerRoute(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const [name, url] of Object.entries(routes())) {
      await t.request('GET', url, { headers: account.auth }); // warm: the API key is cached
      counts[name] = await countQueries(async () =>
        expect((await t.request('GET', url, { headers: account.auth })).statusCode).toBe(200),
      );
    }
    return counts;
  }

  it('is constant from one row to many', async () => {
    const small = await statementsPerRoute();
    expect(small).toEqual({
      'GET /conversations': 5, // page, capped count, messages, tags and mentions of the page
      'GET /conversations/:id': 3, // conversation with customer and tags, its messages, its mentions
      'GET /customers': 4, // page, capped count, latest conversation per customer, tags
      'GET /customers/:id': 1, // customer with company and tags
      'GET /messages': 2, // page with senders and attachments, capped count
      'GET /messages/:id': 1,
    });

    for (let i = 0; i < 5; i++) {
      const customer = await createCustomer(t, account, { name: `Customer ${i}` });
      for (let j = 0; j < 2; j++) {
        const conversation = await createConversation(t, account, { customer_id: customer.id });
        await createMessage(t, account, { body: 'agent', conversation_id: conversation.id });
        await createMessage(t, account, {
          body: 'customer',
          conversation_id: conversation.id,
          customer_id: customer.id,
        });
      }
    }
    for (let i = 0; i < 5; i++) await createMessage(t, account, { body: `more ${i}`, conversation_id: conversationId });

    expect(await statementsPerRoute()).toEqual(small);
  });
});
