/** Every environment variable the server reads, parsed and checked once at boot. */
export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  bodyLimitBytes: number;
  registrationDisabled: boolean;
  apiKeyCacheTtlMs: number;
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
  };
}
