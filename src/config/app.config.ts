/** Every environment variable the server reads, parsed and checked once at boot. */
export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  bodyLimitBytes: number;
  registrationDisabled: boolean;
  apiKeyCacheTtlMs: number;
  /** Requests per minute per API key / session user (0: no limit). */
  rateLimitPerMinute: number;
  /** Requests per minute per client IP on the public auth routes (0: no limit). */
  rateLimitAuthPerMinute: number;
  /** A request must arrive completely within this many ms (slow clients are cut off); also the socket idle timeout. */
  requestTimeoutMs: number;
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
    rateLimitPerMinute: integer('RATE_LIMIT_PER_MINUTE', 6000, 0),
    rateLimitAuthPerMinute: integer('RATE_LIMIT_AUTH_PER_MINUTE', 600, 0),
    requestTimeoutMs: integer('REQUEST_TIMEOUT_MS', 30_000, 100),
  };
}
