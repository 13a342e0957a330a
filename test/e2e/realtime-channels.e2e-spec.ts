import { Presence } from 'phoenix';
import { ChatBroadcasts } from '../../src/realtime/chat-broadcasts';
import { Realtime } from '../../src/realtime/realtime.service';
import { createAccount, createConversation, createCustomer, TestAccount } from '../support/factories';
import { Inbox, PhoenixClient, pushAndReceive, RawSocket, socketBase } from '../support/phoenix';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Papercups' channels through the official `phoenix` client (Node, `ws` transport) against the app on a
 * real port: who may join what, presence as the widget and the dashboard read it, broadcasts.
 */
describe('real-time channels (official phoenix client)', () => {
  let t: TestApp;
  let base: string;
  let acme: TestAccount;
  let other: TestAccount;
  let customer: { id: string };
  let conversation: { id: string };
  const clients: PhoenixClient[] = [];

  const visitor = (accountId = acme.accountId, opts = {}) => {
    const client = new PhoenixClient(base, { params: { account_id: accountId, inbox_id: undefined }, ...opts });
    clients.push(client);
    return client.connect();
  };
  const agent = (account = acme, opts = {}) => {
    const client = new PhoenixClient(base, { params: { token: account.token }, ...opts });
    clients.push(client);
    return client.connect();
  };
  /** A Presence on a channel (created before the join, as the SDK does) and its latest list. */
  const presenceOf = (channel: import('phoenix').Channel) => {
    const presence = new Presence(channel);
    const syncs: Record<string, any>[] = [];
    presence.onSync(() => {
      const listed: Record<string, any> = {};
      presence.list((key, value) => (listed[key] = value.metas.map(({ phx_ref, ...meta }: any) => meta)));
      syncs.push(listed);
    });
    const until = async (check: (listed: Record<string, any>) => boolean, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      while (!syncs.length || !check(syncs[syncs.length - 1])) {
        if (Date.now() > deadline) throw new Error(`presence never matched; syncs: ${JSON.stringify(syncs)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return syncs[syncs.length - 1];
    };
    return { presence, syncs, until };
  };

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = socketBase(t);
    acme = await createAccount(t);
    other = await createAccount(t, { company_name: 'Other' });
    customer = await createCustomer(t, acme);
    conversation = await createConversation(t, acme, { customer_id: customer.id });
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.disconnect()));
  });

  afterAll(async () => {
    await t?.close();
  });

  it('connects with the client default (vsn 2.0.0), heartbeats on "phoenix" and answers ping', async () => {
    const client = await visitor(acme.accountId, { heartbeatIntervalMs: 50 });
    const heartbeats: unknown[] = [];
    client.socket.onMessage((message: any) => {
      if (message.topic === 'phoenix') heartbeats.push(message);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heartbeats.length).toBeGreaterThanOrEqual(2);
    expect(heartbeats[0]).toEqual({
      join_ref: null,
      ref: expect.any(String),
      topic: 'phoenix',
      event: 'phx_reply',
      payload: { status: 'ok', response: {} },
    });
    const { channel, reply } = await client.join(`room:${acme.accountId}`);
    expect(reply).toEqual({ status: 'ok', response: {} });
    expect(await pushAndReceive(channel, 'ping', { hello: 'there' })).toEqual({
      status: 'ok',
      response: { hello: 'there' },
    });
    expect(await pushAndReceive(channel, 'shout', { body: 'hi' })).toEqual({
      status: 'error',
      response: { reason: 'unknown event' },
    });
  });

  it('speaks vsn 1.0.0 (JSON objects) to a client that asks for it', async () => {
    const client = await visitor(acme.accountId, {
      vsn: '1.0.0',
      encode: (message: object, callback: (s: string) => void) => callback(JSON.stringify(message)),
      decode: (raw: string, callback: (m: object) => void) => callback(JSON.parse(raw)),
    });
    const { channel, reply } = await client.join(`room:${acme.accountId}`);
    expect(reply).toEqual({ status: 'ok', response: {} });
    expect(await pushAndReceive(channel, 'ping', { v: 1 })).toEqual({ status: 'ok', response: { v: 1 } });
  });

  it('the widget sees agents come and go on room:<account_id>; the agent sees itself on notification:', async () => {
    const widget = await visitor();
    const room = widget.socket.channel(`room:${acme.accountId}`, {});
    const roomPresence = presenceOf(room);
    await new Promise((resolve) => room.join().receive('ok', resolve));
    expect(await roomPresence.until(() => true)).toEqual({});

    const dashboard = await agent();
    const notifications = dashboard.socket.channel(`notification:${acme.accountId}`, {});
    const own = presenceOf(notifications);
    await new Promise((resolve) => notifications.join().receive('ok', resolve));
    const agentMeta = { online_at: expect.stringMatching(/^\d{10}$/), user_id: acme.userId };
    expect(await own.until((listed) => `user:${acme.userId}` in listed)).toEqual({
      [`user:${acme.userId}`]: [agentMeta],
    });
    expect(await roomPresence.until((listed) => `user:${acme.userId}` in listed)).toEqual({
      [`user:${acme.userId}`]: [agentMeta],
    });

    await dashboard.disconnect();
    expect(await roomPresence.until((listed) => !(`user:${acme.userId}` in listed))).toEqual({});
  });

  it('agent channels need a session token of that account; a bad token refuses the connection (403)', async () => {
    const anonymous = await visitor();
    expect((await anonymous.join(`notification:${acme.accountId}`)).reply).toEqual({
      status: 'error',
      response: { reason: 'Unauthorized' },
    });
    const stranger = await agent(other);
    expect((await stranger.join(`notification:${acme.accountId}`)).reply).toEqual({
      status: 'error',
      response: { reason: 'Unauthorized' },
    });
    expect((await stranger.join(`issue:lobby:${customer.id}`)).reply).toEqual({
      status: 'error',
      response: { reason: 'Unauthorized' },
    });
    expect(await RawSocket.refusal(`${base}/websocket?token=nonsense&vsn=2.0.0`)).toBe(403);
    await expect(new PhoenixClient(base, { params: { token: 'nonsense' } }).connect()).rejects.toThrow('socket error');

    const owner = await agent();
    expect((await owner.join(`issue:lobby:${customer.id}`)).reply).toEqual({ status: 'ok', response: {} });
  });

  it('a session that ended since connect no longer joins agent channels', async () => {
    const mate = await createAccount(t);
    const client = await agent(mate);
    await t.db.query(`UPDATE user_sessions SET access_expires_at = now() WHERE user_id = $1`, [mate.userId]);
    expect((await client.join(`notification:${mate.accountId}`)).reply).toEqual({
      status: 'error',
      response: { reason: 'Unauthorized' },
    });
  });

  it('accepts the token as phoenix.js 1.8 authToken (Sec-WebSocket-Protocol)', async () => {
    const client = new PhoenixClient(base, { authToken: acme.token });
    clients.push(client);
    await client.connect();
    expect((await client.join(`notification:${acme.accountId}`)).reply).toEqual({ status: 'ok', response: {} });
  });

  it('a visitor joins only its own customer’s conversations and lobby', async () => {
    const client = await visitor();
    const unauthorized = { status: 'error', response: { reason: 'unauthorized' } };
    const stranger = await createCustomer(t, acme);
    const foreign = await createConversation(t, other);
    expect((await client.join(`conversation:${conversation.id}`, { customer_id: stranger.id })).reply).toEqual(
      unauthorized,
    );
    expect((await client.join(`conversation:${conversation.id}`, {})).reply).toEqual(unauthorized);
    expect((await client.join(`conversation:${foreign.id}`, { customer_id: foreign.customer_id })).reply).toEqual(
      unauthorized,
    );
    expect((await client.join('conversation:not-a-uuid', { customer_id: customer.id })).reply).toEqual(unauthorized);
    expect((await client.join('conversation:lobby')).reply).toEqual(unauthorized);
    expect((await client.join(`conversation:lobby:${foreign.customer_id}`)).reply).toEqual(unauthorized);
    expect((await client.join(`room:${other.accountId}`)).reply).toEqual(unauthorized);
    expect((await client.join(`conversation:lobby:${customer.id}`)).reply).toEqual({ status: 'ok', response: {} });
    expect((await client.join(`conversation:${conversation.id}`, { customer_id: customer.id })).reply).toEqual({
      status: 'ok',
      response: {},
    });
  });

  it('events:* is not served (unmatched topic), as a Phoenix socket answers a topic without a channel', async () => {
    const client = await agent();
    expect((await client.join(`events:admin:${acme.accountId}:all`)).reply).toEqual({
      status: 'error',
      response: { reason: 'unmatched topic' },
    });
  });

  it('a visitor in a conversation is online for the agents, and leaves with its channel', async () => {
    const dashboard = await agent();
    const notifications = dashboard.socket.channel(`notification:${acme.accountId}`, {});
    const agents = presenceOf(notifications);
    await new Promise((resolve) => notifications.join().receive('ok', resolve));
    await agents.until((listed) => `user:${acme.userId}` in listed);

    const widget = await visitor();
    const channel = widget.socket.channel(`conversation:${conversation.id}`, { customer_id: customer.id });
    const own = presenceOf(channel);
    await new Promise((resolve) => channel.join().receive('ok', resolve));
    const visitorMeta = { online_at: expect.stringMatching(/^\d{10}$/), customer_id: customer.id };
    expect(await own.until((listed) => `customer:${customer.id}` in listed)).toEqual({
      [`customer:${customer.id}`]: [visitorMeta],
    });
    expect((await agents.until((listed) => `customer:${customer.id}` in listed))[`customer:${customer.id}`]).toEqual([
      visitorMeta,
    ]);

    await new Promise((resolve) => channel.leave().receive('ok', resolve));
    await agents.until((listed) => !(`customer:${customer.id}` in listed));
  });

  it('broadcasts: messages reach the conversation (unless private) and the agents; conversations the lobby', async () => {
    const widget = await visitor();
    const { channel: chat } = await widget.join(`conversation:${conversation.id}`, { customer_id: customer.id });
    const { channel: lobby } = await widget.join(`conversation:lobby:${customer.id}`);
    const dashboard = await agent();
    const { channel: feed } = await dashboard.join(`notification:${acme.accountId}`);
    const visitorShouts = new Inbox(chat, 'shout');
    const agentShouts = new Inbox(feed, 'shout');
    const lobbyCreated = new Inbox(lobby, 'conversation:created');
    const feedCreated = new Inbox(feed, 'conversation:created');
    const feedUpdated = new Inbox(feed, 'conversation:updated');

    const broadcasts = t.app.get(ChatBroadcasts);
    const message = { id: 'm1', body: 'Hello', account_id: acme.accountId, conversation_id: conversation.id };
    await broadcasts.messageCreated({ ...message, private: true });
    await broadcasts.messageCreated({ ...message, id: 'm2', private: false });
    expect(await agentShouts.take(2)).toEqual([
      { ...message, private: true },
      { ...message, id: 'm2', private: false },
    ]);
    expect(await visitorShouts.take(1)).toEqual([{ ...message, id: 'm2', private: false }]);

    const view = { id: conversation.id, account_id: acme.accountId, customer_id: customer.id, status: 'open' };
    await broadcasts.conversationCreated(view);
    await broadcasts.conversationUpdated(view);
    expect(await lobbyCreated.take(1)).toEqual([{ id: conversation.id }]);
    expect(await feedCreated.take(1)).toEqual([{ id: conversation.id }]);
    expect(await feedUpdated.take(1)).toEqual([{ id: conversation.id, updates: view }]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(visitorShouts.messages).toHaveLength(1);

    // Any topic, any event, through the generic API.
    const custom = new Inbox(feed, 'custom');
    await t.app.get(Realtime).broadcast(`notification:${acme.accountId}`, 'custom', { n: 1 });
    expect(await custom.take(1)).toEqual([{ n: 1 }]);
  });
});
