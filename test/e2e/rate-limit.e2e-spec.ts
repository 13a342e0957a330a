import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createAccount, TestAccount } from '../support/factories';
import { createTestApp, TestApp, TestConfig } from '../support/test-app';

const PER_KEY = 5;
const PER_IP = 3;
// Behind a trusted proxy: X-Forwarded-For picks the client IP (off by default, test/e2e/trust-proxy).
const LIMITS: TestConfig = { rateLimitPerMinute: PER_KEY, rateLimitAuthPerMinute: PER_IP, trustProxy: true };

/** Another instance of the app on the same database, as behind a load balancer. */
async function secondInstance(of: TestApp, config: TestConfig = LIMITS): Promise<NestFastifyApplication> {
  return (await createTestApp({ sameDatabaseAs: of, config })).app;
}

/** Counting windows are calendar minutes (database clock): start a burst early in one. */
async function earlyInMinute() {
  const second = new Date().getUTCSeconds();
  if (second > 45) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
}

describe('rate limits', () => {
  let t: TestApp;
  let other: NestFastifyApplication;
  let a: TestAccount;
  let b: TestAccount;

  beforeAll(async () => {
    t = await createTestApp({ config: LIMITS });
    other = await secondInstance(t);
  }, 60_000);
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  beforeEach(async () => {
    await earlyInMinute();
    await t.db.query('TRUNCATE rate_limit_counters');
  });

  it('limits each API key, counted across instances, with RateLimit-* headers and a 429 envelope', async () => {
    [a, b] = [await createAccount(t), await createAccount(t)];
    await t.db.query('TRUNCATE rate_limit_counters');
    const remaining: unknown[] = [];
    for (let i = 0; i < PER_KEY; i++) {
      // Alternate instances: the count is shared through PostgreSQL.
      const res =
        i % 2
          ? await other.inject({ method: 'GET', url: '/api/v1/me', headers: a.auth })
          : await t.request('GET', '/api/v1/me', { headers: a.auth });
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBe(String(PER_KEY));
      remaining.push(res.headers['ratelimit-remaining']);
      const reset = Number(res.headers['ratelimit-reset']);
      expect(reset).toBeGreaterThanOrEqual(1);
      expect(reset).toBeLessThanOrEqual(60);
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);

    const limited = await other.inject({ method: 'GET', url: '/api/v1/me', headers: a.auth });
    expect(limited.statusCode).toBe(429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(limited.json()).toEqual({
      error: {
        status: 429,
        message: `Too Many Requests: retry in ${retryAfter} s`,
        retry_after: retryAfter,
        request_id: limited.headers['x-request-id'],
      },
    });
    expect(limited.headers['ratelimit-remaining']).toBe('0');
    // A write past the limit is refused before it runs.
    const write = await t.request('POST', '/api/v1/companies', {
      headers: a.auth,
      payload: { company: { name: 'Nope' } },
    });
    expect(write.statusCode).toBe(429);
    expect(await t.db.query('SELECT count(*)::int AS n FROM companies')).toEqual([{ n: 0 }]);

    // Another key is counted on its own.
    const res = await t.request('GET', '/api/v1/me', { headers: b.auth });
    expect(res.statusCode).toBe(200);
    expect(res.headers['ratelimit-remaining']).toBe('4');
  });

  it('limits the public auth routes per client IP', async () => {
    const login = (ip: string) =>
      t.request('POST', '/api/session', {
        headers: { 'x-forwarded-for': ip },
        payload: { user: { email: 'nobody@example.com', password: 'wrong password' } },
      });
    for (let i = 0; i < PER_IP; i++) {
      const res = await login('10.1.2.3');
      expect(res.statusCode).toBe(401);
      expect(res.headers['ratelimit-remaining']).toBe(String(PER_IP - 1 - i));
    }
    const limited = await login('10.1.2.3');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({ status: 429, retry_after: Number(limited.headers['retry-after']) });
    // Registration shares the IP's budget; another IP has its own.
    const registration = await t.request('POST', '/api/registration', {
      headers: { 'x-forwarded-for': '10.1.2.3' },
      payload: {
        user: {
          email: 'x@example.com',
          password: 'long enough pw',
          password_confirmation: 'long enough pw',
          company_name: 'X',
        },
      },
    });
    expect(registration.statusCode).toBe(429);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM users WHERE email = 'x@example.com'`)).toEqual([{ n: 0 }]);
    expect((await login('10.9.9.9')).statusCode).toBe(401);
  });

  it('enforces a high limit exactly across instances while counting in memory far from it', async () => {
    const highLimit = { ...LIMITS, rateLimitPerMinute: 100 };
    const [x, y] = [await secondInstance(t, highLimit), await secondInstance(t, highLimit)];
    try {
      const c = await createAccount(t);
      const statuses: number[] = [];
      // 150 requests, 10 at a time, spread over both instances.
      for (let i = 0; i < 15; i++) {
        const batch = await Promise.all(
          Array.from({ length: 10 }, (_, j) =>
            ((i + j) % 2 ? x : y).inject({ method: 'GET', url: '/api/v1/me', headers: c.auth }),
          ),
        );
        statuses.push(...batch.map((r) => r.statusCode));
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(100);
      expect(statuses.filter((s) => s === 429)).toHaveLength(50);
    } finally {
      await x.close();
      await y.close();
    }
  });
});
