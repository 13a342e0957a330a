import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger } from 'pino';
import type { AppConfig } from '../../config/app.config';

/**
 * Keys whose values never reach a log line, at any of the first four levels of a logged object.
 * `parameters`: a TypeORM QueryFailedError's bound values (token hashes, personal data).
 */
const SECRET_KEYS = [
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
];
export const REDACTED_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]);

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
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
    formatters: { level: (label) => ({ level: label }) },
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
