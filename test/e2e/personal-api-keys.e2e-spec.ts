import { createHash, randomBytes } from 'node:crypto';
import { createAccount, createTeammate, form, TestAccount } from '../support/factories';
import { NAIVE_TIMESTAMP, NOT_AUTHENTICATED, UTC_TIMESTAMP, UUID } from '../support/expectations';
import { createTestApp, TestApp } from '../support/test-app';

const DISABLED = {
  error: {
    status: 401,
    message: 'Your account is disabled. Please contact your team admin to enable your account.',
  },
};
const MISSING_UUID = '00000000-0000-4000-8000-000000000000';
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

describe('personal API keys (/api/personal_api_keys) and /api/v1 authentication', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const session = (account: TestAccount) => ({ authorization: account.token });

  const createKey = async (account: TestAccount, label: string) => {
    const res = await t.request('POST', '/api/personal_api_keys', { headers: session(account), payload: { label } });
    if (res.statusCode !== 201) throw new Error(`key creation failed: ${res.body}`);
    return res.json().data as { id: string; value: string; prefix: string; created_at: string };
  };

  const me = (authorization?: string) =>
    t.request('GET', '/api/v1/me', { headers: authorization === undefined ? {} : { authorization } });

  const meBody = (account: TestAccount, role = 'admin') => ({
    data: { id: account.userId, account_id: account.accountId, email: account.email, role },
  });

  const addTeammate = (account: TestAccount) => createTeammate(t, account);

  describe('POST /api/personal_api_keys', () => {
    it('creates a key (JSON body) and shows its value once', async () => {
      const account = await createAccount(t);
      const res = await t.request('POST', '/api/personal_api_keys', {
        headers: session(account),
        payload: { label: 'My key' },
      });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toEqual({
        data: {
          id: UUID,
          object: 'personal_api_key',
          account_id: account.accountId,
          created_at: NAIVE_TIMESTAMP,
          label: 'My key',
          last_used_at: null,
          prefix: expect.any(String),
          user_id: account.userId,
          value: expect.stringMatching(/^pc_./),
        },
      });
      const { id, value, prefix } = body.data;
      expect(prefix).toBe(value.slice(0, 11));
      expect(value.length).toBeGreaterThan(30);
      expect(res.headers.location).toBe(`/api/personal_api_keys/${id}`);
    });

    it('accepts a form-encoded body and a Bearer session token', async () => {
      const account = await createAccount(t);
      const res = await t.request('POST', '/api/personal_api_keys', {
        headers: { ...form({}).headers, authorization: `Bearer ${account.token}` },
        payload: form({ label: 'ci' }).payload,
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().data).toMatchObject({ label: 'ci', user_id: account.userId, account_id: account.accountId });
      expect(res.headers.location).toBe(`/api/personal_api_keys/${res.json().data.id}`);
    });

    it('stores only a SHA-256 hash of the value', async () => {
      const account = await createAccount(t);
      const key = await createKey(account, 'hashed');
      const rows = await t.db.query('SELECT * FROM personal_api_keys WHERE id = $1', [key.id]);
      expect(rows).toHaveLength(1);
      const [row] = rows;
      expect(JSON.stringify(row)).not.toContain(key.value);
      expect(JSON.stringify(row)).not.toContain(key.value.slice(11));
      expect(row.key_hash).toBe(sha256(key.value));
      expect(row.key_prefix).toBe(key.value.slice(0, 11));
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM personal_api_keys k WHERE position($1 in row_to_json(k)::text) > 0`,
        [key.value],
      );
      expect(n).toBe(0);
    });

    it('gives every key a distinct value', async () => {
      const account = await createAccount(t);
      const a = await createKey(account, 'a');
      const b = await createKey(account, 'b');
      expect(a.value).not.toBe(b.value);
      expect(a.id).not.toBe(b.id);
    });

    it.each([
      ['a missing label', {}],
      ['a blank label', { label: '' }],
      ['a null label', { label: null }],
    ])('answers 422 for %s and writes nothing', async (_case, payload) => {
      const account = await createAccount(t);
      const before = await t.db.query('SELECT count(*)::int AS n FROM personal_api_keys');
      const res = await t.request('POST', '/api/personal_api_keys', { headers: session(account), payload });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual({
        error: { status: 422, message: 'Unprocessable Entity', errors: { label: ["can't be blank"] } },
      });
      expect(await t.db.query('SELECT count(*)::int AS n FROM personal_api_keys')).toEqual(before);
    });

    it('answers 401 without a session and writes nothing', async () => {
      const before = await t.db.query('SELECT count(*)::int AS n FROM personal_api_keys');
      const res = await t.request('POST', '/api/personal_api_keys', { payload: { label: 'nope' } });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual(NOT_AUTHENTICATED);
      expect(await t.db.query('SELECT count(*)::int AS n FROM personal_api_keys')).toEqual(before);
    });
  });

  describe('using a key on /api/v1', () => {
    it('authenticates GET /api/v1/me', async () => {
      const account = await createAccount(t);
      const key = await createKey(account, 'me');
      const res = await me(`Bearer ${key.value}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(meBody(account));
    });

    it('records last_used_at once the key has been used', async () => {
      const account = await createAccount(t);
      const key = await createKey(account, 'tracked');
      const before = await t.request('GET', `/api/personal_api_keys/${key.id}`, { headers: session(account) });
      expect(before.json().data.last_used_at).toBeNull();

      expect((await me(`Bearer ${key.value}`)).statusCode).toBe(200);

      const after = await t.request('GET', `/api/personal_api_keys/${key.id}`, { headers: session(account) });
      expect(after.statusCode).toBe(200);
      expect(after.json().data.last_used_at).toEqual(UTC_TIMESTAMP);
      const used = Date.parse(after.json().data.last_used_at);
      expect(Math.abs(Date.now() - used)).toBeLessThan(60_000);
    });
  });

  describe('GET /api/personal_api_keys', () => {
    it("lists only the caller's keys, without their values", async () => {
      const account = await createAccount(t);
      const teammate = await addTeammate(account);
      const stranger = await createAccount(t);
      await createKey(teammate, 'teammate key');
      await createKey(stranger, 'stranger key');
      const second = await createKey(account, 'second');

      const res = await t.request('GET', '/api/personal_api_keys', { headers: session(account) });
      expect(res.statusCode).toBe(200);
      const base = { object: 'personal_api_key', account_id: account.accountId, user_id: account.userId, value: null };
      expect(res.json()).toEqual({
        data: [
          {
            ...base,
            id: UUID,
            created_at: NAIVE_TIMESTAMP,
            label: 'tests',
            last_used_at: null,
            prefix: account.apiKey.slice(0, 11),
          },
          {
            ...base,
            id: second.id,
            created_at: second.created_at,
            label: 'second',
            last_used_at: null,
            prefix: second.prefix,
          },
        ],
      });
    });

    it('lists nothing after the last key is deleted', async () => {
      const account = await createAccount(t);
      const [only] = (await t.request('GET', '/api/personal_api_keys', { headers: session(account) })).json().data;
      const del = await t.request('DELETE', `/api/personal_api_keys/${only.id}`, { headers: session(account) });
      expect(del.statusCode).toBe(204);
      const res = await t.request('GET', '/api/personal_api_keys', { headers: session(account) });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ data: [] });
    });
  });

  describe('GET /api/personal_api_keys/:id', () => {
    it('shows the key without its value', async () => {
      const account = await createAccount(t);
      const created = await createKey(account, 'shown');
      const res = await t.request('GET', `/api/personal_api_keys/${created.id}`, {
        headers: { authorization: `Bearer ${account.token}` },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ data: { ...created, value: null } });
    });

    it.each([
      ['of a user of another account', async (_a: TestAccount) => (await createKey(await createAccount(t), 'x')).id],
      ['of a teammate', async (a: TestAccount) => (await createKey(await addTeammate(a), 'x')).id],
      ['that does not exist', async () => MISSING_UUID],
    ])('answers 404 for a key %s', async (_case, keyId) => {
      const account = await createAccount(t);
      const id = await keyId(account);
      const res = await t.request('GET', `/api/personal_api_keys/${id}`, { headers: session(account) });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: { status: 404, message: 'Not found' } });
    });

    it('answers 400 for an id that is not a uuid', async () => {
      const account = await createAccount(t);
      const res = await t.request('GET', '/api/personal_api_keys/not-a-uuid', { headers: session(account) });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: { status: 400, message: 'Bad Request', errors: { id: ['is invalid'] } } });
    });
  });

  describe('DELETE /api/personal_api_keys/:id', () => {
    it('revokes the key: 204, then 404, and it no longer authenticates', async () => {
      const account = await createAccount(t);
      const key = await createKey(account, 'doomed');
      expect((await me(`Bearer ${key.value}`)).statusCode).toBe(200);

      const res = await t.request('DELETE', `/api/personal_api_keys/${key.id}`, { headers: session(account) });
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      expect(await t.db.query('SELECT id FROM personal_api_keys WHERE id = $1', [key.id])).toEqual([]);

      const show = await t.request('GET', `/api/personal_api_keys/${key.id}`, { headers: session(account) });
      expect(show.statusCode).toBe(404);
      const used = await me(`Bearer ${key.value}`);
      expect(used.statusCode).toBe(401);
      expect(used.json()).toEqual(NOT_AUTHENTICATED);
      // The account's other key is untouched.
      expect((await me(`Bearer ${account.apiKey}`)).statusCode).toBe(200);
    });

    it.each([
      ['of another account', () => createAccount(t), 'admin'],
      ['of a teammate', (a: TestAccount) => addTeammate(a), 'user'],
    ])('answers 404 for a key %s, which keeps working', async (_case, makeVictim, role) => {
      const account = await createAccount(t);
      const victim = await makeVictim(account);
      const [victimKey] = (await t.request('GET', '/api/personal_api_keys', { headers: session(victim) })).json().data;
      const res = await t.request('DELETE', `/api/personal_api_keys/${victimKey.id}`, { headers: session(account) });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: { status: 404, message: 'Not found' } });
      expect(await t.db.query('SELECT id FROM personal_api_keys WHERE id = $1', [victimKey.id])).toEqual([
        { id: victimKey.id },
      ]);
      const used = await me(victim.auth.authorization);
      expect(used.statusCode).toBe(200);
      expect(used.json()).toEqual(meBody(victim, role));
    });
  });

  describe('session authentication of the key routes', () => {
    // Every session route answers 401 without a session, and for an API key raw or as Bearer:
    // tenant-isolation.e2e-spec.ts.

    it('answers 401 with the disabled message for a disabled user', async () => {
      const account = await createAccount(t);
      await t.db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [account.userId]);
      const res = await t.request('GET', '/api/personal_api_keys', { headers: session(account) });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual(DISABLED);
    });
  });

  describe('/api/v1 authentication edge cases', () => {
    it.each([
      ['no authorization header', () => undefined],
      ['a Bearer key that does not exist', () => `Bearer pc_${randomBytes(32).toString('base64url')}`],
      ['Basic credentials', () => 'Basic xyz'],
      ['a bare "Bearer"', () => 'Bearer'],
    ])('answers 401 for %s', async (_case, header) => {
      const res = await me(header());
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual(NOT_AUTHENTICATED);
    });

    it('does not take a key without the Bearer scheme', async () => {
      const account = await createAccount(t);
      const res = await me(account.apiKey);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual(NOT_AUTHENTICATED);
    });

    it('does not take a session token, raw or as Bearer', async () => {
      const account = await createAccount(t);
      for (const authorization of [account.token, `Bearer ${account.token}`]) {
        const res = await me(authorization);
        expect(res.statusCode).toBe(401);
        expect(res.json()).toEqual(NOT_AUTHENTICATED);
      }
    });

    it.each([
      ['disabled', 'disabled_at'],
      ['archived', 'archived_at'],
    ])('answers 401 with the disabled message for the key of a user who is %s', async (_case, column) => {
      // Before the key's first use: a hot key is cached (see api-key-cache.e2e-spec.ts).
      const account = await createAccount(t);
      await t.db.query(`UPDATE users SET ${column} = now() WHERE id = $1`, [account.userId]);
      const res = await me(`Bearer ${account.apiKey}`);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual(DISABLED);
    });

    it("a disabled user's key works again once the user is re-enabled", async () => {
      const account = await createAccount(t);
      await t.db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [account.userId]);
      expect((await me(`Bearer ${account.apiKey}`)).statusCode).toBe(401);
      await t.db.query('UPDATE users SET disabled_at = NULL WHERE id = $1', [account.userId]);
      const res = await me(`Bearer ${account.apiKey}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(meBody(account));
    });
  });
});
