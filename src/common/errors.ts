import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  HttpStatus,
  NotFoundException,
  ServiceUnavailableException,
  UnauthorizedException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { QueryFailedError } from 'typeorm';

/**
 * Every error the server answers with, and how database errors map to them. The error filter turns each
 * into the envelope `{"error":{"status","message",...,"request_id"}}`; `code`, `errors` and `retry_after`
 * in a factory's body are copied into it.
 */

export type FieldErrors = { [field: string]: string[] | FieldErrors };

// 400

export const badRequest = (message: string, errors?: FieldErrors) =>
  new BadRequestException(errors ? { message, errors } : { message });

// 401

/** No credential, or one the route does not take (Papercups' `code: 401`). */
export const notAuthenticated = () => new UnauthorizedException({ code: 401, message: 'Not authenticated' });

export const accountDisabled = () =>
  new UnauthorizedException({
    message: 'Your account is disabled. Please contact your team admin to enable your account.',
  });

export const invalidLogin = () => new UnauthorizedException({ message: 'Invalid email or password' });

/** An unknown, used or expired renew token. */
export const invalidToken = () => new UnauthorizedException({ message: 'Invalid token' });

/** PUT /api/reset_password with an unknown, used or expired token (Papercups' words). */
export const invalidResetLink = () => new UnauthorizedException({ message: 'Invalid or expired password reset link' });

/** POST /api/verify_email with an unknown or expired token (Papercups' words). */
export const invalidVerificationToken = () => new UnauthorizedException({ message: 'Invalid verification token' });

// 403

/** The caller is authenticated but its role may not do this (an admin-only action). */
export const forbidden = (message = 'Forbidden: only an admin of the account can do this') =>
  new ForbiddenException({ message });

export const registrationDisabled = () =>
  new ForbiddenException({ message: 'An invitation token is required to register' });

/** The chat widget's Origin is not one of the account's allowed origins (widget security). */
export const originNotAllowed = () =>
  new ForbiddenException({ message: 'This origin may not use the chat widget of this account' });

/** Identity verification is on and `user_hash` is missing or not the HMAC of `external_id`. */
export const identityNotVerified = () =>
  new ForbiddenException({ message: 'external_id needs a valid user_hash (identity verification is on)' });

// 404

/** Missing and foreign records answer alike, so ids of other accounts cannot be probed. */
export const notFound = () => new NotFoundException({ message: 'Not found' });

/** The widget's account id names no account (Papercups' wording, which the SDK logs). */
export const accountNotFound = (accountId: string) =>
  new NotFoundException({
    message: `No account found with ID: ${accountId}. Are you pointing at the correct host?`,
  });

// 409

export const idempotencyKeyInProgress = () =>
  new ConflictException({ message: 'A request with this Idempotency-Key is still in progress' });

/** A replay of a request whose response carried a secret (shown once): it succeeded, the secret is not repeated. */
export const idempotentSecretNotReplayed = () =>
  new ConflictException({
    message:
      'The request with this Idempotency-Key already succeeded; its response contained a secret, which is shown only once and not repeated',
  });

// 412

export const preconditionFailed = () =>
  new HttpException(
    { message: 'Precondition Failed: the resource has changed since the ETag in If-Match was issued' },
    HttpStatus.PRECONDITION_FAILED,
  );

// 413 / 415

export const fileTooLarge = (maxBytes: number) =>
  new HttpException({ message: `The file is larger than ${maxBytes} bytes` }, HttpStatus.PAYLOAD_TOO_LARGE);

export const unsupportedFile = (reason: string) =>
  new HttpException({ message: `Unsupported file: ${reason}` }, HttpStatus.UNSUPPORTED_MEDIA_TYPE);

// 422

/** 422 with an Ecto-style field tree: {"error":{"status":422,"message":"Unprocessable Entity","errors":{...}}}. */
export const invalidFields = (errors: FieldErrors) =>
  new UnprocessableEntityException({ message: 'Unprocessable Entity', errors });

export const unprocessable = (message: string) => new UnprocessableEntityException({ message });

/** Papercups' integration passthroughs this server keeps no authorization for. */
export const notConfigured = (integration: string) => unprocessable(`${integration} integration not configured`);

// 501

/** A Papercups feature this server leaves out (src/common/http/not-served.ts). */
export const notImplemented = (feature: string) =>
  new HttpException(
    { message: `${feature} is not part of this server (see "What stays out" in its README)` },
    HttpStatus.NOT_IMPLEMENTED,
  );

// 429

/** The filter also sends `Retry-After` from `retry_after`. */
export const tooManyRequests = (retryAfter: number) =>
  new HttpException(
    { message: `Too Many Requests: retry in ${retryAfter} s`, retry_after: retryAfter },
    HttpStatus.TOO_MANY_REQUESTS,
  );

/** EVENT_STREAM_MAX_PER_KEY streams of this key are open already (on this instance). */
export const tooManyStreams = (max: number) =>
  new HttpException(
    { message: `Too Many Requests: at most ${max} event streams per API key`, retry_after: 5 },
    HttpStatus.TOO_MANY_REQUESTS,
  );

// 503

export const databaseUnavailable = () =>
  new ServiceUnavailableException({
    message: 'Service Unavailable: the database is unreachable, retry shortly',
    retry_after: 1,
  });

// PostgreSQL errors

const UNIQUE_VIOLATION = '23505';

/** Postgres errors that mean the input was wrong, not the server (validation should catch them first). */
const PG_CLIENT_ERRORS: Record<string, [number, string]> = {
  '22P02': [400, 'Bad Request'], // invalid_text_representation
  '22001': [422, 'A value is too long'], // string_data_right_truncation
  '22003': [422, 'A number is out of range'], // numeric_value_out_of_range
  '23502': [422, 'A required value is missing'], // not_null_violation
  '23503': [422, 'A referenced record does not exist'], // foreign_key_violation
  [UNIQUE_VIOLATION]: [422, 'A record with these values already exists'], // unique_violation
  '23514': [422, 'A value is invalid'], // check_violation
  '22021': [422, 'A value contains a character that cannot be stored'], // character_not_in_repertoire (NUL)
  '22P05': [422, 'A value contains a character that cannot be stored'], // untranslatable_character (\u0000 in jsonb)
  '54000': [422, 'A value is too large'], // program_limit_exceeded (index row size)
  '57014': [503, 'Service Unavailable: the query ran longer than DATABASE_STATEMENT_TIMEOUT_MS'], // query_canceled
};

/** Socket and server-state errors: the database is down, restarting or unreachable (not a bug: 503, retry). */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established|the database system is (starting up|shutting down|in recovery)/i;

type Chained = { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };

const driverErrorOf = (error: unknown) =>
  error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;

/**
 * A write refused by a unique constraint or index (`constraint`: only that one). Services that turn a
 * race into a field error catch with this; any other unique violation reaches the filter as a 422.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = driverErrorOf(error);
  return pg?.code === UNIQUE_VIOLATION && (constraint === undefined || pg.constraint === constraint);
}

export function isDatabaseUnavailable(exception: unknown): boolean {
  let error = exception as Chained | undefined;
  for (
    let depth = 0;
    error && typeof error === 'object' && depth < 5;
    depth++, error = (error.driverError ?? error.cause) as Chained
  ) {
    const code = typeof error.code === 'string' ? error.code : '';
    // 08xxx connection exceptions; 57P01-57P03 admin/crash shutdown, cannot connect now.
    if (UNAVAILABLE_CODES.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code)) return true;
    if (typeof error.message === 'string' && UNAVAILABLE_MESSAGES.test(error.message)) return true;
  }
  return false;
}

/** The error a database failure stands for: bad input (4xx) or an outage (503); undefined for anything else. */
export function fromDatabaseError(exception: unknown): HttpException | undefined {
  const known = PG_CLIENT_ERRORS[driverErrorOf(exception)?.code ?? ''];
  if (known) return new HttpException({ message: known[1] }, known[0]);
  return isDatabaseUnavailable(exception) ? databaseUnavailable() : undefined;
}
