/** Every environment variable the server reads, parsed and checked once at boot. */
export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  bodyLimitBytes: number;
  registrationDisabled: boolean;
  apiKeyCacheTtlMs: number;
  webhooks: WebhookConfig;
  /** Events older than this many days are deleted from the log (and their deliveries with them). */
  eventRetentionDays: number;
  /** Milliseconds between two heartbeat comments on an idle event stream. */
  streamHeartbeatMs: number;
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
}

function integer(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  }
  return value;
}

const flag = (name: string) => ['1', 'true'].includes((process.env[name] ?? '').toLowerCase());

export function loadConfig(): AppConfig {
  return {
    port: integer('PORT', 4000, 0),
    host: process.env.HOST || '0.0.0.0',
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: process.env.DATA_DIR || '.data',
    bodyLimitBytes: integer('BODY_LIMIT_BYTES', 1024 * 1024, 1024),
    registrationDisabled: flag('PAPERCUPS_REGISTRATION_DISABLED'),
    apiKeyCacheTtlMs: integer('API_KEY_CACHE_TTL_MS', 10_000, 0),
    webhooks: {
      timeoutMs: integer('WEBHOOK_TIMEOUT_MS', 10_000, 100),
      maxAttempts: integer('WEBHOOK_MAX_ATTEMPTS', 10, 1),
      retryBaseMs: integer('WEBHOOK_RETRY_BASE_MS', 30_000, 1),
      pollIntervalMs: integer('WEBHOOK_POLL_INTERVAL_MS', 1_000, 10),
      disableAfterFailures: integer('WEBHOOK_DISABLE_AFTER_FAILURES', 50, 1),
      allowPrivateUrls: flag('WEBHOOK_ALLOW_PRIVATE_URLS'),
    },
    eventRetentionDays: integer('EVENT_RETENTION_DAYS', 30, 1),
    streamHeartbeatMs: integer('EVENT_STREAM_HEARTBEAT_MS', 15_000, 100),
  };
}
