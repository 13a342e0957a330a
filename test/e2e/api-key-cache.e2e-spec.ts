import { createAccount, TestAccount } from '../support/factories';
import { recordQueries } from '../support/query-count';
import { createTestApp, TestApp } from '../support/test-app';

const TTL_MS = 400;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('API key cache (API_KEY_CACHE_TTL_MS)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ config: { apiKeyCacheTtlMs: TTL_MS } });
  });
  afterAll(async () => {
    await t.close();
  });

  const me = (account: TestAccount) => t.request('GET', '/api/v1/me', { headers: account.auth });

  it('serves a hot key without a database lookup', async () => {
    const account = await createAccount(t);
    // The first use looks the key up (and records last_used_at)...
    const first = await recordQueries(async () => expect((await me(account)).statusCode).toBe(200));
    expect(first.map((sql) => sql.trim().split(/\s+/)[0])).toEqual(['SELECT', 'UPDATE']);
    // ...later uses within the interval do not touch the database.
    const later = await recordQueries(async () => {
      for (let i = 0; i < 5; i++) expect((await me(account)).statusCode).toBe(200);
    });
    expect(later).toEqual([]);
  });

  it('honours a disabled user within the cache interval', async () => {
    const account = await createAccount(t);
    expect((await me(account)).statusCode).toBe(200);
    await t.db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [account.userId]);
    await sleep(TTL_MS + 100);
    const res = await me(account);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toBe(
      'Your account is disabled. Please contact your team admin to enable your account.',
    );
  });

  it('forgets a deleted key at once on the instance that deleted it', async () => {
    const account = await createAccount(t);
    expect((await me(account)).statusCode).toBe(200);
    const [key] = (
      await t.request('GET', '/api/personal_api_keys', { headers: { authorization: account.token } })
    ).json().data;
    expect(
      (await t.request('DELETE', `/api/personal_api_keys/${key.id}`, { headers: { authorization: account.token } }))
        .statusCode,
    ).toBe(204);
    expect((await me(account)).statusCode).toBe(401);
  });
});
