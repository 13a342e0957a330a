import { randomUUID, scryptSync } from 'node:crypto';
import { SessionsService } from '../../src/auth/sessions.service';
import { NOT_AUTHENTICATED } from '../support/expectations';
import { createAccount, createTeammate } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const FORBIDDEN = { error: { status: 403, message: 'Forbidden: only an admin of the account can do this' } };

/**
 * Accounts: renew tokens are single-use under concurrency, API keys per user are capped (all listable),
 * admin actions need the admin role, passwords are scrypt at OWASP's cost (rehashed at login), a password
 * change ends the other sessions, "log out everywhere" ends all, and dead sessions are pruned.
 */
describe('accounts and sessions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const me = (token: string) => t.request('GET', '/api/me', { headers: { authorization: token } });
  const login = (email: string, password: string) =>
    t.request('POST', '/api/session', { payload: { user: { email, password } } });
  const sessionsOf = async (userId: number) =>
    (await t.db.query(`SELECT count(*)::int AS n FROM user_sessions WHERE user_id = $1`, [userId]))[0].n;

  it('renews a renew token once when ten renews race', async () => {
    const a = await createAccount(t);
    const { renew_token: renewToken } = (await login(a.email, a.password)).json().data;
    const before = await sessionsOf(a.userId);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.request('POST', '/api/session/renew', { headers: { authorization: renewToken } }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, ...Array(9).fill(401)]);
    expect(await sessionsOf(a.userId)).toBe(before);
  });

  it('caps API keys at 100 per user, all of them listed', async () => {
    const a = await createAccount(t);
    await t.db.query(
      `INSERT INTO personal_api_keys (label, key_hash, key_prefix, user_id, account_id)
       SELECT 'bulk', md5(random()::text) || md5(random()::text), 'pc_bulk', $1, $2 FROM generate_series(1, 97)`,
      [a.userId, a.accountId],
    );
    const create = () =>
      t.request('POST', '/api/personal_api_keys', { headers: { authorization: a.token }, payload: { label: 'more' } });
    const raced = await Promise.all([create(), create(), create(), create()]);
    expect(raced.map((r) => r.statusCode).sort()).toEqual([201, 201, 422, 422]);
    expect(raced.find((r) => r.statusCode === 422)!.json()).toEqual({
      error: { status: 422, message: 'A user can have at most 100 personal API keys: delete one first' },
    });
    const list = await t.request('GET', '/api/personal_api_keys', { headers: { authorization: a.token } });
    expect(list.json().data).toHaveLength(100);
    await t.request('DELETE', `/api/personal_api_keys/${list.json().data[0].id}`, {
      headers: { authorization: a.token },
    });
    expect((await create()).statusCode).toBe(201);
  });

  it('refuses a user (not admin) every webhook action: subscriptions, their secrets, redelivery', async () => {
    const admin = await createAccount(t);
    const user = await createTeammate(t, admin);
    const [{ id }] = await t.db.query(
      `INSERT INTO event_subscriptions (account_id, webhook_url, secret, verified, event_types)
       VALUES ($1, 'https://example.com/hook', 'whsec_admin', true, '{customer:created}') RETURNING id`,
      [admin.accountId],
    );
    const subscription = { event_subscription: { webhook_url: 'https://example.com/other' } };
    const actions: [string, string, object?][] = [
      ['POST', '/api/v1/event_subscriptions', subscription],
      ['POST', '/api/v1/event_subscriptions/verify', { url: 'https://example.com/x' }],
      ['PUT', `/api/v1/event_subscriptions/${id}`, { event_subscription: { enabled: false } }],
      ['PATCH', `/api/v1/event_subscriptions/${id}`, { event_subscription: { enabled: false } }],
      ['POST', `/api/v1/event_subscriptions/${id}/rotate_secret`],
      ['POST', `/api/v1/event_subscriptions/${id}/deliveries/${randomUUID()}/redeliver`],
      ['DELETE', `/api/v1/event_subscriptions/${id}`],
    ];
    for (const [method, url, payload] of actions) {
      for (const auth of [user.auth, { authorization: user.token }]) {
        const path = 'authorization' in auth && !auth.authorization.startsWith('Bearer') ? url.replace('/v1', '') : url;
        const res = await t.request(method, path, { headers: auth, payload });
        expect([method, path, res.statusCode, res.json()]).toEqual([method, path, 403, FORBIDDEN]);
      }
    }
    expect(await t.db.query(`SELECT secret, disabled_at FROM event_subscriptions WHERE id = $1`, [id])).toEqual([
      { secret: 'whsec_admin', disabled_at: null },
    ]);
    // Reading stays open to every user of the account; the admin may act.
    expect((await t.request('GET', `/api/v1/event_subscriptions/${id}`, { headers: user.auth })).statusCode).toBe(200);
    const rotated = await t.request('POST', `/api/v1/event_subscriptions/${id}/rotate_secret`, { headers: admin.auth });
    expect(rotated.statusCode).toBe(200);
  });

  it('ends every other session on a password change, and refuses a wrong current password', async () => {
    const a = await createAccount(t);
    const other = (await login(a.email, a.password)).json().data;
    const mine = (await login(a.email, a.password)).json().data;
    const change = (current: string, token = mine.token) =>
      t.request('PUT', '/api/password', {
        headers: { authorization: `Bearer ${token}` },
        payload: {
          user: { current_password: current, password: 'a new password', password_confirmation: 'a new password' },
        },
      });
    const wrong = await change('not the password');
    expect([wrong.statusCode, wrong.json().error.errors]).toEqual([422, { current_password: ['is invalid'] }]);
    expect((await me(other.token)).statusCode).toBe(200);

    const ok = await change(a.password);
    expect([ok.statusCode, ok.json()]).toEqual([200, { data: {} }]);
    for (const token of [a.token, other.token]) expect((await me(token)).json()).toEqual(NOT_AUTHENTICATED);
    const renew = await t.request('POST', '/api/session/renew', { headers: { authorization: other.renew_token } });
    expect(renew.statusCode).toBe(401);
    expect((await me(mine.token)).statusCode).toBe(200);
    expect((await login(a.email, a.password)).statusCode).toBe(401);
    expect((await login(a.email, 'a new password')).statusCode).toBe(200);
    // API keys are not sessions: they keep working until deleted.
    expect((await t.request('GET', '/api/v1/me', { headers: a.auth })).statusCode).toBe(200);
  });

  it('logs out everywhere: every session of the caller ends, its own included; other users keep theirs', async () => {
    const a = await createAccount(t);
    const mate = await createTeammate(t, a);
    const other = (await login(a.email, a.password)).json().data;
    const res = await t.request('DELETE', '/api/sessions', { headers: { authorization: a.token } });
    expect([res.statusCode, res.json()]).toEqual([200, { data: {} }]);
    for (const token of [a.token, other.token]) expect((await me(token)).statusCode).toBe(401);
    expect(await sessionsOf(a.userId)).toBe(0);
    expect((await me(mate.token)).statusCode).toBe(200);
  });

  it('prunes sessions whose renew token expired, and keeps live ones', async () => {
    const a = await createAccount(t);
    await t.db.query(
      `INSERT INTO user_sessions (user_id, access_token_hash, renew_token_hash, access_expires_at, renew_expires_at)
       SELECT $1, md5(random()::text) || md5(random()::text), md5(random()::text) || md5(random()::text),
              now() - interval '31 days', now() - interval '1 second' FROM generate_series(1, 5)`,
      [a.userId],
    );
    expect(await sessionsOf(a.userId)).toBe(6);
    expect(await t.app.get(SessionsService).pruneExpired()).toBeGreaterThanOrEqual(5);
    expect(await sessionsOf(a.userId)).toBe(1);
    expect((await me(a.token)).statusCode).toBe(200);
  });
});

describe('password hashing at OWASP cost', () => {
  let t: TestApp;

  beforeAll(async () => {
    // The production default (2^17), which the other specs lower for speed.
    t = await createTestApp({ config: { passwordScryptN: 2 ** 17 } });
  });
  afterAll(() => t.close());

  it('hashes with scrypt N=2^17, r=8, p=1 and rehashes an older cost at the next login', async () => {
    const a = await createAccount(t);
    const hashOf = async () =>
      (await t.db.query(`SELECT password_hash AS h FROM users WHERE id = $1`, [a.userId]))[0].h as string;
    expect(await hashOf()).toMatch(/^scrypt\$131072\$8\$1\$/);

    const salt = Buffer.alloc(16, 3);
    const old = scryptSync(a.password, salt, 64, { N: 16384, r: 8, p: 1 });
    await t.db.query(`UPDATE users SET password_hash = $2 WHERE id = $1`, [
      a.userId,
      ['scrypt', 16384, 8, 1, salt.toString('base64'), old.toString('base64')].join('$'),
    ]);
    expect(
      (await t.request('POST', '/api/session', { payload: { user: { email: a.email, password: a.password } } }))
        .statusCode,
    ).toBe(200);
    expect(await hashOf()).toMatch(/^scrypt\$131072\$8\$1\$/);
  }, 60_000);
});
