import { createAccount } from '../support/factories';
import { NOT_AUTHENTICATED, UUID } from '../support/expectations';
import { createTestApp, TestApp } from '../support/test-app';

const DISABLED = {
  error: {
    status: 401,
    message: 'Your account is disabled. Please contact your team admin to enable your account.',
  },
};

describe('registration and sessions (/api)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const register = (user: Record<string, unknown>) => t.request('POST', '/api/registration', { payload: { user } });

  describe('POST /api/registration', () => {
    it('creates an account, an admin user and a primary inbox, and returns tokens', async () => {
      const res = await register({
        email: '  New.Person@Example.COM ',
        password: 'secret-password',
        password_confirmation: 'secret-password',
        company_name: 'Widgets Inc',
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toEqual({
        data: {
          user_id: expect.any(Number),
          email: 'new.person@example.com',
          account_id: UUID,
          token: expect.stringMatching(/^pcs_/),
          renew_token: expect.stringMatching(/^pcr_/),
        },
      });
      const [user] = await t.db.query('SELECT role, password_hash FROM users WHERE id = $1', [body.data.user_id]);
      expect(user.role).toBe('admin');
      expect(user.password_hash).toMatch(/^scrypt\$/);
      expect(user.password_hash).not.toContain('secret-password');
      const inboxes = await t.db.query('SELECT name, is_primary FROM inboxes WHERE account_id = $1', [
        body.data.account_id,
      ]);
      expect(inboxes).toEqual([{ name: 'Primary Inbox', is_primary: true }]);
      const [account] = await t.db.query('SELECT company_name FROM accounts WHERE id = $1', [body.data.account_id]);
      expect(account.company_name).toBe('Widgets Inc');
    });

    it('ignores a client-supplied role and account_id', async () => {
      const other = await createAccount(t);
      const res = await register({
        email: 'sneaky@example.com',
        password: 'secret-password',
        password_confirmation: 'secret-password',
        company_name: 'Sneaky',
        role: 'user',
        account_id: other.accountId,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().data.account_id).not.toBe(other.accountId);
      const [user] = await t.db.query('SELECT role FROM users WHERE id = $1', [res.json().data.user_id]);
      expect(user.role).toBe('admin');
    });

    it('answers 422 with every field error', async () => {
      const res = await register({ email: 'not-an-email', password: 'short', company_name: '' });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual({
        error: {
          status: 422,
          message: 'Unprocessable Entity',
          errors: {
            email: ['has invalid format'],
            password: ['should be at least 8 character(s)'],
            password_confirmation: ["can't be blank"],
            company_name: ["can't be blank"],
          },
        },
      });
    });

    it('rejects a confirmation that does not match', async () => {
      const res = await register({
        email: 'mismatch@example.com',
        password: 'secret-password',
        password_confirmation: 'other-password',
        company_name: 'Acme',
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.errors).toEqual({ password_confirmation: ['does not match confirmation'] });
    });

    it('rejects an email that is already taken, whatever its case', async () => {
      const existing = await createAccount(t);
      const res = await register({
        email: existing.email.toUpperCase(),
        password: 'secret-password',
        password_confirmation: 'secret-password',
        company_name: 'Acme',
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.errors).toEqual({ email: ['has already been taken'] });
    });

    it('answers 400 without the user wrapper, and writes nothing', async () => {
      const before = await t.db.query('SELECT count(*)::int AS n FROM accounts');
      const res = await t.request('POST', '/api/registration', { payload: { email: 'flat@example.com' } });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: { status: 400, message: 'Missing parameter: user', errors: { user: ['is required'] } },
      });
      expect(await t.db.query('SELECT count(*)::int AS n FROM accounts')).toEqual(before);
    });

    it('accepts a form-encoded body with bracket keys', async () => {
      const res = await t.request('POST', '/api/registration', {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload:
          'user[email]=form@example.com&user[password]=secret-password&user[password_confirmation]=secret-password&user[company_name]=Form+Co',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().data.email).toBe('form@example.com');
    });
  });

  describe('POST /api/session', () => {
    it('logs in with a case-insensitive email', async () => {
      const account = await createAccount(t);
      const res = await t.request('POST', '/api/session', {
        payload: { user: { email: account.email.toUpperCase(), password: account.password } },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        data: {
          user_id: account.userId,
          email: account.email,
          account_id: account.accountId,
          token: expect.stringMatching(/^pcs_/),
          renew_token: expect.stringMatching(/^pcr_/),
        },
      });
    });

    it.each([
      ['a wrong password', (email: string) => ({ email, password: 'wrong-password' })],
      ['an unknown email', () => ({ email: 'nobody@example.com', password: 'whatever-password' })],
    ])('answers 401 for %s', async (_case, user) => {
      const account = await createAccount(t);
      const res = await t.request('POST', '/api/session', { payload: { user: user(account.email) } });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ error: { status: 401, message: 'Invalid email or password' } });
    });

    it('answers 401 with the disabled message for a disabled user', async () => {
      const account = await createAccount(t);
      await t.db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [account.userId]);
      const res = await t.request('POST', '/api/session', {
        payload: { user: { email: account.email, password: account.password } },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual(DISABLED);
    });
  });

  describe('POST /api/session/renew', () => {
    it('trades a renew token for a new pair, once', async () => {
      const account = await createAccount(t);
      const login = await t.request('POST', '/api/session', {
        payload: { user: { email: account.email, password: account.password } },
      });
      const { renew_token: renewToken } = login.json().data;
      const renewed = await t.request('POST', '/api/session/renew', { headers: { authorization: renewToken } });
      expect(renewed.statusCode).toBe(200);
      const fresh = renewed.json().data;
      expect(fresh.token).not.toBe(login.json().data.token);
      expect((await t.request('GET', '/api/me', { headers: { authorization: fresh.token } })).statusCode).toBe(200);

      const again = await t.request('POST', '/api/session/renew', { headers: { authorization: renewToken } });
      expect(again.statusCode).toBe(401);
      expect(again.json()).toEqual({ error: { status: 401, message: 'Invalid token' } });
    });
  });

  describe('DELETE /api/session', () => {
    it('ends the session', async () => {
      const account = await createAccount(t);
      const res = await t.request('DELETE', '/api/session', { headers: { authorization: account.token } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ data: {} });
      const me = await t.request('GET', '/api/me', { headers: { authorization: account.token } });
      expect(me.statusCode).toBe(401);
      expect(me.json()).toEqual(NOT_AUTHENTICATED);
    });
  });

  describe('GET /api/me', () => {
    it('takes the session token raw or as Bearer', async () => {
      const account = await createAccount(t);
      const expected = {
        data: { id: account.userId, account_id: account.accountId, email: account.email, role: 'admin' },
      };
      for (const authorization of [account.token, `Bearer ${account.token}`]) {
        const res = await t.request('GET', '/api/me', { headers: { authorization } });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual(expected);
      }
    });

    it('does not take an API key (those are for /api/v1)', async () => {
      const account = await createAccount(t);
      const res = await t.request('GET', '/api/me', { headers: account.auth });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual(NOT_AUTHENTICATED);
    });
  });
});
