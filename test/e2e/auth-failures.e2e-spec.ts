import { createAccount, TestAccount } from '../support/factories';
import { createTestApp, TestApp, TestConfig } from '../support/test-app';

const LIMIT = 3;

/** Counting windows are calendar minutes (database clock): start a burst early in one. */
async function earlyInMinute() {
  const second = new Date().getUTCSeconds();
  if (second > 45) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
}

/**
 * Client IP and guessing: X-Forwarded-For counts only from trusted proxies (TRUST_PROXY, off by default);
 * failed logins are limited per IP and per account email, failed API-key checks per IP, and a spent
 * budget answers 429 before any password or key is checked (so a right guess gets no 200 either).
 */
describe('client IP and failed authentication', () => {
  let t: TestApp;
  let a: TestAccount;
  const apps: TestApp[] = [];

  const instance = async (config: TestConfig) => {
    const app = await createTestApp({ sameDatabaseAs: t, config });
    apps.push(app);
    return app;
  };
  const login = (app: TestApp, email: string, password: string, ip?: string, path = '/api/session') =>
    app.request('POST', path, {
      headers: ip ? { 'x-forwarded-for': ip } : {},
      payload: { user: { email, password } },
    });

  beforeAll(async () => {
    t = await createTestApp();
    a = await createAccount(t);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await t.close();
  });
  beforeEach(async () => {
    await earlyInMinute();
    await t.db.query('TRUNCATE rate_limit_counters');
  });

  it('ignores X-Forwarded-For without TRUST_PROXY: every forged address shares the socket address budget', async () => {
    const app = await instance({ rateLimitAuthPerMinute: LIMIT });
    for (let i = 0; i < LIMIT; i++) {
      expect((await login(app, 'nobody@example.com', 'wrong', `203.0.113.${i}`)).statusCode).toBe(401);
    }
    expect((await login(app, 'nobody@example.com', 'wrong', '198.51.100.1')).statusCode).toBe(429);
    const customer = await app.request('POST', '/api/v1/customers', {
      headers: { ...a.auth, 'x-forwarded-for': '203.0.113.7' },
      payload: { customer: { name: 'Forged' } },
    });
    expect(customer.json().data.ip).toBe('127.0.0.1');
  });

  it('takes the nearest untrusted X-Forwarded-For address behind trusted proxies', async () => {
    const app = await instance({ trustProxy: ['127.0.0.1'] });
    const customer = await app.request('POST', '/api/v1/customers', {
      headers: { ...a.auth, 'x-forwarded-for': '10.6.6.6, 203.0.113.20' },
      payload: { customer: { name: 'Proxied' } },
    });
    // The client wrote 10.6.6.6 itself; the trusted proxy appended the address it saw.
    expect(customer.json().data.ip).toBe('203.0.113.20');
  });

  it('limits failed logins per account: then even the right password gets 429; other emails are unaffected', async () => {
    const app = await instance({ trustProxy: true, failedAuthPerMinute: { perAccount: LIMIT, perIp: 1000 } });
    for (let i = 0; i < LIMIT; i++) {
      const path = i % 2 ? '/api/session' : '/api/%73ession';
      expect((await login(app, a.email, 'wrong', `203.0.113.${i}`, path)).statusCode).toBe(401);
    }
    const blocked = await login(app, a.email.toUpperCase(), a.password, '198.51.100.9');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error).toMatchObject({ status: 429, retry_after: Number(blocked.headers['retry-after']) });
    // Another instance sees the same count (PostgreSQL).
    const other = await instance({ trustProxy: true, failedAuthPerMinute: { perAccount: LIMIT, perIp: 1000 } });
    expect((await login(other, a.email, a.password, '198.51.100.10')).statusCode).toBe(429);
    const b = await createAccount(t);
    expect((await login(app, b.email, b.password, '203.0.113.0')).statusCode).toBe(200);
  });

  it('limits failed logins per IP across emails, then refuses that IP even a right password', async () => {
    const app = await instance({ trustProxy: true, failedAuthPerMinute: { perAccount: 1000, perIp: LIMIT } });
    for (let i = 0; i < LIMIT; i++) {
      expect((await login(app, `guess-${i}@example.com`, 'wrong', '203.0.113.50')).statusCode).toBe(401);
    }
    expect((await login(app, a.email, a.password, '203.0.113.50')).statusCode).toBe(429);
    expect((await login(app, a.email, a.password, '203.0.113.51')).statusCode).toBe(200);
  });

  it('limits failed API-key and session-token checks per IP, before the lookup', async () => {
    const app = await instance({ trustProxy: true, failedAuthPerMinute: { perAccount: 1000, perIp: LIMIT } });
    const me = (authorization: string, ip: string, path = '/api/v1/me') =>
      app.request('GET', path, { headers: { authorization, 'x-forwarded-for': ip } });
    for (let i = 0; i < LIMIT; i++) {
      const res =
        i % 2 ? await me(`Bearer pc_guess${i}`, '203.0.113.60') : await me(`pcs_guess${i}`, '203.0.113.60', '/api/me');
      expect(res.statusCode).toBe(401);
    }
    expect((await me(`Bearer ${a.apiKey}`, '203.0.113.60')).statusCode).toBe(429);
    expect((await me(`Bearer ${a.apiKey}`, '203.0.113.61')).statusCode).toBe(200);
    // A renew token guess counts against the same budget.
    const renew = await app.request('POST', '/api/session/renew', {
      headers: { authorization: 'pcr_guess', 'x-forwarded-for': '203.0.113.60' },
    });
    expect(renew.statusCode).toBe(429);
  });
});
