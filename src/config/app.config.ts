import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Every environment variable the server reads, parsed and checked once at boot (README: Configuration). */
export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number | undefined;
  databasePoolSize: number;
  databaseLogging: boolean;
  /** A statement running longer is cancelled by PostgreSQL (the request answers 503); 0: no limit. */
  databaseStatementTimeoutMs: number;
  /** Hot reads run as named prepared statements (off behind a pooler that cannot keep them, e.g. PgBouncer in transaction mode). */
  databasePreparedStatements: boolean;
  bodyLimitBytes: number;
  registrationDisabled: boolean;
  logLevel: LogLevel;
  /** `pretty` (human-readable, needs pino-pretty) or `json`; by default pretty only when stdout is a terminal. */
  logFormat: 'json' | 'pretty';
  /** `true` reflects any origin as `*` (Papercups' behaviour); otherwise the allowed origins. */
  corsOrigins: true | string[];
  shutdownGraceMs: number;
  /** How long a hot API key is served from memory (revocation elsewhere takes effect within it). */
  apiKeyCacheTtlMs: number;
  /** Requests per minute per API key / session user (0: no limit). */
  rateLimitPerMinute: number;
  /** Requests per minute per client IP on the public auth routes (0: no limit). */
  rateLimitAuthPerMinute: number;
  /** Failed logins per minute per account (email), and failed logins and credential checks per client IP (0: off). */
  failedAuthPerMinute: { perAccount: number; perIp: number };
  /**
   * Which peers may set the client IP through X-Forwarded-For (Fastify's trustProxy): false (the socket
   * address, always), true (any peer), or addresses/CIDRs.
   */
  trustProxy: boolean | string[];
  /** scrypt's N for new password hashes (a power of two; r=8, p=1); hashes at another N are rehashed at login. */
  passwordScryptN: number;
  /** A request must arrive completely within this many ms (slow clients are cut off); also the socket idle timeout. */
  requestTimeoutMs: number;
  webhooks: WebhookConfig;
  /** Events older than this many days are deleted from the log (and their deliveries with them). */
  eventRetentionDays: number;
  /** Milliseconds between two heartbeat comments on an idle event stream. */
  streamHeartbeatMs: number;
  /** Event streams open at once per API key, on each instance (more: 429). */
  streamMaxPerKey: number;
  realtime: RealtimeConfig;
  mail: MailConfig;
  widget: WidgetConfig;
}

/** Outgoing mail (password reset, email verification, invitations, alerts). */
export interface MailConfig {
  /** `smtp://user:pass@host:587` or `smtps://…:465`; unset: mail is logged at warn instead of sent. */
  smtpUrl: string | undefined;
  /** The From address of every mail. */
  from: string;
  /** Where the dashboard is served: the base of the links in mails (`<appUrl>/reset?token=…`). */
  appUrl: string;
  /** Alerts of one agent that arrive within this window go out as one mail. */
  alertWindowMs: number;
}

/** The chat widget's public routes and uploads (README: Live chat). */
export interface WidgetConfig {
  /** Absolute base URL of this server as browsers reach it (file_url of uploads); else taken from the request. */
  publicUrl: string | undefined;
  /** Public writes (customers, conversations, uploads, metadata) per client IP per minute (0: no limit). */
  rateLimitPerIp: number;
  /** Public writes per account per minute, all visitors together (0: no limit). */
  rateLimitPerAccount: number;
  /** Largest upload accepted. */
  uploadMaxBytes: number;
}

/** The Phoenix channels socket (`/socket/websocket`): limits and the cross-instance presence timing. */
export interface RealtimeConfig {
  /** Largest WebSocket frame a client may send (bigger: the socket is closed with 1009). */
  maxFrameBytes: number;
  /** Channels one socket may have joined at once. */
  maxChannelsPerSocket: number;
  /** Open sockets per client IP (more: the upgrade answers 429). */
  maxConnectionsPerIp: number;
  /** Messages per second one socket may push (heartbeats excluded). */
  maxMessagesPerSecond: number;
  /** A socket that sends nothing (not even a heartbeat) for this long is closed. */
  idleTimeoutMs: number;
  /** How often an instance tells the others (through PostgreSQL) that it is alive. */
  nodeHeartbeatMs: number;
  /** An instance silent for this long is dead: its presences are removed and their leaves broadcast. */
  nodeTimeoutMs: number;
}

export interface WebhookConfig {
  /** Per-request timeout of a delivery. */
  timeoutMs: number;
  /** Attempts per delivery before it is marked failed. */
  maxAttempts: number;
  /** Delay before retry n is base * 2^(n-1), with jitter, capped at 6 hours. */
  retryBaseMs: number;
  /** How often the worker looks for due deliveries (it is also woken by every committed event). */
  pollIntervalMs: number;
  /** Consecutive failed attempts after which a subscription is disabled. */
  disableAfterFailures: number;
  /** Allow webhook URLs on loopback/private/link-local addresses (off by default: SSRF). */
  allowPrivateUrls: boolean;
  /** Event subscriptions one account may have. */
  maxSubscriptionsPerAccount: number;
  /** POSTs in flight at once per instance, and per account within that (so one account cannot take them all). */
  concurrency: number;
  concurrencyPerAccount: number;
}

/** Thrown at boot when a variable is invalid; names every bad variable at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Readers that record a problem (and return the fallback) instead of throwing, so all are reported together. */
function readers(env: Env, problems: string[]) {
  const raw = (name: string) => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const integer = (name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) => {
    const value = raw(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got "${value}"`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string, fallback = false) => {
    const value = raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['1', 'true', 'yes'].includes(value)) return true;
    if (['0', 'false', 'no'].includes(value)) return false;
    problems.push(`${name} must be true or false (or 1/0), got "${raw(name)}"`);
    return fallback;
  };
  const oneOf = <T extends string>(name: string, values: readonly T[], fallback: T): T => {
    const value = raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if ((values as readonly string[]).includes(value)) return value as T;
    problems.push(`${name} must be one of ${values.join(', ')}, got "${raw(name)}"`);
    return fallback;
  };
  return { raw, integer, bool, oneOf };
}

function databaseUrl(value: string | undefined, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === 'postgres:' || url.protocol === 'postgresql:') return value;
  } catch {
    // reported below
  }
  // Never echo the value: it usually carries a password.
  problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  return undefined;
}

function smtpUrl(value: string | undefined, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    if ((url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname) return value;
  } catch {
    // reported below
  }
  // Never echo the value: it usually carries a password.
  problems.push('SMTP_URL must be an smtp:// or smtps:// URL');
  return undefined;
}

function httpUrl(name: string, value: string | undefined, fallback: string, problems: string[]): string {
  if (value === undefined) return fallback;
  if (/^https?:\/\/[^/\s]+(\/\S*)?$/.test(value)) return value.replace(/\/+$/, '');
  problems.push(`${name} must be an http:// or https:// URL, got "${value}"`);
  return fallback;
}

function corsOrigins(value: string | undefined, problems: string[]): true | string[] {
  if (value === undefined || value === '*') return true;
  const origins = value
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const bad = origins.filter((o) => !/^https?:\/\/[^/\s]+$/.test(o));
  if (bad.length || !origins.length) {
    problems.push(
      `CORS_ORIGINS must be * or a comma-separated list of origins like https://app.example.com, got "${value}"`,
    );
    return true;
  }
  return origins;
}

/** `TRUST_PROXY`: off by default; `true`, or a comma-separated list of addresses and CIDRs. */
function trustProxy(value: string | undefined, problems: string[]): boolean | string[] {
  const text = value?.trim().toLowerCase();
  if (!text || ['false', '0', 'no'].includes(text)) return false;
  if (['true', 'yes'].includes(text)) return true;
  const entries = text.split(',').map((entry) => entry.trim());
  const valid = (entry: string) => {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address);
    if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
    if (!family || extra !== undefined) return false;
    return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
  };
  if (entries.every(valid)) return entries;
  problems.push(
    `TRUST_PROXY must be true, false or a comma-separated list of addresses/CIDRs (or loopback, linklocal, uniquelocal), got "${value}"`,
  );
  return false;
}

/** Parses the environment; throws a ConfigError naming every invalid variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const { raw, integer, bool, oneOf } = readers(env, problems);
  const embeddedPgPort = raw('EMBEDDED_PG_PORT') === undefined ? undefined : integer('EMBEDDED_PG_PORT', 0, 1, 65535);
  const config: AppConfig = {
    port: integer('PORT', 4000, 0, 65535),
    host: raw('HOST') ?? '0.0.0.0',
    databaseUrl: databaseUrl(raw('DATABASE_URL'), problems),
    dataDir: raw('DATA_DIR') ?? '.data',
    embeddedPgPort,
    databasePoolSize: integer('DATABASE_POOL_SIZE', 10, 1, 1000),
    databaseLogging: bool('DATABASE_LOGGING'),
    databaseStatementTimeoutMs: integer('DATABASE_STATEMENT_TIMEOUT_MS', 30_000, 0, 3_600_000),
    databasePreparedStatements: bool('DATABASE_PREPARED_STATEMENTS', true),
    bodyLimitBytes: integer('BODY_LIMIT_BYTES', 1024 * 1024, 1024),
    registrationDisabled: bool('PAPERCUPS_REGISTRATION_DISABLED'),
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    logFormat: oneOf('LOG_FORMAT', ['json', 'pretty'] as const, process.stdout.isTTY ? 'pretty' : 'json'),
    corsOrigins: corsOrigins(raw('CORS_ORIGINS'), problems),
    shutdownGraceMs: integer('SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    apiKeyCacheTtlMs: integer('API_KEY_CACHE_TTL_MS', 10_000, 0, 3_600_000),
    rateLimitPerMinute: integer('RATE_LIMIT_PER_MINUTE', 6000, 0),
    rateLimitAuthPerMinute: integer('RATE_LIMIT_AUTH_PER_MINUTE', 600, 0),
    failedAuthPerMinute: {
      perAccount: integer('RATE_LIMIT_FAILED_LOGINS_PER_MINUTE', 10, 0),
      perIp: integer('RATE_LIMIT_FAILED_AUTH_PER_IP_PER_MINUTE', 60, 0),
    },
    trustProxy: trustProxy(raw('TRUST_PROXY'), problems),
    passwordScryptN: integer('PASSWORD_SCRYPT_N', 2 ** 17, 2 ** 14, 2 ** 20),
    requestTimeoutMs: integer('REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000),
    webhooks: {
      timeoutMs: integer('WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
      maxAttempts: integer('WEBHOOK_MAX_ATTEMPTS', 10, 1, 100),
      retryBaseMs: integer('WEBHOOK_RETRY_BASE_MS', 30_000, 1, 86_400_000),
      pollIntervalMs: integer('WEBHOOK_POLL_INTERVAL_MS', 1_000, 10, 3_600_000),
      disableAfterFailures: integer('WEBHOOK_DISABLE_AFTER_FAILURES', 50, 1, 100_000),
      allowPrivateUrls: bool('WEBHOOK_ALLOW_PRIVATE_URLS'),
      maxSubscriptionsPerAccount: integer('WEBHOOK_MAX_SUBSCRIPTIONS_PER_ACCOUNT', 100, 1, 100_000),
      concurrency: integer('WEBHOOK_CONCURRENCY', 50, 1, 10_000),
      concurrencyPerAccount: integer('WEBHOOK_CONCURRENCY_PER_ACCOUNT', 5, 1, 10_000),
    },
    eventRetentionDays: integer('EVENT_RETENTION_DAYS', 30, 1, 36_500),
    streamHeartbeatMs: integer('EVENT_STREAM_HEARTBEAT_MS', 15_000, 100, 3_600_000),
    streamMaxPerKey: integer('EVENT_STREAM_MAX_PER_KEY', 10, 1, 100_000),
    realtime: {
      maxFrameBytes: integer('REALTIME_MAX_FRAME_BYTES', 256 * 1024, 1024, 64 * 1024 * 1024),
      maxChannelsPerSocket: integer('REALTIME_MAX_CHANNELS_PER_SOCKET', 100, 1, 100_000),
      maxConnectionsPerIp: integer('REALTIME_MAX_CONNECTIONS_PER_IP', 1000, 1),
      maxMessagesPerSecond: integer('REALTIME_MAX_MESSAGES_PER_SECOND', 50, 1, 1_000_000),
      // Papercups' socket timeout; the Phoenix client heartbeats every 30 s.
      idleTimeoutMs: integer('REALTIME_IDLE_TIMEOUT_MS', 45_000, 1000, 3_600_000),
      nodeHeartbeatMs: integer('REALTIME_NODE_HEARTBEAT_MS', 5_000, 50, 600_000),
      nodeTimeoutMs: integer('REALTIME_NODE_TIMEOUT_MS', 30_000, 100, 3_600_000),
    },
    mail: {
      smtpUrl: smtpUrl(raw('SMTP_URL'), problems),
      from: raw('MAIL_FROM') ?? 'Papercups <no-reply@localhost>',
      appUrl: httpUrl('APP_URL', raw('APP_URL'), 'http://localhost:4000', problems),
      alertWindowMs: integer('EMAIL_ALERT_WINDOW_MS', 10_000, 0, 3_600_000),
    },
    widget: {
      // BACKEND_URL is Papercups' name for it.
      publicUrl: (raw('PUBLIC_URL') ?? raw('BACKEND_URL'))?.replace(/\/+$/, ''),
      rateLimitPerIp: integer('WIDGET_RATE_LIMIT_PER_IP', 120, 0),
      rateLimitPerAccount: integer('WIDGET_RATE_LIMIT_PER_ACCOUNT', 6000, 0),
      uploadMaxBytes: integer('UPLOAD_MAX_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    },
  };
  if (config.widget.publicUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(config.widget.publicUrl)) {
    problems.push(`PUBLIC_URL must be an http(s) URL like https://chat.example.com, got "${config.widget.publicUrl}"`);
  }
  if (config.realtime.nodeTimeoutMs <= 2 * config.realtime.nodeHeartbeatMs) {
    problems.push('REALTIME_NODE_TIMEOUT_MS must be more than twice REALTIME_NODE_HEARTBEAT_MS');
  }
  if (!Number.isInteger(Math.log2(config.passwordScryptN))) {
    problems.push(`PASSWORD_SCRYPT_N must be a power of two, got "${raw('PASSWORD_SCRYPT_N')}"`);
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/**
 * Local development: variables from `./.env` (or ENV_FILE) fill in what the environment does not set;
 * a variable already set always wins.
 */
export function loadDotEnv(path = process.env.ENV_FILE ?? '.env'): string | undefined {
  const file = resolve(path);
  if (!existsSync(file)) return undefined;
  for (const [name, value] of Object.entries(parseEnv(readFileSync(file, 'utf8')))) {
    if (process.env[name] === undefined) process.env[name] = value;
  }
  return file;
}
