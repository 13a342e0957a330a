import { loadConfig } from '../../src/config/app.config';
import { createAccount, TestAccount } from '../support/factories';
import { unprocessable } from '../support/expectations';
import { linkToken, SmtpReceiver } from '../support/smtp-receiver';
import { createTestApp, TestApp } from '../support/test-app';

const INVALID_LINK = { error: { status: 401, message: 'Invalid or expired password reset link' } };
const INVALID_VERIFICATION = { error: { status: 401, message: 'Invalid verification token' } };

describe('passwords and email (/api/reset_password, /api/verify_email)', () => {
  const smtp = new SmtpReceiver();
  let t: TestApp;
  let a: TestAccount;
  beforeAll(async () => {
    await smtp.start();
    const base = loadConfig();
    t = await createTestApp({
      config: { mail: { ...base.mail, smtpUrl: smtp.url, appUrl: 'https://desk.example.com' } },
    });
    a = await createAccount(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  /** The previous links are made older than a minute first (a user gets at most one reset mail a minute). */
  const requestReset = async (email: string) => {
    await t.db.query(`UPDATE user_tokens SET created_at = created_at - interval '2 minutes'`);
    return t.request('POST', '/api/reset_password', { payload: { email } });
  };
  const resetMail = async (email: string, before: number) =>
    smtp.waitFor(() =>
      smtp
        .to(email)
        .slice(before)
        .find((m) => m.subject.includes('reset your password')),
    );
  const reset = (token: string, password = 'a new long password', confirmation = password) =>
    t.request('PUT', '/api/reset_password', {
      payload: { token, password, password_confirmation: confirmation },
    });
  const login = (email: string, password: string) =>
    t.request('POST', '/api/session', { payload: { user: { email, password } } });

  it('mails a link; its token sets the password once, and ends every session of the user', async () => {
    const before = smtp.to(a.email).length;
    const res = await requestReset(`  ${a.email.toUpperCase()} `);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ data: { ok: true } });
    const mail = await resetMail(a.email, before);
    expect(mail.text).toContain('https://desk.example.com/reset?token=');
    expect(mail.html).toContain('https://desk.example.com/reset?token=');
    const token = linkToken(mail, '/reset');

    // Only the hash is stored.
    const rows = await t.db.query(
      `SELECT token_hash FROM user_tokens WHERE user_id = $1 AND purpose = 'password_reset'`,
      [a.userId],
    );
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);

    const other = await login(a.email, a.password);
    expect(other.statusCode).toBe(200);
    const done = await reset(token);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ data: { success: true, email: a.email } });

    // The old sessions (the registration's, the login's) are gone; the new password works, the old does not.
    for (const session of [a.token, other.json().data.token]) {
      expect((await t.request('GET', '/api/me', { headers: { authorization: session } })).statusCode).toBe(401);
    }
    expect((await login(a.email, a.password)).statusCode).toBe(401);
    expect((await login(a.email, 'a new long password')).statusCode).toBe(200);

    // Single use.
    const again = await reset(token, 'yet another password');
    expect(again.statusCode).toBe(401);
    expect(again.json()).toEqual(INVALID_LINK);
    a.password = 'a new long password';
  });

  it('answers an unknown email exactly like a known one, and sends nothing', async () => {
    const before = smtp.mails.length;
    const res = await requestReset('nobody-here@example.com');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ data: { ok: true } });
    // A known address sent after it arrives; the unknown one never does.
    const known = smtp.to(a.email).length;
    await requestReset(a.email);
    await resetMail(a.email, known);
    expect(smtp.mails.slice(before).filter((m) => m.to.includes('nobody-here@example.com'))).toEqual([]);
  });

  it('refuses unknown, expired and superseded tokens, and a mismatched confirmation keeps the token', async () => {
    expect((await reset('not-a-token')).json()).toEqual(INVALID_LINK);

    const first = smtp.to(a.email).length;
    await requestReset(a.email);
    const older = linkToken(await resetMail(a.email, first), '/reset');
    const second = smtp.to(a.email).length;
    await requestReset(a.email);
    const newer = linkToken(await resetMail(a.email, second), '/reset');
    expect((await reset(older)).json()).toEqual(INVALID_LINK);

    const mismatch = await reset(newer, 'one long password', 'another long password');
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json()).toEqual(unprocessable({ password_confirmation: ['does not match confirmation'] }));
    const short = await reset(newer, 'short');
    expect(short.statusCode).toBe(422);

    await t.db.query(`UPDATE user_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [a.userId]);
    expect((await reset(newer)).json()).toEqual(INVALID_LINK);
    expect((await login(a.email, a.password)).statusCode).toBe(200);
  });

  it('sends at most one reset mail a minute to a user, however often it is asked for', async () => {
    const before = smtp.to(a.email).length;
    await requestReset(a.email);
    await resetMail(a.email, before);
    for (let i = 0; i < 3; i++) {
      const res = await t.request('POST', '/api/reset_password', { payload: { email: a.email } });
      expect(res.json()).toEqual({ data: { ok: true } });
    }
    // A verification mail for a new account is sent after these, and arrives after anything they sent.
    const b = await createAccount(t);
    await smtp.waitFor(() => smtp.to(b.email).length > 0);
    expect(smtp.to(a.email).length).toBe(before + 1);
  });

  it('validates the bodies (422, never 500)', async () => {
    expect((await t.request('POST', '/api/reset_password', { payload: {} })).statusCode).toBe(422);
    expect((await t.request('POST', '/api/reset_password', { payload: { email: 42 } })).statusCode).toBe(422);
    expect((await t.request('PUT', '/api/reset_password', { payload: { token: 'x' } })).statusCode).toBe(422);
    expect((await t.request('POST', '/api/verify_email', { payload: {} })).statusCode).toBe(422);
  });

  it('mails a verification link at registration; its token confirms the email once', async () => {
    const b = await createAccount(t);
    const mail = await smtp.waitFor(() => smtp.to(b.email).find((m) => m.subject.includes('verify your email')));
    const token = linkToken(mail, '/verify');
    const res = await t.request('POST', '/api/verify_email', { payload: { token } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ data: { success: true } });
    const [row] = await t.db.query('SELECT email_confirmed_at FROM users WHERE id = $1', [b.userId]);
    expect(row.email_confirmed_at).toBeInstanceOf(Date);

    const again = await t.request('POST', '/api/verify_email', { payload: { token } });
    expect(again.json()).toEqual({ data: { success: true, message: 'Email already verified!' } });
    const unknown = await t.request('POST', '/api/verify_email', { payload: { token: 'nope' } });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(INVALID_VERIFICATION);
    // A reset token is no verification token.
    const resets = smtp.to(b.email).length;
    await requestReset(b.email);
    const resetToken = linkToken(await resetMail(b.email, resets), '/reset');
    expect((await t.request('POST', '/api/verify_email', { payload: { token: resetToken } })).statusCode).toBe(401);
  });
});

describe('passwords and email: limits and no SMTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Behind a trusted proxy, so X-Forwarded-For picks the client IP (TRUST_PROXY is off by default).
    t = await createTestApp({ config: { rateLimitAuthPerMinute: 3, trustProxy: true } });
  });
  afterAll(() => t.close());

  it('limits each client IP (shared with the other public auth routes)', async () => {
    const send = (ip: string) =>
      t.request('POST', '/api/reset_password', {
        headers: { 'x-forwarded-for': ip },
        payload: { email: 'someone@example.com' },
      });
    for (let i = 0; i < 3; i++) expect((await send('10.7.7.7')).statusCode).toBe(200);
    expect((await send('10.7.7.7')).statusCode).toBe(429);
    const put = await t.request('PUT', '/api/reset_password', {
      headers: { 'x-forwarded-for': '10.7.7.7' },
      payload: { token: 'x', password: 'long enough pw', password_confirmation: 'long enough pw' },
    });
    expect(put.statusCode).toBe(429);
    expect((await send('10.7.7.8')).statusCode).toBe(200);
  });
});
