import { createAccount, form, TestAccount } from '../support/factories';
import { NAIVE_TIMESTAMP, NOT_FOUND, unprocessable, UUID } from '../support/expectations';
import { countQueries } from '../support/query-count';
import { createTestApp, TestApp } from '../support/test-app';

describe('users, profile and user settings (/api/v1)', () => {
  let t: TestApp;
  let a: TestAccount;
  let b: TestAccount;

  beforeAll(async () => {
    t = await createTestApp();
    a = await createAccount(t);
    b = await createAccount(t);
  });
  afterAll(() => t.close());

  const userBody = (id: number, email: string, fields: Record<string, unknown> = {}) => ({
    id,
    object: 'user',
    archived_at: null,
    created_at: NAIVE_TIMESTAMP,
    disabled_at: null,
    display_name: null,
    email,
    full_name: null,
    profile_photo_url: null,
    role: 'admin',
    ...fields,
  });
  /** A teammate in the account (there is no invitation route in v1). */
  const insertUser = async (account: TestAccount, email: string, extra: { role?: string; disabled?: boolean } = {}) => {
    const [row] = await t.db.query(
      `INSERT INTO users (email, password_hash, account_id, role, disabled_at) VALUES ($1, 'x', $2, $3, $4) RETURNING id`,
      [email, account.accountId, extra.role ?? 'user', extra.disabled ? new Date() : null],
    );
    return Number(row.id);
  };

  // 401 without a key: tenant-isolation.e2e-spec.ts, for every route.

  describe('GET /api/v1/users', () => {
    it("lists the account's enabled users newest first, with email and role filters and pagination", async () => {
      const c = await createAccount(t);
      const second = await insertUser(c, `second-${c.userId}@example.com`);
      const third = await insertUser(c, `third-${c.userId}@example.com`, { role: 'admin' });
      await insertUser(c, `disabled-${c.userId}@example.com`, { disabled: true });
      const list = (query: Record<string, string> = {}) =>
        t.request('GET', '/api/v1/users', { headers: c.auth, query });

      const all = await list();
      expect(all.statusCode).toBe(200);
      expect(all.json()).toEqual({
        data: [
          userBody(third, `third-${c.userId}@example.com`),
          userBody(second, `second-${c.userId}@example.com`, { role: 'user' }),
          userBody(c.userId, c.email),
        ],
        next: null,
        previous: null,
        limit: 1000,
        total: 3,
      });
      expect((await list({ role: 'user' })).json().data.map((u: { id: number }) => u.id)).toEqual([second]);
      expect((await list({ email: c.email })).json().data.map((u: { id: number }) => u.id)).toEqual([c.userId]);
      expect((await list({ email: 'nobody@example.com' })).json().data).toEqual([]);
      expect((await list({ role: 'owner' })).statusCode).toBe(400);

      const page1 = (await list({ limit: '2' })).json();
      expect(page1.data.map((u: { id: number }) => u.id)).toEqual([third, second]);
      const page2 = (await list({ limit: '2', after: page1.next })).json();
      expect(page2).toMatchObject({ next: null, previous: expect.any(String), total: 3 });
      expect(page2.data.map((u: { id: number }) => u.id)).toEqual([c.userId]);
      const back = (await list({ limit: '2', before: page2.previous })).json();
      expect(back.data.map((u: { id: number }) => u.id)).toEqual([third, second]);
    });

    it('costs the same number of queries for 1 user as for 6 with profiles', async () => {
      const c = await createAccount(t);
      const listOnce = () => countQueries(() => t.request('GET', '/api/v1/users', { headers: c.auth }));
      await listOnce(); // the key's first use also records last_used_at
      const one = await listOnce();
      for (let i = 0; i < 5; i += 1) {
        const id = await insertUser(c, `member-${i}-${c.userId}@example.com`);
        await t.db.query('INSERT INTO user_profiles (user_id, full_name) VALUES ($1, $2)', [id, `Member ${i}`]);
      }
      const listed = (await t.request('GET', '/api/v1/users', { headers: c.auth })).json();
      expect(listed.total).toBe(6);
      expect(listed.data[0].full_name).toBe('Member 4');
      expect(await listOnce()).toBe(one);
    });

    it('rejects a cursor of another kind (UUID tie-breaker) with 400', async () => {
      const uuidCursor = Buffer.from(
        JSON.stringify([new Date().toISOString(), '7d7e1c1e-0000-4000-8000-000000000000']),
      ).toString('base64url');
      const res = await t.request('GET', '/api/v1/users', { headers: a.auth, query: { after: uuidCursor } });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: { status: 400, message: 'Invalid cursor', errors: { after: ['is invalid'] } },
      });
    });
  });

  describe('GET /api/v1/users/:id', () => {
    it('shows a user of the account', async () => {
      const res = await t.request('GET', `/api/v1/users/${a.userId}`, { headers: a.auth });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ data: userBody(a.userId, a.email) });
    });

    it('a foreign or missing user is a 404; a non-integer id is a 400', async () => {
      for (const id of [b.userId, 999_999]) {
        const res = await t.request('GET', `/api/v1/users/${id}`, { headers: a.auth });
        expect(res.statusCode).toBe(404);
        expect(res.json()).toEqual(NOT_FOUND);
      }
      for (const id of ['abc', '1.5', '0', '99999999999999999999']) {
        expect((await t.request('GET', `/api/v1/users/${id}`, { headers: a.auth })).statusCode).toBe(400);
      }
    });
  });

  describe('profile', () => {
    it('GET answers the user object without creating a profile row, with or without an id segment', async () => {
      for (const url of ['/api/v1/profile', '/api/v1/profile/anything']) {
        const res = await t.request('GET', url, { headers: b.auth });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({ data: userBody(b.userId, b.email) });
      }
      const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM user_profiles WHERE user_id = $1', [b.userId]);
      expect(n).toBe(0);
    });

    it('PUT creates the profile, a second PUT/PATCH updates only the fields sent', async () => {
      const first = await t.request('PUT', `/api/v1/profile/${a.userId}`, {
        headers: a.auth,
        payload: {
          user_profile: {
            display_name: 'Alex',
            full_name: 'Alex Reichert',
            profile_photo_url: 'https://x/p.png',
            user_id: b.userId,
          },
        },
      });
      expect(first.statusCode).toBe(200);
      expect(first.json()).toEqual({
        data: userBody(a.userId, a.email, {
          display_name: 'Alex',
          full_name: 'Alex Reichert',
          profile_photo_url: 'https://x/p.png',
        }),
      });
      const second = await t.request('PATCH', '/api/v1/profile', {
        headers: a.auth,
        payload: { user_profile: { display_name: 'Al', slack_user_id: 'U123' } },
      });
      expect(second.json()).toEqual({
        data: userBody(a.userId, a.email, {
          display_name: 'Al',
          full_name: 'Alex Reichert',
          profile_photo_url: 'https://x/p.png',
        }),
      });
      const rows = await t.db.query(
        'SELECT user_id, display_name, slack_user_id FROM user_profiles WHERE user_id IN ($1, $2)',
        [a.userId, b.userId],
      );
      expect(rows).toEqual([{ user_id: a.userId, display_name: 'Al', slack_user_id: 'U123' }]);
      expect((await t.request('GET', '/api/v1/profile/me', { headers: a.auth })).json()).toEqual(second.json());
      expect((await t.request('GET', `/api/v1/users/${a.userId}`, { headers: a.auth })).json()).toEqual(second.json());
    });

    it('accepts a form-encoded body and an empty profile', async () => {
      const c = await createAccount(t);
      const empty = await t.request('PUT', '/api/v1/profile/x', { headers: c.auth, payload: { user_profile: {} } });
      expect(empty.json()).toEqual({ data: userBody(c.userId, c.email) });
      const res = await t.request('PUT', '/api/v1/profile/x', {
        ...form({ 'user_profile[full_name]': 'Form Name' }),
        headers: { ...c.auth, ...form({}).headers },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ data: userBody(c.userId, c.email, { full_name: 'Form Name' }) });
    });

    it('rejects bad fields with 422 and a missing wrapper with 400', async () => {
      const res = await t.request('PUT', '/api/v1/profile/x', {
        headers: a.auth,
        payload: { user_profile: { full_name: 'x'.repeat(256), display_name: 5 } },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual(
        unprocessable({ full_name: ['should be at most 255 character(s)'], display_name: ['is invalid'] }),
      );
      const flat = await t.request('PUT', '/api/v1/profile/x', { headers: a.auth, payload: { full_name: 'Flat' } });
      expect(flat.statusCode).toBe(400);
    });
  });

  describe('user settings', () => {
    const settingsBody = (account: TestAccount, fields: Record<string, unknown> = {}) => ({
      id: UUID,
      object: 'user_settings',
      email_alert_on_new_conversation: false,
      email_alert_on_new_message: false,
      expo_push_token: null,
      user_id: account.userId,
      ...fields,
    });

    it('GET creates the row with defaults once, with or without an id segment', async () => {
      const c = await createAccount(t);
      const first = await t.request('GET', '/api/v1/user_settings', { headers: c.auth });
      expect(first.statusCode).toBe(200);
      expect(first.json()).toEqual({ data: settingsBody(c) });
      const second = await t.request('GET', '/api/v1/user_settings/whatever', { headers: c.auth });
      expect(second.json()).toEqual(first.json());
      const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM user_settings WHERE user_id = $1', [c.userId]);
      expect(n).toBe(1);
    });

    it('PUT/PATCH update only the fields sent (JSON or form)', async () => {
      const c = await createAccount(t);
      const on = await t.request('PUT', '/api/v1/user_settings/1', {
        headers: c.auth,
        payload: { user_settings: { email_alert_on_new_message: true, user_id: a.userId } },
      });
      expect(on.statusCode).toBe(200);
      expect(on.json()).toEqual({ data: settingsBody(c, { email_alert_on_new_message: true }) });
      const form1 = await t.request('PATCH', '/api/v1/user_settings', {
        ...form({
          'user_settings[email_alert_on_new_conversation]': 'true',
          'user_settings[expo_push_token]': 'ExponentPushToken[x]',
        }),
        headers: { ...c.auth, ...form({}).headers },
      });
      expect(form1.json()).toEqual({
        data: settingsBody(c, {
          email_alert_on_new_message: true,
          email_alert_on_new_conversation: true,
          expo_push_token: 'ExponentPushToken[x]',
        }),
      });
      const off = await t.request('PUT', '/api/v1/user_settings', {
        headers: c.auth,
        payload: { user_settings: { email_alert_on_new_message: false } },
      });
      expect(off.json().data.email_alert_on_new_message).toBe(false);
      expect((await t.request('GET', '/api/v1/user_settings', { headers: c.auth })).json()).toEqual(off.json());
      const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM user_settings WHERE user_id = $1', [a.userId]);
      expect(n).toBe(0);
    });

    it('rejects non-boolean and null flags with 422', async () => {
      const res = await t.request('PUT', '/api/v1/user_settings', {
        headers: a.auth,
        payload: { user_settings: { email_alert_on_new_message: 'maybe', email_alert_on_new_conversation: null } },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual(
        unprocessable({
          email_alert_on_new_message: ['is invalid'],
          email_alert_on_new_conversation: ["can't be blank"],
        }),
      );
    });
  });
});
