import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

export const REQUEST_ID_HEADER = 'x-request-id';
/** A client's id is echoed only if it is short and plain; anything else gets a fresh UUID. */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

export function requestIdFor(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && ACCEPTED_REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * One line per request, when the response is sent: method, path (no query string: it may carry
 * filters with personal data), status, duration and the caller's account. The request id is in every
 * line logged through `request.log` and in the X-Request-Id response header. Routes declared @QuietLog()
 * (probes, which are hit every few seconds) log it at debug.
 */
export function registerRequestLogging(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const level = request.routeOptions.config.quietLog ? 'debug' : status >= 500 ? 'error' : 'info';
    // The process logger is pino's (logger.ts): below its level, no line object is built at all.
    if (!(request.log as unknown as Logger).isLevelEnabled(level)) return done();
    const path = request.url.split('?')[0];
    const user = request.user;
    request.log[level](
      {
        method: request.method,
        path,
        status,
        duration_ms: Math.round(reply.elapsedTime * 10) / 10,
        account_id: user?.accountId ?? null,
      },
      'request completed',
    );
    done();
  });
}
