import { createHash } from 'node:crypto';
import { createAccount, createTeammate, TestAccount } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const SECRET_NOT_REPLAYED = {
  error: {
    status: 409,
    message:
      'The request with this Idempotency-Key already succeeded; its response contained a secret, which is shown only once and not repeated',
  },
};

/**
 * Idempotency-Key and secrets: a response carrying a secret is never stored (a replay says so, 409), keys
 * belong to the credential that sent them, and an interrupted request's key is released when its 30 s
 * lease lapses.
 */
describe('Idempotency-Key: secrets, credentials and leases', () => {
  let t: TestApp;
  let a: TestAccount;

  beforeAll(async () => {
    t = await createTestApp();
    a = await createAccount(t);
  });
  afterAll(() => t.close());

  const storedText = async (): Promise<string[]> =>
    (await t.db.query(`SELECT row_to_json(k)::text AS row FROM idempotency_keys k`)).map((r: { row: string }) => r.row);
  const count = async (table: string, where = 'true') =>
    (await t.db.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`))[0].n;

  it('never stores a new API key value, and answers its replay 409 without repeating it', async () => {
    const headers = { authorization: a.token, 'idempotency-key': 'new-key' };
    const first = await t.request('POST', '/api/personal_api_keys', { headers, payload: { label: 'ci' } });
    expect(first.statusCode).toBe(201);
    const { value, id } = first.json().data;
    expect(value).toMatch(/^pc_/);
    expect((await storedText()).some((row) => row.includes(value))).toBe(false);
    expect(await t.db.query(`SELECT secret, response FROM idempotency_keys WHERE key = 'new-key'`)).toEqual([
      { secret: true, response: null },
    ]);

    const again = await t.request('POST', '/api/personal_api_keys', { headers, payload: { label: 'ci' } });
    expect([again.statusCode, again.json()]).toEqual([409, SECRET_NOT_REPLAYED]);
    expect(again.body).not.toContain(value);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await count('personal_api_keys', `label = 'ci'`)).toBe(1);
    expect(
      (await t.request('GET', `/api/personal_api_keys/${id}`, { headers: { authorization: a.token } })).statusCode,
    ).toBe(200);
  });

  it('never stores a webhook signing secret (rotate_secret), and does not rotate again on replay', async () => {
    const [{ id }] = await t.db.query(
      `INSERT INTO event_subscriptions (account_id, webhook_url, secret, verified, event_types)
       VALUES ($1, 'https://example.com/hook', 'whsec_old', true, '{customer:created}') RETURNING id`,
      [a.accountId],
    );
    const rotate = () =>
      t.request('POST', `/api/v1/event_subscriptions/${id}/rotate_secret`, {
        headers: { ...a.auth, 'idempotency-key': 'rotate-1' },
      });
    const first = await rotate();
    expect(first.statusCode).toBe(200);
    const { secret } = first.json().data;
    expect((await storedText()).some((row) => row.includes(secret))).toBe(false);
    const again = await rotate();
    expect([again.statusCode, again.json()]).toEqual([409, SECRET_NOT_REPLAYED]);
    expect(again.body).not.toContain(secret);
    expect(await t.db.query(`SELECT secret FROM event_subscriptions WHERE id = $1`, [id])).toEqual([{ secret }]);
  });

  it('scopes keys to the credential: a teammate, or another API key of the same user, does not get the replay', async () => {
    const mate = await createTeammate(t, a);
    const post = (auth: Record<string, string>) =>
      t.request('POST', '/api/v1/companies', {
        headers: { ...auth, 'idempotency-key': 'shared' },
        payload: { company: { name: 'Scoped' } },
      });
    const mine = await post(a.auth);
    expect(mine.statusCode).toBe(201);
    const theirs = await post(mate.auth);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.json().data.id).not.toBe(mine.json().data.id);

    const second = await t.request('POST', '/api/personal_api_keys', {
      headers: { authorization: a.token },
      payload: { label: 'second' },
    });
    const other = await post({ authorization: `Bearer ${second.json().data.value}` });
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    // The same key from the same credential is still a replay.
    const replay = await post(a.auth);
    expect([replay.headers['idempotent-replayed'], replay.body]).toEqual(['true', mine.body]);
    expect(await count('companies', `name = 'Scoped'`)).toBe(3);
  });

  it('releases the key of an interrupted request once its lease lapses', async () => {
    const post = () =>
      t.request('POST', '/api/v1/companies', {
        headers: { ...a.auth, 'idempotency-key': 'interrupted' },
        payload: { company: { name: 'Retried' } },
      });
    // What a process killed mid-request leaves behind: a claimed key, no response, a lease in the past.
    const scope = `key:${createHash('sha256').update(a.apiKey).digest('hex')}`;
    await t.db.query(
      `INSERT INTO idempotency_keys (account_id, scope, key, request_hash, lease_expires_at)
       VALUES ($1, $2, 'interrupted', repeat('0', 64), now() - interval '1 second')`,
      [a.accountId, scope],
    );
    const res = await post();
    expect(res.statusCode).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect((await post()).headers['idempotent-replayed']).toBe('true');
    expect(await count('companies', `name = 'Retried'`)).toBe(1);
    // Finished: no lease any more (a running request holds one of 30 s, renewed every 10 s).
    expect(
      await t.db.query(`SELECT lease_expires_at AS lease FROM idempotency_keys WHERE key = 'interrupted'`),
    ).toEqual([{ lease: null }]);
  });
});
