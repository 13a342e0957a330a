import { createAccount, createConversation, createTeammate, TestAccount } from '../support/factories';
import { NAIVE_TIMESTAMP, NOT_FOUND, unprocessable, UUID } from '../support/expectations';
import { createTestApp, TestApp } from '../support/test-app';

const FORBIDDEN = { error: { status: 403, message: 'Forbidden: only an admin of the account can do this' } };

/** Issue 15 item 3: the dashboard's account settings and inboxes. */
describe('accounts (/api/accounts) and inboxes (/api/inboxes)', () => {
  let t: TestApp;
  let a: TestAccount;
  let mate: TestAccount;

  beforeAll(async () => {
    t = await createTestApp();
    a = await createAccount(t, { company_name: 'Acme' });
    mate = await createTeammate(t, a);
  });
  afterAll(() => t.close());

  const as = (account: TestAccount) => ({ authorization: account.token });
  const call = (method: string, path: string, account = a, payload?: object) =>
    t.request(method, path, { headers: as(account), payload });

  describe('GET /api/accounts/me', () => {
    it("answers Papercups' account.json: users (archived left out), working hours, settings", async () => {
      await t.db.query(
        `INSERT INTO users (email, password_hash, account_id, role, archived_at)
        VALUES ('gone@example.com', 'x', $1, 'user', now())`,
        [a.accountId],
      );
      const res = await call('GET', '/api/accounts/me', mate);
      expect(res.statusCode).toBe(200);
      const account = res.json().data;
      expect(account).toEqual({
        id: a.accountId,
        object: 'account',
        company_name: 'Acme',
        company_logo_url: null,
        current_minutes_since_midnight: null,
        is_outside_working_hours: false,
        settings: null,
        subscription_plan: 'team',
        time_zone: null,
        users: expect.any(Array),
        widget_settings: [],
        working_hours: [],
      });
      expect(account.users.map((u: { email: string }) => u.email)).toEqual([a.email, mate.email]);
      expect(account.users[0]).toEqual(
        expect.objectContaining({ id: a.userId, role: 'admin', created_at: NAIVE_TIMESTAMP }),
      );
    });
  });

  describe('PUT / PATCH / DELETE /api/accounts/:id', () => {
    it('updates company name, logo, time zone, working hours and settings (me or the own id)', async () => {
      const res = await call('PUT', '/api/accounts/me', a, {
        account: {
          company_name: 'Acme Corp',
          company_logo_url: 'https://acme.example/logo.png',
          time_zone: 'America/New_York',
          working_hours: [{ day: 'everyday', start_minute: 0, end_minute: 1440 }],
          settings: { conversation_reminders_enabled: true, conversation_reminder_hours_interval: 24 },
        },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toEqual(
        expect.objectContaining({
          company_name: 'Acme Corp',
          company_logo_url: 'https://acme.example/logo.png',
          time_zone: 'America/New_York',
          working_hours: [{ day: 'everyday', start_minute: 0, end_minute: 1440 }],
          settings: {
            disable_automated_reply_emails: null,
            conversation_reminders_enabled: true,
            conversation_reminder_hours_interval: 24,
            max_num_conversation_reminders: null,
          },
          is_outside_working_hours: false,
          current_minutes_since_midnight: expect.any(Number),
        }),
      );
      // Only what is sent changes; the own id works like `me`.
      const patched = await call('PATCH', `/api/accounts/${a.accountId}`, a, { account: { working_hours: [] } });
      expect(patched.json().data).toEqual(
        expect.objectContaining({ company_name: 'Acme Corp', working_hours: [], is_outside_working_hours: true }),
      );
    });

    it('answers every field error at once, and another id as a 404', async () => {
      const res = await call('PUT', '/api/accounts/me', a, {
        account: {
          company_name: null,
          time_zone: 'Mars/Olympus',
          working_hours: [{ day: 'someday', start_minute: -1, end_minute: 2000 }],
          settings: { conversation_reminders_enabled: 'maybe' },
        },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual(
        unprocessable({
          company_name: ["can't be blank"],
          time_zone: ['is invalid'],
          working_hours: { 0: { day: ['is invalid'], start_minute: ['is invalid'], end_minute: ['is invalid'] } },
          settings: { conversation_reminders_enabled: ['is invalid'] },
        }),
      );
      const other = await createAccount(t);
      expect(
        (await call('PUT', `/api/accounts/${other.accountId}`, a, { account: { company_name: 'x' } })).json(),
      ).toEqual(NOT_FOUND);
      expect((await call('DELETE', `/api/accounts/${other.accountId}`)).json()).toEqual(NOT_FOUND);
      expect((await call('GET', '/api/accounts/me', other)).json().data.company_name).toBe('Acme');
    });

    it('is for admins: a user gets 403 on PUT, PATCH and DELETE, and nothing changes', async () => {
      for (const method of ['PUT', 'PATCH', 'DELETE']) {
        const res = await call(method, '/api/accounts/me', mate, { account: { company_name: 'Hijacked' } });
        expect([method, res.statusCode, res.json()]).toEqual([method, 403, FORBIDDEN]);
      }
      expect((await call('GET', '/api/accounts/me')).json().data.company_name).toBe('Acme Corp');
    });

    it('deletes the account with everything in it; its session and its API key stop working at once', async () => {
      const doomed = await createAccount(t);
      await createConversation(t, doomed);
      expect((await t.request('GET', '/api/v1/me', { headers: doomed.auth })).statusCode).toBe(200); // cached now
      expect((await call('DELETE', '/api/accounts/me', doomed)).statusCode).toBe(204);
      expect((await t.request('GET', '/api/v1/me', { headers: doomed.auth })).statusCode).toBe(401);
      expect((await call('GET', '/api/accounts/me', doomed)).statusCode).toBe(401);
      const left = await t.db.query(
        `SELECT (SELECT count(*) FROM users WHERE account_id = $1)::int + (SELECT count(*) FROM conversations WHERE account_id = $1)::int AS n`,
        [doomed.accountId],
      );
      expect(left).toEqual([{ n: 0 }]);
    });
  });

  describe('inboxes', () => {
    it('GET /api/inboxes/primary: the inbox registration created, where conversations land', async () => {
      const res = await call('GET', '/api/inboxes/primary', mate);
      expect(res.statusCode).toBe(200);
      const primary = res.json().data;
      expect(primary).toEqual({
        id: UUID,
        object: 'inbox',
        account_id: a.accountId,
        created_at: NAIVE_TIMESTAMP,
        description: expect.stringContaining('primary Papercups inbox'),
        is_primary: true,
        is_private: false,
        name: 'Primary Inbox',
        slug: null,
        updated_at: NAIVE_TIMESTAMP,
      });
      expect((await createConversation(t, a)).inbox_id).toBe(primary.id);
      expect((await t.request('GET', '/api/v1/inboxes/primary', { headers: a.auth })).json().data.id).toBe(primary.id);
    });

    it('creates, lists (primary first), shows, updates and deletes', async () => {
      const created = await call('POST', '/api/inboxes', a, { inbox: { name: 'Sales', description: 'Leads' } });
      expect(created.statusCode).toBe(201);
      const sales = created.json().data;
      expect(sales).toEqual(expect.objectContaining({ name: 'Sales', description: 'Leads', is_primary: false }));
      expect(created.headers.location).toBe(`/api/inboxes/${sales.id}`);
      const list = (await call('GET', '/api/inboxes', mate)).json().data;
      expect(list.map((i: { name: string }) => i.name)).toEqual(['Primary Inbox', 'Sales']);
      expect((await call('GET', `/api/inboxes/${sales.id}`, mate)).json().data).toEqual(sales);
      const renamed = await call('PUT', `/api/inboxes/${sales.id}`, a, {
        inbox: { name: 'Sales EU', is_private: true },
      });
      expect(renamed.json().data).toEqual(expect.objectContaining({ name: 'Sales EU', is_private: true }));
      expect((await call('DELETE', `/api/inboxes/${sales.id}`)).statusCode).toBe(204);
      expect((await call('GET', `/api/inboxes/${sales.id}`)).json()).toEqual(NOT_FOUND);
      expect((await call('POST', '/api/inboxes', a, { inbox: {} })).json()).toEqual(
        unprocessable({ name: ["can't be blank"] }),
      );
    });

    it('keeps exactly one primary: making another primary moves the flag; the primary cannot be unflagged or deleted', async () => {
      const old = (await call('GET', '/api/inboxes/primary')).json().data;
      const next = (await call('POST', '/api/inboxes', a, { inbox: { name: 'Support', is_primary: true } })).json()
        .data;
      expect(next.is_primary).toBe(true);
      expect((await call('GET', '/api/inboxes/primary')).json().data.id).toBe(next.id);
      expect((await call('GET', `/api/inboxes/${old.id}`)).json().data.is_primary).toBe(false);
      const keep = unprocessable({
        is_primary: ['an account keeps one primary inbox: make another inbox primary instead'],
      });
      expect((await call('PUT', `/api/inboxes/${next.id}`, a, { inbox: { is_primary: false } })).json()).toEqual(keep);
      expect((await call('DELETE', `/api/inboxes/${next.id}`)).json()).toEqual(keep);
      await call('PATCH', `/api/inboxes/${old.id}`, a, { inbox: { is_primary: true } });
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM inboxes WHERE account_id = $1 AND is_primary`, [
        a.accountId,
      ]);
      expect(n).toBe(1);
    });

    it('is for admins to change: a user gets 403 on create, update and delete', async () => {
      const { id } = (await call('GET', '/api/inboxes/primary')).json().data;
      const attempts: [string, string][] = [
        ['POST', '/api/inboxes'],
        ['PUT', `/api/inboxes/${id}`],
        ['PATCH', `/api/inboxes/${id}`],
        ['DELETE', `/api/inboxes/${id}`],
      ];
      for (const [method, path] of attempts) {
        const res = await call(method, path, mate, { inbox: { name: 'Mine' } });
        expect([method, path, res.statusCode, res.json()]).toEqual([method, path, 403, FORBIDDEN]);
        const key = await t.request(method, path.replace('/api/', '/api/v1/'), {
          headers: mate.auth,
          payload: { inbox: { name: 'Mine' } },
        });
        expect([method, path, key.statusCode]).toEqual([method, path, 403]);
      }
      const names = await t.db.query(`SELECT name FROM inboxes WHERE account_id = $1 AND name = 'Mine'`, [a.accountId]);
      expect(names).toEqual([]);
    });
  });
});
