import { AddressInfo } from 'node:net';
import { createAccount, TestAccount } from '../support/factories';
import { NAIVE_TIMESTAMP, UTC_TIMESTAMP, UUID } from '../support/expectations';
import { OfficialClient, papercups } from '../support/official-client';
import { createTestApp, TestApp } from '../support/test-app';

// superagent ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const request: any = require('superagent');

/** The HTTP status a superagent promise rejected with. */
const statusOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 200,
    (error: any) => error.status,
  );

/** The official Node client's calls (re-created in test/support/official-client.ts) against a real port. */
describe('Official Node client shape over a real port (e2e)', () => {
  let t: TestApp;
  let account: TestAccount;
  let client: OfficialClient;
  let host: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    account = await createAccount(t);
    host = `http://127.0.0.1:${port}`;
    client = papercups(account.apiKey, host);
  });
  afterAll(() => t.close());

  it('me', async () => {
    expect(await client.me()).toEqual({
      id: account.userId,
      account_id: account.accountId,
      email: account.email,
      role: 'admin',
    });
  });

  it('customers, conversations and messages: create, list, retrieve, update, delete', async () => {
    const customer = await client.customers.create({ name: 'Alex', email: 'alex@alex.com', external_id: 123 });
    expect(customer).toMatchObject({
      id: UUID,
      object: 'customer',
      name: 'Alex',
      email: 'alex@alex.com',
      external_id: '123',
    });
    expect(await client.customers.retrieve(customer.id)).toMatchObject({ id: customer.id, company: null, tags: [] });
    expect((await client.customers.list()).map((c: any) => c.id)).toEqual([customer.id]);
    expect((await client.customers.list({ email: 'alex@alex.com' })).map((c: any) => c.id)).toEqual([customer.id]);
    expect(await client.customers.update(customer.id, { phone: '650-555-6789' })).toMatchObject({
      id: customer.id,
      phone: '650-555-6789',
      name: 'Alex',
    });

    const conversation = await client.conversations.create({ customer_id: customer.id, subject: 'Hi', source: 'api' });
    expect(conversation).toMatchObject({
      id: UUID,
      object: 'conversation',
      customer_id: customer.id,
      status: 'open',
      source: 'api',
      subject: 'Hi',
      created_at: NAIVE_TIMESTAMP,
      last_activity_at: UTC_TIMESTAMP,
    });

    const message = await client.messages.create({ conversation_id: conversation.id, body: 'How can I help?' });
    expect(message).toMatchObject({
      id: UUID,
      object: 'message',
      body: 'How can I help?',
      conversation_id: conversation.id,
      user_id: account.userId,
      user: expect.objectContaining({ id: account.userId, email: account.email }),
    });
    expect(await client.messages.retrieve(message.id)).toMatchObject({ id: message.id, body: 'How can I help?' });
    expect((await client.messages.list({ conversation_id: conversation.id })).map((m: any) => m.id)).toEqual([
      message.id,
    ]);
    // The client has no messages.update; the same call it would make for one:
    const edited = await request
      .put(`${host}/api/v1/messages/${message.id}`)
      .set('Authorization', `Bearer ${account.apiKey}`)
      .send({ message: { body: 'Edited' } });
    expect(edited.body.data).toMatchObject({
      id: message.id,
      body: 'Edited',
    });

    const expanded = await client.conversations.retrieve(conversation.id);
    expect(expanded).toMatchObject({
      id: conversation.id,
      read: true,
      assignee_id: account.userId,
      customer: expect.objectContaining({ id: customer.id }),
      messages: [expect.objectContaining({ id: message.id, body: 'Edited' })],
      tags: [],
    });
    expect((await client.conversations.list({ status: 'open' })).map((c: any) => c.id)).toEqual([conversation.id]);
    expect(await client.conversations.update(conversation.id, { status: 'closed' })).toMatchObject({
      id: conversation.id,
      status: 'closed',
      closed_at: UTC_TIMESTAMP,
    });
    expect(await client.conversations.list({ status: 'open' })).toEqual([]);

    // Deletes answer 204 with no body: the client's `res.body` is {}.
    expect(await client.messages.destroy(message.id)).toEqual({});
    expect(await statusOf(client.messages.retrieve(message.id))).toBe(404);
    expect(await client.conversations.destroy(conversation.id)).toEqual({});
    expect(await statusOf(client.conversations.retrieve(conversation.id))).toBe(404);
    expect(await client.customers.destroy(customer.id)).toEqual({});
    expect(await statusOf(client.customers.retrieve(customer.id))).toBe(404);
    expect(await client.customers.list()).toEqual([]);
  });

  it('reports field errors the client can read from the rejected response', async () => {
    const error = await client.conversations.create({ status: 'open' }).catch((e: any) => e);
    expect(error.status).toBe(422);
    expect(error.response.body).toEqual({
      error: {
        status: 422,
        message: 'Unprocessable Entity',
        errors: { customer_id: ["can't be blank"] },
        request_id: error.response.headers['x-request-id'],
      },
    });
  });

  it('a wrong key is a 401', async () => {
    const error = await papercups('pc_wrong', host)
      .me()
      .catch((e: any) => e);
    expect(error.status).toBe(401);
    expect(error.response.body).toEqual({
      error: {
        code: 401,
        status: 401,
        message: 'Not authenticated',
        request_id: error.response.headers['x-request-id'],
      },
    });
  });
});
