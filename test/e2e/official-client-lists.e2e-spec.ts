import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { createAccount, createConversation, createCustomer, TestAccount } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * The official Node client itself (papercups-io/papercups-node, src/client.js), read from its git mirror and
 * run with this project's superagent: it is not on the registry, and its list methods send no paging
 * parameter at all. PAPERCUPS_NODE_MIRROR names another bare mirror.
 */
const MIRROR = process.env.PAPERCUPS_NODE_MIRROR ?? '/work/.mirror/papercups-io+papercups-node/repo';

function officialClient(token: string, host: string) {
  const source = execFileSync('git', ['-C', MIRROR, 'show', 'HEAD:src/client.js'], { encoding: 'utf8' });
  const module = { exports: {} as any };
  new Function('require', 'module', 'exports', source)(require, module, module.exports);
  return module.exports(token, { host });
}

/** More rows than one default page (50), fewer than the whole-list ceiling (1000). */
const ROWS = 56;

const describeWithMirror = existsSync(MIRROR) ? describe : describe.skip;

describeWithMirror('the official Node client (papercups-node) sees complete lists', () => {
  let t: TestApp;
  let account: TestAccount;
  let client: any;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    account = await createAccount(t);
    client = officialClient(account.apiKey, `http://127.0.0.1:${port}`);

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
  afterAll(() => t.close());

  it.each(['tags', 'companies', 'issues', 'notes', 'messages', 'users'])(
    '%s.list() answers every row, not the first 50',
    async (resource) => {
      const rows = await client[resource].list();
      expect(rows).toHaveLength(ROWS);
      expect(new Set(rows.map((r: { id: string }) => r.id)).size).toBe(ROWS);
    },
  );

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

  it('the integration methods resolve, as against Papercups for an account without integrations', async () => {
    expect(await client.slack.notify({ text: 'Hello' })).toBeNull();
    expect(await client.github.repos.list()).toEqual([]);
    expect(await client.github.issues.list({ owner: 'o', repo: 'r' })).toEqual([]);
    expect(await client.github.issues.create({ owner: 'o', repo: 'r', issue: { title: 'Bug' } })).toEqual([]);
  });
});
