import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { logStartupSummary, StartupFacts } from '../../src/common/logging/startup-summary';
import { AppConfig, loadConfig } from '../../src/config/app.config';
import { createTestDatabase } from '../support/database';
import { createAccount, createCustomer, TestAccount } from '../support/factories';
import { echoChallenge, Receiver } from '../support/receiver';
import { ensureBuilt, ServerProcess } from '../support/server-process';
import { SseClient } from '../support/sse';
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

describe('event streams and webhook deliveries in the logs', () => {
  const log = capture();
  const receiver = new Receiver();
  let t: TestApp;
  let account: TestAccount;
  beforeAll(async () => {
    await receiver.start();
    t = await createTestApp({
      logDestination: log,
      config: { streamHeartbeatMs: 200, webhooks: { allowPrivateUrls: true, pollIntervalMs: 50, retryBaseMs: 50 } },
    });
    await t.app.listen(0, '127.0.0.1');
    account = await createAccount(t);
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  const waitForLine = async (predicate: (l: Record<string, any>) => boolean, what: string) => {
    for (let i = 0; i < 200; i++) {
      const line = log.lines.find(predicate);
      if (line) return line;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`no ${what} line in ${JSON.stringify(log.lines.slice(-5))}`);
  };

  it('logs an event stream opening and closing, with its duration', async () => {
    const address = t.app.getHttpServer().address() as AddressInfo;
    const stream = await SseClient.open(`http://127.0.0.1:${address.port}/api/v1/events/stream`, account.auth);
    const opened = await waitForLine((l) => l.msg === 'event stream opened', 'stream opened');
    expect(opened).toEqual(
      expect.objectContaining({ level: 'info', context: 'EventStreams', account_id: account.accountId }),
    );
    await new Promise((r) => setTimeout(r, 100));
    stream.close();
    const closed = await waitForLine((l) => l.msg === 'event stream closed', 'stream closed');
    expect(closed).toEqual(
      expect.objectContaining({
        level: 'info',
        account_id: account.accountId,
        duration_ms: expect.any(Number),
        events_sent: 0,
      }),
    );
    expect(closed.duration_ms).toBeGreaterThanOrEqual(50);
  });

  it('logs every webhook attempt: status, duration, attempt number (a failure at warn)', async () => {
    let calls = 0;
    receiver.reply = (request) => echoChallenge(request) ?? (++calls === 1 ? { status: 503 } : { status: 200 });
    const res = await t.request('POST', '/api/v1/event_subscriptions', {
      headers: account.auth,
      payload: {
        event_subscription: { webhook_url: `${receiver.url()}?token=hook-secret`, scope: 'customer:created' },
      },
    });
    expect(res.statusCode).toBe(201);
    await createCustomer(t, account);
    const attempt = (n: number) =>
      waitForLine(
        (l) => l.msg === 'webhook attempt' && l.event_type === 'customer:created' && l.attempt === n,
        `attempt ${n}`,
      );
    expect(await attempt(1)).toEqual(
      expect.objectContaining({
        level: 'warn',
        context: 'WebhookWorker',
        status_code: 503,
        duration_ms: expect.any(Number),
        outcome: 'pending',
        target: `http://127.0.0.1:${receiver.port}`,
      }),
    );
    expect(await attempt(2)).toEqual(
      expect.objectContaining({ level: 'info', status_code: 200, attempt: 2, outcome: 'succeeded', error: null }),
    );
    expect(JSON.stringify(log.lines)).not.toContain('hook-secret');
  });
});

describe('startup summary', () => {
  const base = loadConfig({});
  const summarise = (config: AppConfig, facts: Partial<StartupFacts> = {}) => {
    const log = capture();
    logStartupSummary(pino({ level: 'info' }, log), config, {
      address: { address: '0.0.0.0', port: 4000, family: 'IPv4' },
      embedded: undefined,
      migrationsApplied: 0,
      ...facts,
    });
    return log.lines;
  };

  it('says where the API and its docs are, which database, whether this start created it; warns on open settings', () => {
    const lines = summarise(
      { ...base, databaseUrl: 'postgres://app:s3cret-pw@db.internal:5432/papercups' },
      { migrationsApplied: 0 },
    );
    expect(lines[0]).toEqual(
      expect.objectContaining({
        level: 30,
        version: expect.stringMatching(/^\d+\.\d+\.\d+/),
        url: 'http://localhost:4000',
        docs: 'http://localhost:4000/api/docs',
        database: 'postgres://db.internal:5432/papercups',
        database_embedded: false,
        first_start: false,
        msg: expect.stringContaining('ready at http://localhost:4000 (docs: http://localhost:4000/api/docs)'),
      }),
    );
    expect(JSON.stringify(lines)).not.toContain('s3cret-pw');
    expect(lines.slice(1).map((l) => [l.level, l.setting])).toEqual([
      [40, 'PAPERCUPS_REGISTRATION_DISABLED'],
      [40, 'CORS_ORIGINS'],
      [40, 'SMTP_URL'],
    ]);
  });

  it('names a freshly initialised embedded database, and warns about private webhook targets', () => {
    const lines = summarise(
      { ...base, host: '127.0.0.1', webhooks: { ...base.webhooks, allowPrivateUrls: true } },
      {
        address: { address: '127.0.0.1', port: 4100, family: 'IPv4' },
        embedded: { dataDir: '/srv/data/pg', port: 5999, initialised: true },
        migrationsApplied: 7,
      },
    );
    expect(lines[0]).toEqual(
      expect.objectContaining({
        url: 'http://127.0.0.1:4100',
        database: 'embedded PostgreSQL on 127.0.0.1:5999 (data: /srv/data/pg)',
        database_embedded: true,
        first_start: true,
        msg: expect.stringContaining('database initialised'),
      }),
    );
    expect(lines.map((l) => l.setting)).toContain('WEBHOOK_ALLOW_PRIVATE_URLS');
  });

  it('has no warning once registration is closed, CORS is a list and mail is configured', () => {
    const lines = summarise({
      ...base,
      registrationDisabled: true,
      corsOrigins: ['https://app.example.com'],
      mail: { ...base.mail, smtpUrl: 'smtp://mail.internal:587' },
    });
    expect(lines).toHaveLength(1);
  });
});

describe('the built server at startup (stdout not a terminal)', () => {
  beforeAll(() => ensureBuilt(), 180_000);

  const boot = async (env: Record<string, string>) => {
    const db = await createTestDatabase('startup');
    try {
      const server = await ServerProcess.start({ DATABASE_URL: db.url, ...env });
      await server.stop();
      return server.stdout();
    } finally {
      await db.drop();
    }
  };

  it('prints the summary and warnings at info, without colour codes or route dumps', async () => {
    const out = await boot({ LOG_LEVEL: 'info' });
    expect(out).not.toContain('\u001b[');
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.filter((l) => ['RoutesResolver', 'RouterExplorer', 'InstanceLoader'].includes(l.context))).toEqual([]);
    const summary = lines.find((l) => l.docs);
    expect(summary).toEqual(
      expect.objectContaining({ level: 'info', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) }),
    );
    expect(lines.filter((l) => l.level === 'warn').map((l) => l.setting)).toEqual([
      'PAPERCUPS_REGISTRATION_DISABLED',
      'CORS_ORIGINS',
      'SMTP_URL',
    ]);
    // Short: the summary, its warnings, Fastify's listening line, and shutdown.
    expect(lines.length).toBeLessThan(15);
  }, 120_000);

  it('dumps the routes at debug', async () => {
    const out = await boot({ LOG_LEVEL: 'debug' });
    const routes = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((l) => l.context === 'RouterExplorer');
    expect(routes.length).toBeGreaterThan(50);
    expect(routes.every((l) => l.level === 'debug')).toBe(true);
  }, 120_000);
});
