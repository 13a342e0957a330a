import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppConfig } from '../../config/app.config';
import { REQUEST_ID_HEADER } from '../logging/request-logging';

const CORS_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE';
const CORS_EXPOSED_HEADERS = `${REQUEST_ID_HEADER}, location`;
const CORS_MAX_AGE_SECONDS = '86400';

/** An empty 204; Safari waits for a body on a 204 without Content-Length: 0. */
const noContent = (reply: FastifyReply) => reply.code(204).header('content-length', '0').send();

/**
 * CORS on the wire as @fastify/cors answered it for our options (origin `*` or a list, the methods above,
 * exposed X-Request-Id and Location, max-age one day, no strict preflight), with the values computed once:
 *
 * - `*` (CORS_ORIGINS unset): `Access-Control-Allow-Origin: *` and the exposed headers on every answer.
 * - A list: the request's Origin is echoed only when listed; `Vary: Origin` and the exposed headers always.
 * - Any OPTIONS is a preflight, answered here for every path (known or not) with 204 and an empty body:
 *   the allowed methods, Access-Control-Request-Headers echoed (hence `Vary`), max-age. It ends before the
 *   later request hooks (no X-Request-Id, no security headers), as before.
 *
 * Registered before the other request hooks so that every answer they end carries the headers.
 */
export function registerCors(fastify: FastifyInstance, config: Pick<AppConfig, 'corsOrigins'>): void {
  const anyOrigin = config.corsOrigins === true || config.corsOrigins.includes('*');
  const allowed = new Set(anyOrigin ? [] : (config.corsOrigins as string[]));
  const preflightVary = anyOrigin ? 'Access-Control-Request-Headers' : 'Origin, Access-Control-Request-Headers';

  fastify.addHook('onRequest', (request, reply, done) => {
    if (anyOrigin) {
      reply.header('access-control-allow-origin', '*');
    } else {
      reply.header('vary', 'Origin');
      const origin = request.headers.origin;
      if (origin !== undefined && allowed.has(origin)) reply.header('access-control-allow-origin', origin);
    }
    reply.header('access-control-expose-headers', CORS_EXPOSED_HEADERS);
    if (request.raw.method !== 'OPTIONS') return done();

    reply.header('access-control-allow-methods', CORS_METHODS);
    reply.header('vary', preflightVary);
    const requested = request.headers['access-control-request-headers'];
    if (requested !== undefined) reply.header('access-control-allow-headers', requested);
    reply.header('access-control-max-age', CORS_MAX_AGE_SECONDS);
    noContent(reply);
  });

  // Lets the router accept a preflight on any path; the hook above has answered it before this runs.
  fastify.options('*', (_request, reply) => {
    noContent(reply);
  });
}
