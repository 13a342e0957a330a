import type { Page } from 'playwright-core';
import { Browser, launchBrowser, papercupsSdk, serveSite } from '../support/browser';
import { createAccount, createMessage, TestAccount } from '../support/factories';
import { Inbox, PhoenixClient, socketBase } from '../support/phoenix';
import { freePort } from '../../scripts/lib/postgres.cjs';
import { ensureBuilt, ServerProcess } from '../support/server-process';
import { createTestApp, TestApp } from '../support/test-app';

interface PageLog {
  settings: { title?: string } | null;
  customerId: string | null;
  conversationId: string | null;
  created: { body: string }[];
  shown: string[];
}

/**
 * The unchanged `@papercups-io/browser` SDK in headless Chromium, on a site of its own origin, against
 * `node dist/src/main.js` (which the spec restarts); the agent works on a second instance (this process's
 * app) on the same database, through REST and the notification channel.
 */
describe('the Papercups widget SDK end to end (Chromium, two instances, a restart)', () => {
  let t: TestApp;
  let server: ServerProcess | undefined;
  let port: number;
  let browser: Browser;
  let site: { url: string; close: () => Promise<void> };
  let acme: TestAccount;
  const clients: PhoenixClient[] = [];

  const html = (accountId: string, baseUrl: string) => `<!doctype html>
<html><body><script type="module">
  import { Papercups } from '/sdk/index.es.js';
  const log = { settings: null, customerId: null, conversationId: null, created: [], shown: [] };
  window.log = log;
  window.papercups = Papercups.init({
    accountId: ${JSON.stringify(accountId)},
    baseUrl: ${JSON.stringify(baseUrl)},
    customer: { name: 'Vera Visitor', email: 'vera@example.com', external_id: 'vera-1' },
    onSetWidgetSettings: (settings) => (log.settings = settings),
    onSetCustomerId: (id) => (log.customerId = id),
    onSetConversationId: (id) => (log.conversationId = id),
    onMessageCreated: (message) => log.created.push({ body: message.body }),
    onMessagesUpdated: (messages) => (log.shown = messages.map((m) => m.body)),
  });
  window.started = window.papercups.start();
</script></body></html>`;

  const readLog = (tab: Page) => tab.evaluate(() => (window as any).log as PageLog);
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, ms = 15_000) => {
    const deadline = Date.now() + ms;
    let value = await read();
    while (!done(value)) {
      if (Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(value)}; ${browser.problems.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      value = await read();
    }
    return value;
  };
  const startServer = async () => {
    server = await ServerProcess.start({ DATABASE_URL: (t.db.options as { url: string }).url, PORT: String(port) });
  };

  beforeAll(async () => {
    ensureBuilt();
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    acme = await createAccount(t);
    await t.request('PUT', '/api/widget_settings', {
      headers: { authorization: acme.token },
      payload: { widget_settings: { title: 'Acme support', greeting: 'Hi! Ask us anything.' } },
    });
    port = await freePort();
    await startServer();
    site = await serveSite({
      '/': { type: 'text/html', body: html(acme.accountId, server!.url) },
      '/sdk/index.es.js': papercupsSdk(),
    });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.disconnect()));
    await browser?.close();
    await site?.close();
    await server?.stop('SIGTERM');
    await t?.close();
  });

  it('a visitor starts a chat, agents answer through REST and the socket, and a restart loses nothing', async () => {
    const dashboard = new PhoenixClient(socketBase(t), { params: { token: acme.token } });
    clients.push(dashboard);
    await dashboard.connect();
    const { channel: feed } = await dashboard.join(`notification:${acme.accountId}`);
    const toAgent = new Inbox(feed, 'shout');
    const created = new Inbox(feed, 'conversation:created');

    const tab = await browser.page();
    await tab.goto(site.url);
    await tab.evaluate(() => (window as any).started);
    const settled = await readLog(tab);
    expect(settled.settings?.title).toBe('Acme support');
    expect(settled.customerId).toBeNull(); // identify found nobody: created with the first message

    await tab.evaluate(() => (window as any).papercups.sendNewMessage({ body: 'Hello, anyone there?' }));
    const [first] = await toAgent.take(1, 15_000);
    expect(first).toMatchObject({ body: 'Hello, anyone there?', customer: { name: 'Vera Visitor' } });
    const [{ id: conversationId }] = await created.take(1);
    const log = await readLog(tab);
    expect([log.customerId, log.conversationId]).toEqual([first.customer_id, conversationId]);
    const [customer] = await t.db.query(`SELECT account_id, external_id, email FROM customers WHERE id = $1`, [
      first.customer_id,
    ]);
    expect(customer).toEqual({ account_id: acme.accountId, external_id: 'vera-1', email: 'vera@example.com' });

    await createMessage(t, acme, { conversation_id: conversationId, body: 'Hi Vera (REST)' });
    feed.push('shout', { conversation_id: conversationId, body: 'Hi Vera (socket)' });
    await eventually(
      () => readLog(tab),
      (l) => l.created.some((m) => m.body === 'Hi Vera (socket)') && l.created.some((m) => m.body === 'Hi Vera (REST)'),
      'both replies in the page',
    );

    // The widget's server restarts; the SDK's socket reconnects and rejoins on its own.
    await server!.stop('SIGTERM');
    await startServer();
    await eventually(
      async () =>
        (
          await t.db.query(`SELECT count(*)::int AS n FROM realtime_presences WHERE topic = $1`, [
            `conversation:${conversationId}`,
          ])
        )[0].n,
      (n) => n > 0,
      'the visitor back in its conversation',
      30_000,
    );
    await createMessage(t, acme, { conversation_id: conversationId, body: 'After the restart' });
    await eventually(
      () => readLog(tab),
      (l) => l.created.some((m) => m.body === 'After the restart'),
      'the reply after the restart',
    );
    await tab.evaluate(() => (window as any).papercups.sendNewMessage({ body: 'Still here' }));
    expect((await toAgent.take(5, 15_000)).map((m) => m.body)).toContain('Still here');

    // A reload finds the whole conversation again (identify by external_id, then its messages).
    await tab.reload();
    await tab.evaluate(() => (window as any).started);
    const reloaded = await eventually(
      () => readLog(tab),
      (l) => l.shown.includes('Still here'),
      'the history after a reload',
    );
    expect(reloaded.shown).toEqual(
      expect.arrayContaining([
        'Hello, anyone there?',
        'Hi Vera (REST)',
        'Hi Vera (socket)',
        'After the restart',
        'Still here',
      ]),
    );
    expect(browser.problems.filter((p) => p.startsWith('pageerror'))).toEqual([]);
  }, 120_000);

  it('refuses joins into another customer’s conversation and agent channels without a token', async () => {
    const stranger = new PhoenixClient(`${server!.url.replace('http', 'ws')}/socket`, {
      params: { account_id: acme.accountId },
    });
    clients.push(stranger);
    await stranger.connect();
    const [conversation] = await t.db.query(`SELECT id FROM conversations WHERE account_id = $1 LIMIT 1`, [
      acme.accountId,
    ]);
    const other = (
      await t.request('POST', '/api/customers', { payload: { customer: { account_id: acme.accountId } } })
    ).json().data;
    const refusals = [
      await stranger.join(`conversation:${conversation.id}`, { customer_id: other.id }),
      await stranger.join(`conversation:${conversation.id}`, {}),
      await stranger.join(`notification:${acme.accountId}`),
    ].map(({ reply }) => reply.status);
    expect(refusals).toEqual(['error', 'error', 'error']);
  });
});
