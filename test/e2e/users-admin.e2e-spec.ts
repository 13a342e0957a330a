import { createAccount, createTeammate, TestAccount } from '../support/factories';
import { NOT_FOUND } from '../support/expectations';
import { createTestApp, TestApp } from '../support/test-app';

const FORBIDDEN = { error: { status: 403, message: 'Forbidden: only an admin of the account can do this' } };
const LAST_ADMIN = {
  error: {
    status: 422,
    message: 'An account needs at least one enabled admin: make another user admin first',
  },
};
const DISABLED = 'Your account is disabled. Please contact your team admin to enable your account.';
/** Long enough that only an explicit forget explains a key refused right after the change. */
const TTL_MS = 60_000;
const OTHER_TTL_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Issue 15 item 2: the team — disable, enable, archive, change role, delete; admins only; never zero admins. */
describe('team administration (/api/users/:id/...)', () => {
  let t: TestApp;
  let other: TestApp;
  let admin: TestAccount;

  beforeAll(async () => {
    t = await createTestApp({ config: { apiKeyCacheTtlMs: TTL_MS } });
    other = await createTestApp({ sameDatabaseAs: t, config: { apiKeyCacheTtlMs: OTHER_TTL_MS } });
    admin = await createAccount(t);
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  const as = (account: TestAccount) => ({ authorization: account.token });
  const act = (account: TestAccount, method: string, path: string, payload?: object) =>
    t.request(method, path, { headers: as(account), payload });
  const keyWorks = async (app: TestApp, account: TestAccount) =>
    (await app.request('GET', '/api/v1/me', { headers: account.auth })).statusCode;
  const sessionWorks = async (account: TestAccount) =>
    (await t.request('GET', '/api/me', { headers: as(account) })).statusCode;

  it('a user gets 403 on every admin-only action, and nothing changes', async () => {
    const user = await createTeammate(t, admin);
    const target = await createTeammate(t, admin);
    const before = await t.db.query(
      `SELECT id, role, disabled_at, archived_at FROM users WHERE account_id = $1 ORDER BY id`,
      [admin.accountId],
    );
    const actions: [string, string, object?][] = [
      ['POST', `/api/users/${target.userId}/disable`],
      ['POST', `/api/users/${target.userId}/enable`],
      ['POST', `/api/users/${target.userId}/archive`],
      ['PUT', `/api/users/${target.userId}/role`, { role: 'admin' }],
      ['PUT', `/api/users/${user.userId}/role`, { role: 'admin' }],
      ['DELETE', `/api/users/${target.userId}`],
      ['DELETE', `/api/users/${admin.userId}`],
      ['PUT', '/api/accounts/me', { account: { company_name: 'x' } }],
      ['DELETE', '/api/accounts/me'],
      ['POST', '/api/inboxes', { inbox: { name: 'x' } }],
    ];
    for (const [method, path, payload] of actions) {
      const res = await act(user, method, path, payload);
      expect([method, path, res.statusCode, res.json()]).toEqual([method, path, 403, FORBIDDEN]);
    }
    const after = await t.db.query(
      `SELECT id, role, disabled_at, archived_at FROM users WHERE account_id = $1 ORDER BY id`,
      [admin.accountId],
    );
    expect(after).toEqual(before);
  });

  it("disable: the user's session and key stop at once here, within the cache interval on another instance", async () => {
    const user = await createTeammate(t, admin);
    expect([await keyWorks(t, user), await keyWorks(other, user), await sessionWorks(user)]).toEqual([200, 200, 200]);
    const res = await act(admin, 'POST', `/api/users/${user.userId}/disable`);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual(expect.objectContaining({ id: user.userId, disabled_at: expect.any(String) }));
    // This instance forgot the cached key (its TTL is a minute); the session is checked on every request.
    expect(await keyWorks(t, user)).toBe(401);
    expect(await sessionWorks(user)).toBe(401);
    expect((await t.request('GET', '/api/me', { headers: as(user) })).json().error.message).toBe(DISABLED);
    // The other instance had it cached: refused once its (short) interval has passed.
    await sleep(OTHER_TTL_MS + 100);
    expect(await keyWorks(other, user)).toBe(401);
    // Disabled users stay in GET /api/accounts/me (not archived) and out of GET /api/users.
    const users = (await act(admin, 'GET', '/api/users')).json().data.map((u: { id: number }) => u.id);
    expect(users).not.toContain(user.userId);
    const enabled = await act(admin, 'POST', `/api/users/${user.userId}/enable`);
    expect(enabled.json().data.disabled_at).toBeNull();
    expect([await keyWorks(t, user), await sessionWorks(user)]).toEqual([200, 200]);
  });

  it('archive hides the user from the account and ends their access; nobody acts on themselves', async () => {
    const user = await createTeammate(t, admin);
    expect(await keyWorks(t, user)).toBe(200);
    const res = await act(admin, 'POST', `/api/users/${user.userId}/archive`);
    expect(res.json().data.archived_at).toEqual(expect.any(String));
    expect(await keyWorks(t, user)).toBe(401);
    const account = (await act(admin, 'GET', '/api/accounts/me')).json().data;
    expect(account.users.map((u: { id: number }) => u.id)).not.toContain(user.userId);
    for (const action of ['disable', 'enable', 'archive']) {
      const self = await act(admin, 'POST', `/api/users/${admin.userId}/${action}`);
      expect([action, self.statusCode, self.json().error.message]).toEqual([
        action,
        400,
        `You cannot ${action} yourself.`,
      ]);
    }
  });

  it('changes roles; a promoted user may then act as an admin, a demoted one may not', async () => {
    const user = await createTeammate(t, admin);
    const promoted = await act(admin, 'PUT', `/api/users/${user.userId}/role`, { role: 'admin' });
    expect(promoted.json().data.role).toBe('admin');
    // The key cached with role "user" was forgotten: the new role applies at once.
    expect((await t.request('GET', '/api/v1/me', { headers: user.auth })).json().data.role).toBe('admin');
    expect((await act(user, 'PUT', `/api/users/${admin.userId}/role`, { role: 'admin' })).statusCode).toBe(200);
    const demoted = await act(admin, 'PUT', `/api/users/${user.userId}/role`, { role: 'user' });
    expect(demoted.json().data.role).toBe('user');
    expect((await act(user, 'PUT', `/api/users/${admin.userId}/role`, { role: 'admin' })).statusCode).toBe(403);
    const bad = await act(admin, 'PUT', `/api/users/${user.userId}/role`, { role: 'owner' });
    expect([bad.statusCode, bad.json().error.message]).toEqual([400, "Role must be either 'user' or 'admin'"]);
  });

  it('the last admin cannot be demoted, disabled, archived or deleted', async () => {
    const solo = await createAccount(t);
    const mate = await createTeammate(t, solo);
    expect((await act(solo, 'PUT', `/api/users/${solo.userId}/role`, { role: 'user' })).json()).toEqual(LAST_ADMIN);
    expect((await act(solo, 'DELETE', `/api/users/${solo.userId}`)).json()).toEqual(LAST_ADMIN);
    // With a second admin, the first may step down; then the second is the last one.
    await act(solo, 'PUT', `/api/users/${mate.userId}/role`, { role: 'admin' });
    expect((await act(solo, 'PUT', `/api/users/${solo.userId}/role`, { role: 'user' })).statusCode).toBe(200);
    expect((await act(mate, 'PUT', `/api/users/${mate.userId}/role`, { role: 'user' })).json()).toEqual(LAST_ADMIN);
    expect((await act(mate, 'DELETE', `/api/users/${mate.userId}`)).json()).toEqual(LAST_ADMIN);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM users WHERE account_id = $1 AND role = 'admin' AND disabled_at IS NULL`,
      [solo.accountId],
    );
    expect(n).toBe(1);
  });

  it('two admins disabling each other at the same time leave one enabled admin', async () => {
    for (let round = 0; round < 5; round++) {
      const first = await createAccount(t);
      const second = await createTeammate(t, first);
      await act(first, 'PUT', `/api/users/${second.userId}/role`, { role: 'admin' });
      const results = await Promise.all([
        act(first, 'POST', `/api/users/${second.userId}/disable`),
        act(second, 'POST', `/api/users/${first.userId}/disable`),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual(expect.arrayContaining([200]));
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM users WHERE account_id = $1 AND role = 'admin' AND disabled_at IS NULL`,
        [first.accountId],
      );
      expect(n).toBe(1);
    }
  });

  it('deletes a user ({"data":{"ok":true}}): their session and key stop at once; another account\'s user is a 404', async () => {
    const user = await createTeammate(t, admin);
    expect(await keyWorks(t, user)).toBe(200);
    const res = await act(admin, 'DELETE', `/api/users/${user.userId}`);
    expect([res.statusCode, res.json()]).toEqual([200, { data: { ok: true } }]);
    expect([await keyWorks(t, user), await sessionWorks(user)]).toEqual([401, 401]);
    const stranger = await createAccount(t);
    for (const [method, path] of [
      ['POST', `/api/users/${stranger.userId}/disable`],
      ['PUT', `/api/users/${stranger.userId}/role`],
      ['DELETE', `/api/users/${stranger.userId}`],
    ]) {
      const res = await act(admin, method, path, { role: 'user' });
      expect([method, path, res.statusCode, res.json()]).toEqual([method, path, 404, NOT_FOUND]);
    }
    expect(await sessionWorks(stranger)).toBe(200);
  });
});
