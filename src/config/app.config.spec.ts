import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, loadDotEnv } from './app.config';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('configuration (environment variables, validated at boot)', () => {
  it('reads TRUST_PROXY as off, any peer or a list of addresses and CIDRs', () => {
    const trust = (value: string) => loadConfig({ LOG_FORMAT: 'json', TRUST_PROXY: value }).trustProxy;
    expect([trust(''), trust('false'), trust('0'), trust('true')]).toEqual([false, false, false, true]);
    expect(trust('10.0.0.1, 192.168.0.0/16,::1,fd00::/8,loopback')).toEqual([
      '10.0.0.1',
      '192.168.0.0/16',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    for (const bad of ['2', '10.0.0.0/33', 'proxy.example.com', '10.0.0.1/8/1']) {
      expect(problemsOf({ TRUST_PROXY: bad })).toEqual([expect.stringContaining('TRUST_PROXY must be')]);
    }
  });

  it('has the documented defaults', () => {
    expect(loadConfig({ LOG_FORMAT: 'json' })).toEqual({
      port: 4000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      dataDir: '.data',
      embeddedPgPort: undefined,
      databasePoolSize: 10,
      databaseLogging: false,
      databaseStatementTimeoutMs: 30000,
      databasePreparedStatements: true,
      bodyLimitBytes: 1048576,
      registrationDisabled: false,
      logLevel: 'info',
      logFormat: 'json',
      corsOrigins: true,
      shutdownGraceMs: 10000,
      apiKeyCacheTtlMs: 10000,
      rateLimitPerMinute: 6000,
      rateLimitAuthPerMinute: 600,
      failedAuthPerMinute: { perAccount: 10, perIp: 60 },
      trustProxy: false,
      passwordScryptN: 131072,
      requestTimeoutMs: 30000,
      webhooks: {
        timeoutMs: 10000,
        maxAttempts: 10,
        retryBaseMs: 30000,
        pollIntervalMs: 1000,
        disableAfterFailures: 50,
        allowPrivateUrls: false,
        maxSubscriptionsPerAccount: 100,
        concurrency: 50,
        concurrencyPerAccount: 5,
      },
      eventRetentionDays: 30,
      streamHeartbeatMs: 15000,
      streamMaxPerKey: 10,
      realtime: {
        maxFrameBytes: 262144,
        maxChannelsPerSocket: 100,
        maxConnectionsPerIp: 1000,
        maxMessagesPerSecond: 50,
        idleTimeoutMs: 45000,
        nodeHeartbeatMs: 5000,
        nodeTimeoutMs: 30000,
      },
      mail: {
        smtpUrl: undefined,
        from: 'Papercups <no-reply@localhost>',
        appUrl: 'http://localhost:4000',
        alertWindowMs: 10000,
      },
      widget: { publicUrl: undefined, rateLimitPerIp: 120, rateLimitPerAccount: 6000, uploadMaxBytes: 10485760 },
    });
  });

  it('reads every variable', () => {
    expect(
      loadConfig({
        PORT: '8080',
        HOST: '127.0.0.1',
        DATABASE_URL: 'postgresql://app:pw@db:5432/papercups',
        DATA_DIR: '/var/lib/papercups',
        EMBEDDED_PG_PORT: '5433',
        DATABASE_POOL_SIZE: '25',
        DATABASE_LOGGING: 'true',
        BODY_LIMIT_BYTES: '2048',
        PAPERCUPS_REGISTRATION_DISABLED: '1',
        LOG_LEVEL: 'DEBUG',
        LOG_FORMAT: 'pretty',
        CORS_ORIGINS: 'https://a.example.com, http://localhost:3000',
        SHUTDOWN_GRACE_MS: '30000',
        API_KEY_CACHE_TTL_MS: '0',
        RATE_LIMIT_PER_MINUTE: '120',
        RATE_LIMIT_AUTH_PER_MINUTE: '0',
        RATE_LIMIT_FAILED_LOGINS_PER_MINUTE: '5',
        RATE_LIMIT_FAILED_AUTH_PER_IP_PER_MINUTE: '0',
        TRUST_PROXY: '10.0.0.0/8',
        PASSWORD_SCRYPT_N: '16384',
        REQUEST_TIMEOUT_MS: '5000',
        WEBHOOK_TIMEOUT_MS: '2500',
        WEBHOOK_MAX_ATTEMPTS: '3',
        WEBHOOK_RETRY_BASE_MS: '100',
        WEBHOOK_POLL_INTERVAL_MS: '50',
        WEBHOOK_DISABLE_AFTER_FAILURES: '7',
        WEBHOOK_ALLOW_PRIVATE_URLS: 'yes',
        EVENT_RETENTION_DAYS: '7',
        EVENT_STREAM_HEARTBEAT_MS: '500',
        REALTIME_MAX_FRAME_BYTES: '4096',
        REALTIME_MAX_CHANNELS_PER_SOCKET: '5',
        REALTIME_MAX_CONNECTIONS_PER_IP: '20',
        REALTIME_MAX_MESSAGES_PER_SECOND: '7',
        REALTIME_IDLE_TIMEOUT_MS: '60000',
        REALTIME_NODE_HEARTBEAT_MS: '100',
        REALTIME_NODE_TIMEOUT_MS: '1000',
        SMTP_URL: 'smtps://mailer:pw@smtp.example.com:465',
        MAIL_FROM: 'Support <support@example.com>',
        APP_URL: 'https://desk.example.com/',
        EMAIL_ALERT_WINDOW_MS: '2000',
        PUBLIC_URL: 'https://chat.example.com/',
        WIDGET_RATE_LIMIT_PER_IP: '9',
        WIDGET_RATE_LIMIT_PER_ACCOUNT: '99',
        UPLOAD_MAX_BYTES: '2048',
        DATABASE_PREPARED_STATEMENTS: 'false',
      }),
    ).toEqual({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'postgresql://app:pw@db:5432/papercups',
      dataDir: '/var/lib/papercups',
      embeddedPgPort: 5433,
      databasePoolSize: 25,
      databaseLogging: true,
      databaseStatementTimeoutMs: 30000,
      databasePreparedStatements: false,
      bodyLimitBytes: 2048,
      registrationDisabled: true,
      logLevel: 'debug',
      logFormat: 'pretty',
      corsOrigins: ['https://a.example.com', 'http://localhost:3000'],
      shutdownGraceMs: 30000,
      apiKeyCacheTtlMs: 0,
      rateLimitPerMinute: 120,
      rateLimitAuthPerMinute: 0,
      failedAuthPerMinute: { perAccount: 5, perIp: 0 },
      trustProxy: ['10.0.0.0/8'],
      passwordScryptN: 16384,
      requestTimeoutMs: 5000,
      webhooks: {
        timeoutMs: 2500,
        maxAttempts: 3,
        retryBaseMs: 100,
        pollIntervalMs: 50,
        disableAfterFailures: 7,
        allowPrivateUrls: true,
        maxSubscriptionsPerAccount: 100,
        concurrency: 50,
        concurrencyPerAccount: 5,
      },
      eventRetentionDays: 7,
      streamHeartbeatMs: 500,
      streamMaxPerKey: 10,
      realtime: {
        maxFrameBytes: 4096,
        maxChannelsPerSocket: 5,
        maxConnectionsPerIp: 20,
        maxMessagesPerSecond: 7,
        idleTimeoutMs: 60000,
        nodeHeartbeatMs: 100,
        nodeTimeoutMs: 1000,
      },
      mail: {
        smtpUrl: 'smtps://mailer:pw@smtp.example.com:465',
        from: 'Support <support@example.com>',
        appUrl: 'https://desk.example.com',
        alertWindowMs: 2000,
      },
      widget: {
        publicUrl: 'https://chat.example.com',
        rateLimitPerIp: 9,
        rateLimitPerAccount: 99,
        uploadMaxBytes: 2048,
      },
    });
    expect(loadConfig({ CORS_ORIGINS: '*' }).corsOrigins).toBe(true);
    expect(loadConfig({ PORT: '' }).port).toBe(4000);
  });

  it.each([
    ['PORT', 'abc', 'PORT must be an integer from 0 to 65535, got "abc"'],
    ['PORT', '70000', 'PORT must be an integer from 0 to 65535, got "70000"'],
    ['PORT', '-1', 'PORT must be an integer from 0 to 65535, got "-1"'],
    ['DATABASE_POOL_SIZE', '0', 'DATABASE_POOL_SIZE must be an integer from 1 to 1000, got "0"'],
    ['BODY_LIMIT_BYTES', '1.5', 'BODY_LIMIT_BYTES must be an integer from 1024 to 9007199254740991, got "1.5"'],
    ['EMBEDDED_PG_PORT', 'x', 'EMBEDDED_PG_PORT must be an integer from 1 to 65535, got "x"'],
    ['DATABASE_LOGGING', 'maybe', 'DATABASE_LOGGING must be true or false (or 1/0), got "maybe"'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
    ['LOG_FORMAT', 'xml', 'LOG_FORMAT must be one of json, pretty, got "xml"'],
    [
      'CORS_ORIGINS',
      'example.com',
      'CORS_ORIGINS must be * or a comma-separated list of origins like https://app.example.com, got "example.com"',
    ],
    ['SHUTDOWN_GRACE_MS', 'soon', 'SHUTDOWN_GRACE_MS must be an integer from 0 to 600000, got "soon"'],
    ['WEBHOOK_TIMEOUT_MS', '50', 'WEBHOOK_TIMEOUT_MS must be an integer from 100 to 120000, got "50"'],
    ['WEBHOOK_MAX_ATTEMPTS', '0', 'WEBHOOK_MAX_ATTEMPTS must be an integer from 1 to 100, got "0"'],
    ['WEBHOOK_ALLOW_PRIVATE_URLS', 'sure', 'WEBHOOK_ALLOW_PRIVATE_URLS must be true or false (or 1/0), got "sure"'],
    ['REALTIME_MAX_FRAME_BYTES', '100', 'REALTIME_MAX_FRAME_BYTES must be an integer from 1024 to 67108864, got "100"'],
    ['REALTIME_NODE_TIMEOUT_MS', '9000', 'REALTIME_NODE_TIMEOUT_MS must be more than twice REALTIME_NODE_HEARTBEAT_MS'],
  ])('%s=%s is rejected with a message naming it', (name, value, message) => {
    expect(problemsOf({ [name]: value })).toEqual([message]);
  });

  it('reports every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(
      'Invalid configuration:\n  - PORT must be an integer from 0 to 65535, got "x"\n  - LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "y"',
    );
  });

  it('never echoes DATABASE_URL (it carries a password)', () => {
    for (const url of ['mysql://app:s3cret@db/papercups', 'not a url s3cret']) {
      const problems = problemsOf({ DATABASE_URL: url });
      expect(problems).toEqual(['DATABASE_URL must be a postgres:// or postgresql:// URL']);
    }
  });

  it('never echoes SMTP_URL (it carries a password)', () => {
    for (const url of ['http://mailer:s3cret@smtp.example.com', 'not a url s3cret']) {
      expect(problemsOf({ SMTP_URL: url })).toEqual(['SMTP_URL must be an smtp:// or smtps:// URL']);
    }
    expect(problemsOf({ APP_URL: 'desk.example.com' })).toEqual([
      'APP_URL must be an http:// or https:// URL, got "desk.example.com"',
    ]);
  });

  describe('.env', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dotenv-'));
    const file = join(dir, '.env');
    const saved = { ...process.env };
    afterEach(() => {
      for (const key of ['DOTENV_TEST_A', 'DOTENV_TEST_B']) delete process.env[key];
      Object.assign(process.env, saved);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('fills in unset variables; the environment wins', () => {
      writeFileSync(file, 'DOTENV_TEST_A=from-file\nDOTENV_TEST_B="quoted value" # comment\n');
      process.env.DOTENV_TEST_A = 'from-env';
      expect(loadDotEnv(file)).toBe(file);
      expect(process.env.DOTENV_TEST_A).toBe('from-env');
      expect(process.env.DOTENV_TEST_B).toBe('quoted value');
    });

    it('is optional', () => {
      expect(loadDotEnv(join(dir, 'missing.env'))).toBeUndefined();
    });
  });
});
