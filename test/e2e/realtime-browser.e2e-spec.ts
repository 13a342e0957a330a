import { ChatBroadcasts } from '../../src/realtime/chat-broadcasts';
import { Browser, launchBrowser, papercupsSdk, serveSite } from '../support/browser';
import { createAccount, createConversation, createCustomer, TestAccount } from '../support/factories';
import { PhoenixClient, socketBase } from '../support/phoenix';
import { createTestApp, TestApp } from '../support/test-app';

/** What the page records of the SDK's callbacks, read back with page.evaluate. */
interface PageLog {
  presence: string[][];
  messages: { id: string; body: string }[];
}

/**
 * The unchanged `@papercups-io/browser` SDK (0.0.4-beta.0, as chat-widget 1.3.1 pins it) in a page of
 * another origin, in headless Chromium: its bundled phoenix client connects to the app, joins the account's
 * room and a conversation, and hears presence and messages (realtime-widget-browser drives the whole widget flow).
 */
describe('the Papercups browser SDK in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let site: { url: string; close: () => Promise<void> };
  let acme: TestAccount;
  let customer: { id: string };
  let conversation: { id: string };
  let apiUrl: string;
  const clients: PhoenixClient[] = [];

  const page = (accountId: string) => `<!doctype html>
<html><body><script type="module">
  import { Papercups } from '/sdk/index.es.js';
  const log = { presence: [], messages: [] };
  window.log = log;
  window.papercups = Papercups.init({
    accountId: ${JSON.stringify(accountId)},
    baseUrl: ${JSON.stringify(apiUrl)},
    onPresenceSync: (presence) => log.presence.push(presence.list((key) => key).sort()),
    onMessageCreated: (message) => log.messages.push({ id: message.id, body: message.body }),
  });
  window.papercups.connect();
</script></body></html>`;

  const readLog = (tab: import('playwright-core').Page) => tab.evaluate(() => (window as any).log as PageLog);
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean, what: string) => {
    const deadline = Date.now() + 10_000;
    let value = await read();
    while (!done(value)) {
      if (Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(value)}; ${browser.problems.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      value = await read();
    }
    return value;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    apiUrl = socketBase(t)
      .replace('ws://', 'http://')
      .replace(/\/socket$/, '');
    acme = await createAccount(t);
    customer = await createCustomer(t, acme);
    conversation = await createConversation(t, acme, { customer_id: customer.id });
    site = await serveSite({
      '/': { type: 'text/html', body: page(acme.accountId) },
      '/sdk/index.es.js': papercupsSdk(),
    });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.disconnect()));
    await browser?.close();
    await site?.close();
    await t?.close();
  });

  it('connects, sees agents come online in room:<account_id>, joins a conversation and receives its messages', async () => {
    const tab = await browser.page();
    await tab.goto(site.url);
    // The room's presence_state (nobody online yet) is the SDK's first presence sync.
    await eventually(
      () => readLog(tab),
      (log) => log.presence.length > 0,
      'first presence sync',
    );

    const dashboard = new PhoenixClient(socketBase(t), { params: { token: acme.token } });
    clients.push(dashboard);
    await dashboard.connect();
    const { channel: feed } = await dashboard.join(`notification:${acme.accountId}`);
    const log = await eventually(
      () => readLog(tab),
      (l) => l.presence.some((keys) => keys.includes(`user:${acme.userId}`)),
      'the agent online in the page',
    );
    expect(log.presence[0]).toEqual([]);

    const onlineCustomers: string[] = [];
    feed.on('presence_diff', (diff: { joins: object }) => {
      onlineCustomers.push(...Object.keys(diff.joins));
    });
    await tab.evaluate(
      ([id, customerId]) => {
        const papercups = (window as any).papercups;
        papercups.customerId = customerId;
        papercups.joinConversationChannel(id);
      },
      [conversation.id, customer.id],
    );
    await eventually(
      async () => onlineCustomers,
      (keys) => keys.includes(`customer:${customer.id}`),
      'the visitor online for the agent',
    );

    await t.app.get(ChatBroadcasts).messageCreated({
      id: 'm1',
      body: 'Hello from an agent',
      account_id: acme.accountId,
      conversation_id: conversation.id,
      private: false,
    });
    const received = await eventually(
      () => readLog(tab),
      (l) => l.messages.length > 0,
      'the message in the page',
    );
    expect(received.messages).toEqual([{ id: 'm1', body: 'Hello from an agent' }]);
    // No page error on the socket side (its REST calls are exercised in realtime-widget-browser).
    expect(browser.problems.filter((p) => p.startsWith('pageerror'))).toEqual([]);
  }, 30_000);
});
