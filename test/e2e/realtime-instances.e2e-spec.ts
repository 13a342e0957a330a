import { Presence } from 'phoenix';
import { ChatBroadcasts } from '../../src/realtime/chat-broadcasts';
import { MAX_INLINE_BYTES } from '../../src/realtime/pubsub/postgres-realtime-bus';
import { PgListener } from '../../src/database/pg-listener';
import { Realtime } from '../../src/realtime/realtime.service';
import { createAccount, createConversation, createCustomer, createMessage, TestAccount } from '../support/factories';
import { Inbox, PhoenixClient, socketBase } from '../support/phoenix';
import { ensureBuilt, ServerProcess } from '../support/server-process';
import { createTestApp, TestApp } from '../support/test-app';

const FAST_NODES = { REALTIME_NODE_HEARTBEAT_MS: '100', REALTIME_NODE_TIMEOUT_MS: '1000' };

/**
 * Two instances sharing nothing but PostgreSQL: this process's app (instance 1, whose broadcasts the spec
 * triggers directly) and `node dist/src/main.js` (instance 2, which can be SIGKILLed) on the same database.
 */
describe('real-time across instances (PostgreSQL LISTEN/NOTIFY)', () => {
  let t: TestApp;
  let second: ServerProcess | undefined;
  let acme: TestAccount;
  let customer: { id: string };
  let conversation: { id: string };
  const clients: PhoenixClient[] = [];

  const client = (base: string, params: object) => {
    const c = new PhoenixClient(base, { params });
    clients.push(c);
    return c.connect();
  };
  const base1 = () => socketBase(t);
  const base2 = () => `${second!.url.replace('http', 'ws')}/socket`;

  /** Joins with a Presence attached before the join (as the SDK does); `until` waits for a matching list. */
  const joinWithPresence = async (c: PhoenixClient, topic: string, payload: object = {}) => {
    const channel = c.socket.channel(topic, payload);
    const presence = new Presence(channel);
    let latest: string[] | null = null;
    presence.onSync(() => {
      latest = presence.list((key) => key).sort();
    });
    await new Promise((resolve, reject) => channel.join().receive('ok', resolve).receive('error', reject));
    const until = async (expected: string[], timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      while (JSON.stringify(latest) !== JSON.stringify([...expected].sort())) {
        if (Date.now() > deadline) throw new Error(`presence ${JSON.stringify(latest)} never became ${expected}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    return { channel, until };
  };

  /** Booting a process costs seconds: one serves the first tests, the kill and stop tests start their own. */
  const startSecond = async () => {
    second = await ServerProcess.start({ DATABASE_URL: (t.db.options as { url: string }).url, ...FAST_NODES });
  };
  const stopSecond = async (signal: NodeJS.Signals) => {
    const running = second;
    second = undefined;
    if (!running || running.child.exitCode !== null) return;
    running.child.kill(signal);
    await running.exited;
  };

  beforeAll(async () => {
    ensureBuilt();
    Object.assign(process.env, FAST_NODES);
    t = await createTestApp();
    for (const name of Object.keys(FAST_NODES)) delete process.env[name];
    await t.app.listen(0, '127.0.0.1');
    acme = await createAccount(t);
    customer = await createCustomer(t, acme);
    conversation = await createConversation(t, acme, { customer_id: customer.id });
    await startSecond();
  }, 120_000);

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.disconnect()));
  });

  afterAll(async () => {
    await stopSecond('SIGTERM');
    await t?.close();
  });

  it('presence joins and leaves on one instance reach sockets on the other, both ways', async () => {
    const dashboard = await client(base1(), { token: acme.token });
    const agentView = await joinWithPresence(dashboard, `notification:${acme.accountId}`);
    await agentView.until([`user:${acme.userId}`]);

    const widget = await client(base2(), { account_id: acme.accountId });
    const room = await joinWithPresence(widget, `room:${acme.accountId}`);
    await room.until([`user:${acme.userId}`]); // instance 1's agent, in instance 2's presence_state
    const chat = await joinWithPresence(widget, `conversation:${conversation.id}`, { customer_id: customer.id });
    await chat.until([`customer:${customer.id}`]);
    await agentView.until([`user:${acme.userId}`, `customer:${customer.id}`]); // 2 → 1

    await new Promise((resolve) => chat.channel.leave().receive('ok', resolve));
    await agentView.until([`user:${acme.userId}`]);
    await dashboard.disconnect();
    await room.until([]); // 1 → 2
  });

  it('broadcasts from instance 1 reach instance 2, small and above the NOTIFY limit, in order', async () => {
    const widget = await client(base2(), { account_id: acme.accountId });
    const { channel } = await widget.join(`conversation:${conversation.id}`, { customer_id: customer.id });
    const shouts = new Inbox(channel, 'shout');
    const broadcasts = t.app.get(ChatBroadcasts);
    const message = (id: string, body: string) => ({
      id,
      body,
      account_id: acme.accountId,
      conversation_id: conversation.id,
      private: false,
    });
    const large = message('m2', 'ü'.repeat(MAX_INLINE_BYTES));
    await broadcasts.messageCreated(message('m1', 'first'));
    await broadcasts.messageCreated(large);
    await broadcasts.messageCreated(message('m3', 'third'));
    expect(await shouts.take(3)).toEqual([message('m1', 'first'), large, message('m3', 'third')]);
    // Every broadcast is logged (for replays); the large one (2 topics) travels as its id only.
    expect(
      await t.db.query(`SELECT count(*)::int AS n FROM realtime_payloads WHERE length(body) > $1`, [MAX_INLINE_BYTES]),
    ).toEqual([{ n: 2 }]);
  });

  it('a visitor on instance 2 and an agent on instance 1 chat live (REST and socket, both ways)', async () => {
    const visitor = (await second!.request('POST', '/api/customers', {}, { customer: { account_id: acme.accountId } }))
      .json.data as { id: string };
    const started = (
      await second!.request(
        'POST',
        '/api/conversations',
        {},
        {
          conversation: { account_id: acme.accountId, customer_id: visitor.id },
        },
      )
    ).json.data as { id: string };
    const widget = await client(base2(), { account_id: acme.accountId });
    const { channel: chat } = await widget.join(`conversation:${started.id}`, { customer_id: visitor.id });
    const toVisitor = new Inbox(chat, 'shout');
    const dashboard = await client(base1(), { token: acme.token });
    const { channel: feed } = await dashboard.join(`notification:${acme.accountId}`);
    const toAgent = new Inbox(feed, 'shout');

    await new Promise((resolve) => chat.push('shout', { body: 'from the widget' }).receive('ok', resolve));
    expect((await toAgent.take(1))[0]).toMatchObject({ body: 'from the widget', customer_id: visitor.id });
    await createMessage(t, acme, { conversation_id: started.id, body: 'REST reply' });
    await new Promise((resolve) =>
      feed.push('shout', { conversation_id: started.id, body: 'socket reply' }).receive('ok', resolve),
    );
    expect((await toVisitor.take(3)).map((m) => m.body)).toEqual(['from the widget', 'REST reply', 'socket reply']);
  });

  it('what is broadcast while an instance’s LISTEN connection is down reaches its sockets once it is back', async () => {
    const widget = await client(base2(), { account_id: acme.accountId });
    const { channel } = await widget.join(`conversation:${conversation.id}`, { customer_id: customer.id });
    const shouts = new Inbox(channel, 'shout');
    const custom = new Inbox(channel, 'custom');
    // Instance 2's listener is the LISTEN backend on this database that is not instance 1's.
    const own = (t.app.get(PgListener) as unknown as { client: { processID: number } }).client.processID;
    const [listener] = await t.db.query(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> $1`,
      [own],
    );
    expect(listener).toBeDefined();
    await t.db.query(`SELECT pg_terminate_backend($1)`, [listener.pid]);
    // Instance 2 reconnects after a second: these are published while nobody there listens.
    await t.app.get(Realtime).broadcast(`conversation:${conversation.id}`, 'custom', { n: 1 });
    await createMessage(t, acme, { conversation_id: conversation.id, body: 'during the gap' });
    expect(await custom.take(1, 10_000)).toEqual([{ n: 1 }]);
    expect((await shouts.take(1, 10_000))[0].body).toBe('during the gap');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([custom.messages.length, shouts.messages.length]).toEqual([1, 1]);
  });

  it('a killed instance’s presences expire: its visitor leaves for the agents on the live one', async () => {
    const dashboard = await client(base1(), { token: acme.token });
    const agentView = await joinWithPresence(dashboard, `notification:${acme.accountId}`);
    const widget = await client(base2(), { account_id: acme.accountId });
    await joinWithPresence(widget, `conversation:${conversation.id}`, { customer_id: customer.id });
    await agentView.until([`user:${acme.userId}`, `customer:${customer.id}`]);
    const nodes = async () => (await t.db.query(`SELECT count(*)::int AS n FROM realtime_nodes`))[0].n;
    expect(await nodes()).toBe(2);

    await stopSecond('SIGKILL');
    await agentView.until([`user:${acme.userId}`], 5000);
    expect(await nodes()).toBe(1);
    expect(
      await t.db.query(`SELECT key FROM realtime_presences WHERE topic = $1 ORDER BY key`, [
        `notification:${acme.accountId}`,
      ]),
    ).toEqual([{ key: `user:${acme.userId}` }]);
  });

  it('a stopped (SIGTERM) instance takes its presences and its node row with it', async () => {
    await startSecond();
    const dashboard = await client(base1(), { token: acme.token });
    const agentView = await joinWithPresence(dashboard, `notification:${acme.accountId}`);
    const widget = await client(base2(), { account_id: acme.accountId });
    await joinWithPresence(widget, `conversation:${conversation.id}`, { customer_id: customer.id });
    await agentView.until([`user:${acme.userId}`, `customer:${customer.id}`]);
    await stopSecond('SIGTERM');
    await agentView.until([`user:${acme.userId}`]);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM realtime_nodes`)).toEqual([{ n: 1 }]);
  }, 90_000);
});
