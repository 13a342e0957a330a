import { createAccount, createTeammate, TestAccount } from '../support/factories';
import { NAIVE_TIMESTAMP, NOT_FOUND, unprocessable, UTC_TIMESTAMP, UUID } from '../support/expectations';
import { createTestApp, TestApp } from '../support/test-app';

const FORBIDDEN = { error: { status: 403, message: 'Forbidden: only an admin of the account can do this' } };
const password = 'a long enough password';

/** Issue 15 item 2: invitations, the invitation mail, and registration with `invite_token`. */
describe('user invitations and registration with invite_token', () => {
  let t: TestApp;
  let admin: TestAccount;
  let mate: TestAccount;
  const logged: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createAccount(t, { company_name: 'Inviting Co' });
    mate = await createTeammate(t, admin);
  });
  afterAll(() => t.close());

  const as = (account: TestAccount) => ({ authorization: account.token });
  const act = (account: TestAccount, method: string, path: string, payload?: object) =>
    t.request(method, path, { headers: as(account), payload });
  const register = (user: Record<string, unknown>) => t.request('POST', '/api/registration', { payload: { user } });
  const newcomer = (fields: Record<string, unknown> = {}) => ({
    email: `new-${Math.random().toString(36).slice(2, 10)}@example.com`,
    password,
    password_confirmation: password,
    ...fields,
  });
  const invite = async () => (await act(admin, 'POST', '/api/user_invitations', { user_invitation: {} })).json().data;

  it('creates (generateUserInvitation), lists, shows, updates and deletes invitations', async () => {
    const res = await act(admin, 'POST', '/api/user_invitations', { user_invitation: {} });
    expect(res.statusCode).toBe(201);
    const invitation = res.json().data;
    expect(invitation).toEqual({
      id: UUID,
      object: 'user_invitation',
      account_id: admin.accountId,
      created_at: NAIVE_TIMESTAMP,
      expires_at: UTC_TIMESTAMP,
    });
    // Three days, as in Papercups.
    const days = (Date.parse(invitation.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(2.9);
    expect(days).toBeLessThanOrEqual(3);
    expect(res.headers.location).toBe(`/api/user_invitations/${invitation.id}`);
    expect((await act(admin, 'GET', '/api/user_invitations')).json().data.map((i: { id: string }) => i.id)).toContain(
      invitation.id,
    );
    expect((await act(admin, 'GET', `/api/user_invitations/${invitation.id}`)).json().data).toEqual(invitation);
    const later = '2099-01-01T00:00:00Z';
    const updated = await act(admin, 'PUT', `/api/user_invitations/${invitation.id}`, {
      user_invitation: { expires_at: later },
    });
    expect(updated.json().data.expires_at).toBe('2099-01-01T00:00:00Z');
    expect((await act(admin, 'DELETE', `/api/user_invitations/${invitation.id}`)).statusCode).toBe(204);
    expect((await act(admin, 'GET', `/api/user_invitations/${invitation.id}`)).json()).toEqual(NOT_FOUND);
    // No body at all works like `{}`.
    expect((await t.request('POST', '/api/user_invitations', { headers: as(admin) })).statusCode).toBe(201);
  });

  it('is for admins: a user gets 403 on every invitation route', async () => {
    const { id } = await invite();
    const attempts: [string, string, object?][] = [
      ['GET', '/api/user_invitations'],
      ['POST', '/api/user_invitations', { user_invitation: {} }],
      ['GET', `/api/user_invitations/${id}`],
      ['PUT', `/api/user_invitations/${id}`, { user_invitation: { expires_at: '2099-01-01T00:00:00Z' } }],
      ['PATCH', `/api/user_invitations/${id}`, { user_invitation: { expires_at: '2099-01-01T00:00:00Z' } }],
      ['DELETE', `/api/user_invitations/${id}`],
      ['POST', '/api/user_invitation_emails', { to_address: 'friend@example.com' }],
    ];
    for (const [method, path, payload] of attempts) {
      const res = await act(mate, method, path, payload);
      expect([method, path, res.statusCode, res.json()]).toEqual([method, path, 403, FORBIDDEN]);
    }
    expect((await act(admin, 'GET', `/api/user_invitations/${id}`)).statusCode).toBe(200);
  });

  it('registering with invite_token joins the inviting account as a user; the token works once', async () => {
    const { id } = await invite();
    const fields = newcomer({ invite_token: id });
    const res = await register(fields);
    expect(res.statusCode).toBe(200);
    const session = res.json().data;
    expect(session).toEqual(expect.objectContaining({ account_id: admin.accountId, email: fields.email }));
    const me = await t.request('GET', '/api/me', { headers: { authorization: session.token } });
    expect(me.json().data).toEqual(expect.objectContaining({ account_id: admin.accountId, role: 'user' }));
    const team = (await act(admin, 'GET', '/api/accounts/me')).json().data.users.map((u: { email: string }) => u.email);
    expect(team).toContain(fields.email);
    // No new account was made.
    expect(await t.db.query(`SELECT 1 FROM accounts WHERE company_name IS NULL`)).toEqual([]);
    const again = await register(newcomer({ invite_token: id }));
    expect([again.statusCode, again.json()]).toEqual([
      403,
      { error: { status: 403, message: 'Invitation token has expired' } },
    ]);
  });

  it('an unknown or expired token is a 403, as in Papercups', async () => {
    for (const token of ['8a0bf163-f112-4f56-9fd3-55c6a43aa0ff', 'not-a-token']) {
      const res = await register(newcomer({ invite_token: token }));
      expect([token, res.statusCode, res.json()]).toEqual([
        token,
        403,
        { error: { status: 403, message: 'Invalid invitation token' } },
      ]);
    }
    const { id } = await invite();
    await act(admin, 'PUT', `/api/user_invitations/${id}`, { user_invitation: { expires_at: '2020-01-01T00:00:00Z' } });
    const res = await register(newcomer({ invite_token: id }));
    expect([res.statusCode, res.json().error.message]).toEqual([403, 'Invitation token has expired']);
  });

  it('registration answers every field error at once', async () => {
    const res = await register({ email: admin.email, password: 'short', password_confirmation: 'other' });
    expect(res.json()).toEqual(
      unprocessable({
        email: ['has already been taken'],
        password: ['should be at least 8 character(s)'],
        password_confirmation: ['does not match confirmation'],
        company_name: ["can't be blank"],
      }),
    );
    const mismatch = await register({ ...newcomer(), password_confirmation: 'different', company_name: 'X' });
    expect(mismatch.json()).toEqual(unprocessable({ password_confirmation: ['does not match confirmation'] }));
    // A taken email is found whatever its case.
    const taken = await register({ ...newcomer(), email: admin.email.toUpperCase(), company_name: 'X' });
    expect(taken.json()).toEqual(unprocessable({ email: ['has already been taken'] }));
  });

  it('POST /api/user_invitation_emails mails a registration link with a fresh invitation', async () => {
    const warn = jest.spyOn((await import('@nestjs/common')).Logger.prototype, 'warn').mockImplementation((m) => {
      logged.push(String(m));
    });
    try {
      const res = await act(admin, 'POST', '/api/user_invitation_emails', { to_address: 'friend@example.com' });
      expect([res.statusCode, res.json()]).toEqual([201, { data: {} }]);
    } finally {
      warn.mockRestore();
    }
    const [row] = await t.db.query(
      `SELECT id FROM user_invitations WHERE account_id = $1 AND email = 'friend@example.com'`,
      [admin.accountId],
    );
    const mail = logged.find((line) => line.includes('friend@example.com'))!;
    expect(mail).toContain('has invited you to join Inviting Co on Papercups!');
    expect(mail).toContain(`/register/${row.id}?email=friend%40example.com`);
    const bad = await act(admin, 'POST', '/api/user_invitation_emails', { to_address: 'nope' });
    expect(bad.json()).toEqual(unprocessable({ to_address: ['has invalid format'] }));
  });
});
