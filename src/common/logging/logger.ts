import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger } from 'pino';
import type { AppConfig } from '../../config/app.config';

/**
 * Keys whose values never reach a log line, at any of the first four levels of a logged object.
 * `parameters`: a TypeORM QueryFailedError's bound values (token hashes, personal data).
 */
const SECRET_KEYS = new Set([
  'authorization',
  'cookie',
  'password',
  'password_confirmation',
  'token',
  'renew_token',
  'access_token',
  'api_key',
  'apiKey',
  'secret',
  'value',
  'key',
  'databaseUrl',
  'smtpUrl',
  'SMTP_URL',
  'DATABASE_URL',
  'parameters',
]);
const CENSOR = '[REDACTED]';
const REDACTED_LEVELS = 4;

/** A shallow copy that keeps what makes an Error an Error (its prototype, message and stack). */
function copyOf(value: object): Record<string, unknown> {
  if (Array.isArray(value)) return [...value] as never;
  return Object.create(Object.getPrototypeOf(value), Object.getOwnPropertyDescriptors(value)) as never;
}

/**
 * `value` with every secret key's value censored down to REDACTED_LEVELS levels, copied only where
 * something is censored. Pino's own `redact` with wildcard paths (`*.token`) runs a wildcard redactor over
 * every binding and field of every line: ~13 µs for each request's child logger alone.
 */
export function redactSecrets<T>(value: T, level = 1): T {
  if (level > REDACTED_LEVELS || value === null || typeof value !== 'object') return value;
  if (value instanceof Date || ArrayBuffer.isView(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const inner = (value as Record<string, unknown>)[key];
    const censored = SECRET_KEYS.has(key) && inner !== undefined ? CENSOR : redactSecrets(inner, level + 1);
    if (censored === inner) continue;
    copy ??= copyOf(value);
    copy[key] = censored;
  }
  return (copy ?? value) as T;
}

function prettyTransport() {
  try {
    require.resolve('pino-pretty');
    return pino.transport({
      target: 'pino-pretty',
      // LOG_FORMAT=pretty into a file or a pipe: no colour codes there.
      options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', colorize: Boolean(process.stdout.isTTY) },
    });
  } catch {
    return undefined; // pino-pretty is a dev dependency: production images log JSON.
  }
}

/** The process-wide pino logger: JSON lines (or pino-pretty in a terminal), secrets redacted. */
export function createLogger(
  config: Pick<AppConfig, 'logLevel' | 'logFormat'>,
  destination?: DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    base: { service: 'papercups-nest' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }), bindings: redactSecrets, log: redactSecrets },
  };
  const stream = destination ?? (config.logFormat === 'pretty' ? prettyTransport() : undefined);
  return stream ? pino(options, stream) : pino(options);
}

/**
 * Nest's bootstrap chatter: a line per module, controller and route (~95 at startup). At `debug`; the startup
 * summary (startup-summary.ts) says at `info` what an operator needs.
 */
const FRAMEWORK_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

/** Nest's own messages (bootstrap, exceptions, the database) through the same pino logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  private write(level: 'error' | 'warn' | 'info' | 'debug' | 'trace', message: unknown, params: unknown[]) {
    const context = typeof params.at(-1) === 'string' ? (params.pop() as string) : undefined;
    if (level === 'info' && context && FRAMEWORK_CONTEXTS.has(context)) level = 'debug';
    const fields: Record<string, unknown> = context ? { context } : {};
    if (level === 'error' && typeof params[0] === 'string') fields.stack = params[0];
    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ ...fields, ...message });
    else this.logger[level](fields, String(message));
  }

  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
}
