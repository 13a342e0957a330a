import { existsSync, readFileSync } from 'node:fs';
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
  bodyLimitBytes: number;
  registrationDisabled: boolean;
  logLevel: LogLevel;
  /** `pretty` (human-readable, needs pino-pretty) or `json`; by default pretty only when stdout is a terminal. */
  logFormat: 'json' | 'pretty';
  /** `true` reflects any origin as `*` (Papercups' behaviour); otherwise the allowed origins. */
  corsOrigins: true | string[];
  shutdownGraceMs: number;
  /** Reserved for webhook delivery (parsed and validated; not used yet). */
  webhookTimeoutMs: number;
  webhookMaxAttempts: number;
  webhookAllowPrivateUrls: boolean;
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

function corsOrigins(value: string | undefined, problems: string[]): true | string[] {
  if (value === undefined || value === '*') return true;
  const origins = value.split(',').map((o) => o.trim()).filter(Boolean);
  const bad = origins.filter((o) => !/^https?:\/\/[^/\s]+$/.test(o));
  if (bad.length || !origins.length) {
    problems.push(`CORS_ORIGINS must be * or a comma-separated list of origins like https://app.example.com, got "${value}"`);
    return true;
  }
  return origins;
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
    bodyLimitBytes: integer('BODY_LIMIT_BYTES', 1024 * 1024, 1024),
    registrationDisabled: bool('PAPERCUPS_REGISTRATION_DISABLED'),
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    logFormat: oneOf('LOG_FORMAT', ['json', 'pretty'] as const, process.stdout.isTTY ? 'pretty' : 'json'),
    corsOrigins: corsOrigins(raw('CORS_ORIGINS'), problems),
    shutdownGraceMs: integer('SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    webhookTimeoutMs: integer('WEBHOOK_TIMEOUT_MS', 5_000, 100, 120_000),
    webhookMaxAttempts: integer('WEBHOOK_MAX_ATTEMPTS', 5, 1, 100),
    webhookAllowPrivateUrls: bool('WEBHOOK_ALLOW_PRIVATE_URLS'),
  };
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
