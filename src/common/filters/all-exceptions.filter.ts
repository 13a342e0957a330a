import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';

export interface ErrorResponse {
  status: number;
  body: {
    error: {
      code?: number;
      status: number;
      message: string;
      errors?: unknown;
      retry_after?: number;
      request_id?: string;
    };
  };
  headers?: Record<string, string>;
}

const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Not authenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Request body is too large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable: the database is unreachable, retry shortly',
};

const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'Malformed JSON body',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Malformed JSON body: the body is empty',
  FST_ERR_CTP_BODY_TOO_LARGE: 'Request body is too large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Unsupported Media Type: send application/json or application/x-www-form-urlencoded',
};

/** Postgres errors that mean the input was wrong, not the server (validation should catch them first). */
const PG_CLIENT_ERRORS: Record<string, [number, string]> = {
  '22P02': [400, 'Bad Request'], // invalid_text_representation
  '22001': [422, 'A value is too long'], // string_data_right_truncation
  '22003': [422, 'A number is out of range'], // numeric_value_out_of_range
  '23502': [422, 'A required value is missing'], // not_null_violation
  '23503': [422, 'A referenced record does not exist'], // foreign_key_violation
  '23505': [422, 'A record with these values already exists'], // unique_violation
  '23514': [422, 'A value is invalid'], // check_violation
  '22021': [422, 'A value contains a character that cannot be stored'], // character_not_in_repertoire (NUL)
  '22P05': [422, 'A value contains a character that cannot be stored'], // untranslatable_character (\u0000 in jsonb)
  '54000': [422, 'A value is too large'], // program_limit_exceeded (index row size)
};

/** Socket and server-state errors: the database is down, restarting or unreachable (not a bug: 503, retry). */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established|the database system is (starting up|shutting down|in recovery)/i;

type Chained = { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };

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

function fromHttpException(exception: HttpException): ErrorResponse {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const details = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
  // Nest's unknown-route 404 says "Cannot GET /x"; answer it like any other missing record.
  const own = typeof details.message === 'string' && !(status === 404 && details.message.startsWith('Cannot '));
  // Nest wraps Fastify's parser errors (bad JSON, body too large) with Fastify's own wording as the cause.
  const parserMessage = FASTIFY_MESSAGES[(exception.cause as { code?: string } | undefined)?.code ?? ''];
  const error: ErrorResponse['body']['error'] = {
    ...(typeof details.code === 'number' ? { code: details.code } : {}),
    status,
    message: parserMessage ?? (own ? (details.message as string) : (DEFAULT_MESSAGES[status] ?? exception.message)),
    ...(details.errors ? { errors: details.errors } : {}),
    ...(typeof details.retry_after === 'number' ? { retry_after: details.retry_after } : {}),
  };
  return { status, body: { error } };
}

/** The one mapping from any thrown value to the error envelope. */
function toErrorResponse(exception: unknown): ErrorResponse {
  if (exception instanceof HttpException) return fromHttpException(exception);
  if (exception instanceof QueryFailedError) {
    const known = PG_CLIENT_ERRORS[(exception.driverError as { code?: string })?.code ?? ''];
    if (known) return { status: known[0], body: { error: { status: known[0], message: known[1] } } };
  }
  if (isDatabaseUnavailable(exception)) {
    const status = HttpStatus.SERVICE_UNAVAILABLE;
    return {
      status,
      body: { error: { status, message: DEFAULT_MESSAGES[status], retry_after: 1 } },
      headers: { 'retry-after': '1' },
    };
  }
  const status = HttpStatus.INTERNAL_SERVER_ERROR;
  return { status, body: { error: { status, message: DEFAULT_MESSAGES[status] } } };
}

/** The one mapping to the envelope; `request_id` (also the X-Request-Id header) ties a report to the logs. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { status, body, headers } = toErrorResponse(exception);
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    if (status === 503) request.log.warn({ err: exception }, 'database unavailable');
    else if (status >= 500) request.log.error({ err: exception }, 'unhandled error');
    body.error.request_id = request.id;
    const response = host.switchToHttp().getResponse();
    for (const [name, value] of Object.entries(headers ?? {}))
      this.adapterHost.httpAdapter.setHeader(response, name, value);
    this.adapterHost.httpAdapter.reply(response, body, status);
  }
}
