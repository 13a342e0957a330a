import { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { EVENT_TYPES } from '../../src/events/event-types';
import { createAccount, createConversation, createMessage, createTeammate, TestAccount } from '../support/factories';
import { multipart } from '../support/multipart';
import { Inbox, PhoenixClient, pushAndReceive, socketBase } from '../support/phoenix';
import { Receiver } from '../support/receiver';
import { SseClient } from '../support/sse';
import { createTestApp, TestApp } from '../support/test-app';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 7)]);

/**
 * One write path: what a visitor or an agent writes on the socket goes through the REST services, and every
 * write (socket or REST) reaches the channels, the SSE stream and webhooks through the event log.
 */
describe('real-time writes (one write path)', () => {
  let t: TestApp;
  let base: string;
  let http: string;
  let acme: TestAccount;
  let other: TestAccount;
  const receiver = new Receiver();
  const clients: PhoenixClient[] = [];

  const connect = async (params: Record<string, unknown>) => {
    const client = new PhoenixClient(base, { params });
    clients.push(client);
    return client.connect();
  };
  const visitorFor = async (account = acme) => {
    const customer = (
      await t.request('POST', '/api/customers', { payload: { customer: { account_id: account.accountId } } })
    ).json().data;
    const conversation = (
      await t.request('POST', '/api/conversations', {
        payload: { conversation: { account_id: account.accountId, customer_id: customer.id } },
      })
    ).json().data;
    const socket = await connect({ account_id: account.accountId });
    const { channel, reply } = await socket.join(`conversation:${conversation.id}`, { customer_id: customer.id });
    expect(reply.status).toBe('ok');
    return { customer, conversation, socket, channel, shouts: new Inbox(channel, 'shout') };
  };
  const agentFeed = async (account = acme) => {
    const socket = await connect({ token: account.token });
    const { channel, reply } = await socket.join(`notification:${account.accountId}`);
    expect(reply.status).toBe('ok');
    return {
      channel,
      shouts: new Inbox(channel, 'shout'),
      created: new Inbox(channel, 'conversation:created'),
      updated: new Inbox(channel, 'conversation:updated'),
    };
  };

  beforeAll(async () => {
    await receiver.start();
    t = await createTestApp({ config: { webhooks: { allowPrivateUrls: true, pollIntervalMs: 50 } } as never });
    await t.app.listen(0, '127.0.0.1');
    base = socketBase(t);
    http = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    acme = await createAccount(t);
    other = await createAccount(t, { company_name: 'Other' });
    const subscription = await t.request('POST', '/api/v1/event_subscriptions', {
      headers: acme.auth,
      payload: { event_subscription: { webhook_url: receiver.url('/hook'), event_types: [...EVENT_TYPES] } },
    });
    expect(subscription.statusCode).toBe(201);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.disconnect()));
  });
  afterAll(async () => {
    await t?.close();
    await receiver.stop();
  });

  it('a visitor’s shout (with a file) reaches the agents’ feed, its own channel, the SSE stream and webhooks', async () => {
    const feed = await agentFeed();
    const stream = await SseClient.open(`${http}/api/v1/events/stream?type=message:created`, acme.auth);
    try {
      const visitor = await visitorFor();
      const { payload, headers } = multipart(
        { account_id: acme.accountId, customer_id: visitor.customer.id },
        { name: 'shot.png', type: 'image/png', body: PNG },
      );
      const file = (await t.request('POST', '/api/upload', { payload: payload as never, headers })).json().data;
      const sentAt = new Date().toISOString();
      const reply = await pushAndReceive(visitor.channel, 'shout', {
        body: 'Hi, I need help',
        customer_id: 'ignored',
        sent_at: sentAt,
        file_ids: [file.id],
      });
      expect(reply).toEqual({ status: 'ok', response: {} });

      const [shout] = await feed.shouts.take(1);
      expect(shout).toMatchObject({
        object: 'message',
        body: 'Hi, I need help',
        conversation_id: visitor.conversation.id,
        customer_id: visitor.customer.id,
        user_id: null,
        source: 'chat',
        sent_at: sentAt.replace(/\.\d+Z$/, 'Z'),
        attachments: [file],
        customer: { id: visitor.customer.id },
      });
      expect(await visitor.shouts.take(1)).toEqual([shout]);
      await stream.waitFor((s) => s.events.length >= 1, 5000, 'message:created');
      expect(stream.events[0].data.payload).toEqual(shout);
      const deadline = Date.now() + 10_000;
      while (!receiver.received.some((r) => r.json?.event === 'message:created' && r.json.payload.id === shout.id)) {
        if (Date.now() > deadline) throw new Error('no webhook');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // The conversation is updated (reopened, unread) like a REST customer message does.
      const [updated] = await feed.updated.take(1);
      expect(updated).toMatchObject({ id: visitor.conversation.id, updates: { read: false, status: 'open' } });
    } finally {
      stream.close();
    }
  });

  it('an agent’s REST reply and notification-channel reply reach the visitor live; private notes do not', async () => {
    const visitor = await visitorFor();
    const feed = await agentFeed();
    await createMessage(t, acme, { conversation_id: visitor.conversation.id, body: 'Hello from REST' });
    await createMessage(t, acme, { conversation_id: visitor.conversation.id, body: 'internal', private: true });
    expect(
      await pushAndReceive(feed.channel, 'shout', {
        conversation_id: visitor.conversation.id,
        body: 'Hello from socket',
      }),
    ).toEqual({ status: 'ok', response: {} });
    const shouts = await visitor.shouts.take(2);
    expect(shouts.map((m) => m.body)).toEqual(['Hello from REST', 'Hello from socket']);
    expect(shouts[0]).toMatchObject({ user_id: acme.userId, user: { id: acme.userId } });
    expect(shouts[0].user.email).toBeUndefined(); // visitors never see the agent's address
    expect((await feed.shouts.take(3)).map((m) => m.body)).toEqual([
      'Hello from REST',
      'internal',
      'Hello from socket',
    ]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(visitor.shouts.messages).toHaveLength(2);
  });

  it('an agent starting a conversation is heard in the customer’s lobby; read and seen are written', async () => {
    const visitor = await visitorFor();
    const { channel: lobby } = await visitor.socket.join(`conversation:lobby:${visitor.customer.id}`);
    const created = new Inbox(lobby, 'conversation:created');
    const feed = await agentFeed();
    const started = await createConversation(t, acme, { customer_id: visitor.customer.id });
    expect(await created.take(1)).toEqual([{ id: started.id }]);
    expect((await feed.created.take(1))[0]).toEqual({ id: started.id });

    await createMessage(t, acme, { conversation_id: visitor.conversation.id, body: 'seen?' });
    expect(await pushAndReceive(visitor.channel, 'messages:seen')).toEqual({ status: 'ok', response: {} });
    const [row] = await t.db.query(`SELECT seen_at FROM messages WHERE conversation_id = $1 AND body = 'seen?'`, [
      visitor.conversation.id,
    ]);
    expect(row.seen_at).not.toBeNull();

    await pushAndReceive(visitor.channel, 'shout', { body: 'unread now' });
    expect(await pushAndReceive(feed.channel, 'read', { conversation_id: visitor.conversation.id })).toEqual({
      status: 'ok',
      response: {},
    });
    const [conversation] = await t.db.query(`SELECT read FROM conversations WHERE id = $1`, [visitor.conversation.id]);
    expect(conversation.read).toBe(true);
  });

  it('an agent’s shout records its mentioned_user_ids; the mentioned agent’s read marks them seen', async () => {
    const visitor = await visitorFor();
    const mate = await createTeammate(t, acme);
    const feed = await agentFeed();
    const shout = await pushAndReceive(feed.channel, 'shout', {
      conversation_id: visitor.conversation.id,
      body: 'Can you take this one?',
      private: true,
      type: 'note',
      mentioned_user_ids: [mate.userId],
    });
    expect(shout).toEqual({ status: 'ok', response: {} });
    const seen = () =>
      t.db.query(`SELECT user_id, seen_at IS NOT NULL AS seen FROM mentions WHERE conversation_id = $1`, [
        visitor.conversation.id,
      ]);
    expect(await seen()).toEqual([{ user_id: mate.userId, seen: false }]);
    // The author reading it changes nothing for the teammate; the teammate reading it marks it seen.
    await pushAndReceive(feed.channel, 'read', { conversation_id: visitor.conversation.id });
    expect(await seen()).toEqual([{ user_id: mate.userId, seen: false }]);
    const mateFeed = await agentFeed(mate);
    await pushAndReceive(mateFeed.channel, 'read', { conversation_id: visitor.conversation.id });
    expect(await seen()).toEqual([{ user_id: mate.userId, seen: true }]);
  });

  it('a visitor socket from a page outside the account’s allowed origins cannot join', async () => {
    await t.request('PUT', '/api/widget_security', {
      headers: { authorization: other.token },
      payload: { widget_security: { allowed_origins: ['https://shop.example.com'] } },
    });
    const joinFrom = (origin: string) =>
      new Promise<unknown>((resolve, reject) => {
        const ws = new WebSocket(`${base}/websocket?vsn=2.0.0&account_id=${other.accountId}`, { origin });
        ws.on('open', () => ws.send(JSON.stringify(['1', '1', `room:${other.accountId}`, 'phx_join', {}])));
        ws.on('message', (data) => {
          const [, , topic, event, payload] = JSON.parse(data.toString());
          if (topic !== 'phoenix' && event === 'phx_reply') {
            ws.close();
            resolve((payload as { status: string }).status);
          }
        });
        ws.on('error', reject);
      });
    expect(await joinFrom('https://shop.example.com')).toBe('ok');
    expect(await joinFrom('https://evil.example.com')).toBe('error');
    await t.request('PUT', '/api/widget_security', {
      headers: { authorization: other.token },
      payload: { widget_security: { allowed_origins: [] } },
    });
  });

  it('validates like REST and never writes into another account', async () => {
    const visitor = await visitorFor();
    const feed = await agentFeed();
    const tooLong = await pushAndReceive(visitor.channel, 'shout', { body: 'x'.repeat(70_000) });
    expect(tooLong).toEqual({
      status: 'error',
      response: {
        status: 422,
        message: 'Unprocessable Entity',
        errors: { body: ['should be at most 65536 character(s)'] },
      },
    });
    const foreignFile = await pushAndReceive(visitor.channel, 'shout', {
      body: 'x',
      file_ids: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(foreignFile.response.errors).toEqual({ file_ids: ['does not exist'] });
    const elsewhere = await visitorFor(other);
    const reply = await pushAndReceive(feed.channel, 'shout', {
      conversation_id: elsewhere.conversation.id,
      body: 'x',
    });
    expect(reply).toEqual({
      status: 'error',
      response: { status: 422, message: 'Unprocessable Entity', errors: { conversation_id: ['does not exist'] } },
    });
    const read = await pushAndReceive(feed.channel, 'read', { conversation_id: elsewhere.conversation.id });
    expect(read).toEqual({ status: 'error', response: { status: 404, message: 'Not found' } });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1`, [
      elsewhere.conversation.id,
    ]);
    expect(n).toBe(0);
  });
});
