import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';

export interface ErrorResponse {
  status: number;
  body: { error: { code?: number; status: number; message: string; errors?: unknown; request_id?: string } };
}

const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Not authenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Request body is too large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
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
};

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
  const status = HttpStatus.INTERNAL_SERVER_ERROR;
  return { status, body: { error: { status, message: DEFAULT_MESSAGES[status] } } };
}

/** The one mapping to the envelope; `request_id` (also the X-Request-Id header) ties a report to the logs. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { status, body } = toErrorResponse(exception);
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    if (status >= 500) request.log.error({ err: exception }, 'unhandled error');
    body.error.request_id = request.id;
    this.adapterHost.httpAdapter.reply(host.switchToHttp().getResponse(), body, status);
  }
}
