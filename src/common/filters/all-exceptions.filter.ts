import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { fromDatabaseError, notImplemented } from '../errors';
import { notServedFeature } from '../http/not-served';

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
  501: 'Not Implemented',
};

const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'Malformed JSON body',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Malformed JSON body: the body is empty',
  FST_ERR_CTP_BODY_TOO_LARGE: 'Request body is too large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Unsupported Media Type: send application/json or application/x-www-form-urlencoded',
};

function fromHttpException(exception: HttpException): ErrorResponse {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const details = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
  // An unmatched path of a feature left out (billing, Slack, …) names it: 501 instead of a bare 404.
  const unmatched = status === 404 && typeof details.message === 'string' && /^Cannot \S+ (\S+)/.exec(details.message);
  const feature = unmatched ? notServedFeature(unmatched[1]) : undefined;
  if (feature) return fromHttpException(notImplemented(feature));
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

/** The one mapping from any thrown value to the error envelope (database errors: common/errors.ts). */
function toErrorResponse(exception: unknown): ErrorResponse {
  const known = exception instanceof HttpException ? exception : fromDatabaseError(exception);
  if (known) return fromHttpException(known);
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
    if (status === 503) request.log.warn({ err: exception }, 'database unavailable');
    else if (status >= 500 && status !== 501) request.log.error({ err: exception }, 'unhandled error');
    body.error.request_id = request.id;
    const response = host.switchToHttp().getResponse();
    // 429 and 503 say when to come back, in the body and as the standard header.
    if (body.error.retry_after !== undefined) {
      this.adapterHost.httpAdapter.setHeader(response, 'retry-after', String(body.error.retry_after));
    }
    this.adapterHost.httpAdapter.reply(response, body, status);
  }
}
