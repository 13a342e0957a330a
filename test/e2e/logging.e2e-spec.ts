import { createAccount, TestAccount } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/** A pino destination that keeps the parsed JSON lines. */
function capture() {
  const lines: Array<Record<string, any>> = [];
  return { lines, write: (line: string) => void lines.push(JSON.parse(line)) };
}

const requestLines = (lines: Array<Record<string, any>>, path: string) =>
  lines.filter((l) => l.msg === 'request completed' && l.path === path);

describe('structured request logs (LOG_LEVEL=info)', () => {
  let t: TestApp;
  let account: TestAccount;
  const log = capture();
  beforeAll(async () => {
    t = await createTestApp({ logDestination: log });
    account = await createAccount(t);
  });
  afterAll(() => t.close());

  it('writes one JSON line per request: request id, method, path, status, duration, account', async () => {
    await t.request('GET', '/api/v1/customers?name=secret-filter', {
      headers: { ...account.auth, 'x-request-id': 'trace-abc' },
    });
    const lines = requestLines(log.lines, '/api/v1/customers');
    expect(lines).toEqual([
      {
        level: 'info',
        time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        service: 'papercups-nest',
        request_id: 'trace-abc',
        method: 'GET',
        path: '/api/v1/customers',
        status: 200,
        duration_ms: expect.any(Number),
        account_id: account.accountId,
        msg: 'request completed',
      },
    ]);
    // The query string (filters may hold personal data) is not logged.
    expect(JSON.stringify(log.lines)).not.toContain('secret-filter');
  });

  it('logs unauthenticated and failed requests with a null account and the id the error body carries', async () => {
    const res = await t.request('GET', '/api/v1/me', { headers: { authorization: 'Bearer pc_wrong' } });
    const [line] = requestLines(log.lines, '/api/v1/me').filter((l) => l.status === 401);
    expect(line).toEqual(expect.objectContaining({ level: 'info', status: 401, account_id: null }));
    expect(line.request_id).toBe(res.raw().error.request_id);
    expect(JSON.stringify(log.lines)).not.toContain('pc_wrong');
  });

  it('never writes passwords, tokens or keys', async () => {
    const before = log.lines.length;
    t.app
      .getHttpAdapter()
      .getInstance()
      .log.info(
        {
          user: { email: 'a@example.com', password: 'hunter2-password', password_confirmation: 'hunter2-password' },
          session: { token: 'pcs_secret', renew_token: 'pcr_secret' },
          headers: { authorization: 'Bearer pc_secret', cookie: 'sid=secret' },
          key: { value: 'pc_secret_value' },
          nested: { deeper: { api_key: 'pc_deep_secret' } },
          err: { query: 'SELECT 1 WHERE x = $1', parameters: ['a-token-hash'] },
        },
        'something with secrets',
      );
    const line = log.lines.slice(before).find((l) => l.msg === 'something with secrets')!;
    expect(line.user).toEqual({ email: 'a@example.com', password: '[REDACTED]', password_confirmation: '[REDACTED]' });
    expect(line.session).toEqual({ token: '[REDACTED]', renew_token: '[REDACTED]' });
    expect(line.headers).toEqual({ authorization: '[REDACTED]', cookie: '[REDACTED]' });
    expect(line.key).toBe('[REDACTED]');
    expect(line.nested).toEqual({ deeper: { api_key: '[REDACTED]' } });
    expect(line.err).toEqual({ query: 'SELECT 1 WHERE x = $1', parameters: '[REDACTED]' });
  });

  it('registration and login bodies leave no secret in the logs', async () => {
    await createAccount(t);
    const all = JSON.stringify(log.lines);
    expect(all).not.toContain('correct horse battery');
    expect(all).not.toMatch(/pc[sr]?_[A-Za-z0-9_-]{20,}/);
  });

  it('keeps probes out of the info log', async () => {
    await t.request('GET', '/health/live');
    await t.request('GET', '/health/ready');
    await t.request('GET', '/api/ping');
    expect(log.lines.filter((l) => ['/health/live', '/health/ready', '/api/ping'].includes(l.path))).toEqual([]);
  });
});

describe('structured request logs (LOG_LEVEL=debug)', () => {
  it('logs probes at debug', async () => {
    const log = capture();
    const t = await createTestApp({ logDestination: log, config: { logLevel: 'debug' } });
    try {
      await t.request('GET', '/health/live');
      expect(requestLines(log.lines, '/health/live')).toEqual([
        expect.objectContaining({ level: 'debug', method: 'GET', status: 200, account_id: null }),
      ]);
    } finally {
      await t.close();
    }
  });
});

describe('structured request logs (LOG_LEVEL=warn)', () => {
  it('writes no request lines below warn', async () => {
    const log = capture();
    const t = await createTestApp({ logDestination: log, config: { logLevel: 'warn' } });
    try {
      await t.request('GET', '/api/v1/me');
      expect(log.lines).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

describe('server errors in the logs', () => {
  it('a 500 is logged at error with its stack and the request id the client got', async () => {
    const log = capture();
    const t = await createTestApp({ logDestination: log });
    try {
      const account = await createAccount(t);
      // Pull the database out from under the running app: the next query fails.
      const { Client } = await import('pg');
      const name = (await t.db.query('SELECT current_database() AS name'))[0].name;
      const admin = new Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();

      const res = await t.request('GET', '/api/v1/me', { headers: { ...account.auth, 'x-request-id': 'boom-1' } });
      expect(res.statusCode).toBe(500);
      expect(res.raw()).toEqual({ error: { status: 500, message: 'Internal Server Error', request_id: 'boom-1' } });
      const mine = log.lines.filter((l) => l.request_id === 'boom-1');
      expect(mine).toEqual([
        expect.objectContaining({
          level: 'error',
          msg: 'unhandled error',
          err: expect.objectContaining({ type: expect.any(String), stack: expect.stringContaining('Error') }),
        }),
        expect.objectContaining({ level: 'error', msg: 'request completed', status: 500, path: '/api/v1/me' }),
      ]);
      expect(JSON.stringify(mine)).not.toContain(account.apiKey);
    } finally {
      await t.close();
    }
  });
});
