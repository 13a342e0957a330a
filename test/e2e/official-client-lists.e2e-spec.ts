import { createServer, request as httpRequest, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { createAccount, createConversation, createCustomer, TestAccount } from '../support/factories';
import { loadOfficialClient, methodPaths, OfficialClient, papercups } from '../support/official-client';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * The official Node client's list methods send no paging parameter at all, so a list must answer every row.
 * Always run with the client as re-created in test/support/official-client.ts; with PAPERCUPS_NODE_MIRROR
 * (a git mirror of papercups-io/papercups-node) also with its real src/client.js.
 */
const REAL = loadOfficialClient();
type Make = (token: string, host: string) => OfficialClient;
const CLIENTS: [string, Make][] = [['re-created', papercups]];
if (REAL) CLIENTS.push(['real (PAPERCUPS_NODE_MIRROR)', (token, host) => REAL(token, { host })]);

/** Forwards to `target` and records each request's method and URL: what a client really sent. */
function recordingProxy(target: string, seen: string[]): Promise<Server> {
  const { hostname, port } = new URL(target);
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const upstream = httpRequest({ hostname, port, path: req.url, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode!, up.headers);
      up.pipe(res);
    });
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** More rows than one default page (50), fewer than the whole-list ceiling (1000). */
const ROWS = 56;

describe('the official Node client (papercups-node) sees complete lists', () => {
  let t: TestApp;
  let account: TestAccount;
  let proxy: Server;
  let proxyUrl: string;
  const seen: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    account = await createAccount(t);
    proxy = await recordingProxy(`http://127.0.0.1:${port}`, seen);
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

    const customer = await createCustomer(t, account);
    const conversation = await createConversation(t, account, { customer_id: customer.id });
    const params = [account.accountId, ROWS];
    // Created in bulk: what matters here is what the lists answer, not how rows are made.
    await t.db.query(
      `INSERT INTO tags (account_id, name) SELECT $1, 'tag ' || n FROM generate_series(1, $2) n`,
      params,
    );
    await t.db.query(
      `INSERT INTO companies (account_id, name) SELECT $1, 'company ' || n FROM generate_series(1, $2) n`,
      params,
    );
    await t.db.query(
      `INSERT INTO issues (account_id, title) SELECT $1, 'issue ' || n FROM generate_series(1, $2) n`,
      params,
    );
    await t.db.query(
      `INSERT INTO notes (account_id, customer_id, author_id, body)
       SELECT $1, $3, $4, 'note ' || n FROM generate_series(1, $2) n`,
      [...params, customer.id, account.userId],
    );
    await t.db.query(
      `INSERT INTO messages (account_id, conversation_id, user_id, body)
       SELECT $1, $3, $4, 'message ' || n FROM generate_series(1, $2) n`,
      [...params, conversation.id, account.userId],
    );
    await t.db.query(
      `INSERT INTO users (email, password_hash, account_id, role)
       SELECT 'user-' || n || '-' || $1::text || '@example.com', password_hash, $1::uuid, 'user'
       FROM users, generate_series(2, $2) n WHERE id = $3`,
      [account.accountId, ROWS, account.userId],
    );
  });
  afterAll(async () => {
    await new Promise((resolve) => proxy?.close(resolve));
    await t.close();
  });

  const LISTS = ['tags', 'companies', 'issues', 'notes', 'messages', 'users'] as const;

  describe.each(CLIENTS)('the %s client', (_name, make) => {
    let client: OfficialClient;
    beforeAll(() => {
      client = make(account.apiKey, proxyUrl);
    });

    it.each(LISTS)('%s.list() answers every row, not the first 50, and sends no query string', async (resource) => {
      seen.length = 0;
      const rows = await client[resource].list();
      expect(seen).toEqual([`GET /api/v1/${resource}`]);
      expect(rows).toHaveLength(ROWS);
      expect(new Set(rows.map((r: { id: string }) => r.id)).size).toBe(ROWS);
    });

    it('the integration methods resolve, as against Papercups for an account without integrations', async () => {
      expect(await client.slack.notify({ text: 'Hello' })).toBeNull();
      expect(await client.github.repos.list()).toEqual([]);
      expect(await client.github.issues.list({ owner: 'o', repo: 'r' })).toEqual([]);
      expect(await client.github.issues.create({ owner: 'o', repo: 'r', issue: { title: 'Bug' } })).toEqual([]);
    });
  });

  it('the re-created client has the methods of the official one', () => {
    const paths = methodPaths(papercups('k', 'http://h'));
    expect(paths).toEqual([
      'companies.create',
      'companies.destroy',
      'companies.list',
      'companies.retrieve',
      'conversations.create',
      'conversations.destroy',
      'conversations.list',
      'conversations.retrieve',
      'conversations.update',
      'customers.create',
      'customers.destroy',
      'customers.list',
      'customers.retrieve',
      'customers.update',
      'github.issues.create',
      'github.issues.list',
      'github.repos.list',
      'gmail.send',
      'issues.create',
      'issues.destroy',
      'issues.list',
      'issues.retrieve',
      'me',
      'messages.create',
      'messages.destroy',
      'messages.list',
      'messages.retrieve',
      'notes.create',
      'notes.destroy',
      'notes.list',
      'notes.retrieve',
      'reporting',
      'slack.notify',
      'tags.create',
      'tags.destroy',
      'tags.list',
      'tags.retrieve',
      'twilio.send',
      'users.list',
      'users.me',
      'users.retrieve',
    ]);
    if (REAL) expect(methodPaths(REAL('k', { host: 'http://h' }))).toEqual(paths);
  });

  it('a paged list still pages when asked, and clamps a limit above 100 as Papercups does', async () => {
    const page = (await t.request('GET', '/api/v1/tags', { headers: account.auth, query: { limit: '20' } })).json();
    expect(page).toMatchObject({ limit: 20, total: ROWS, next: expect.any(String) });
    const clamped = await t.request('GET', '/api/v1/tags', { headers: account.auth, query: { limit: '1000' } });
    expect(clamped.statusCode).toBe(200);
    expect(clamped.json()).toMatchObject({ limit: 100, total: ROWS, next: null });
    expect(clamped.json().data).toHaveLength(ROWS);
  });

  it('a whole list is cut at its ceiling (1000) with a next cursor that continues it', async () => {
    await t.db.query(`INSERT INTO tags (account_id, name) SELECT $1, 'bulk ' || n FROM generate_series(1, 1000) n`, [
      account.accountId,
    ]);
    const first = (await t.request('GET', '/api/v1/tags', { headers: account.auth })).json();
    expect(first).toMatchObject({ limit: 1000, next: expect.any(String) });
    expect(first.data).toHaveLength(1000);
    const rest = (
      await t.request('GET', '/api/v1/tags', { headers: account.auth, query: { after: first.next } })
    ).json();
    expect(rest).toMatchObject({ next: null });
    expect(rest.data).toHaveLength(ROWS);
  });
});
