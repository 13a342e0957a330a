import helmet from 'helmet';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { OPENAPI_UI_PATH } from '../../openapi/openapi';

/**
 * JSON answers (OWASP's REST set): nothing may render, frame or embed them, and a browser must not guess
 * their type. The headers that steer how a browser runs a document (script sources, COOP, DNS prefetch, …)
 * would be ~600 bytes on every answer that is never a document, so they go only where a page is served.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

/**
 * The HTML documentation (Swagger UI): Helmet's defaults, computed once. Swagger UI needs inline styles;
 * self-hosted servers are often reached over plain HTTP on a LAN, where upgrading requests would break it.
 */
export function documentSecurityHeaders(): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value),
    removeHeader: () => undefined,
  } as unknown as ServerResponse;
  const middleware = helmet({
    contentSecurityPolicy: {
      directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'upgrade-insecure-requests': null },
    },
  });
  middleware({} as IncomingMessage, response, () => undefined);
  return headers;
}

const DOCUMENT_ROUTE = new RegExp(`^/${OPENAPI_UI_PATH}(/|$)`);

/**
 * One onRequest hook, no per-request work: the matched route's header set (its pattern decides, stored in
 * its config when registered; unmatched paths get the API set).
 */
export function registerSecurityHeaders(fastify: FastifyInstance): void {
  const documentHeaders = documentSecurityHeaders();
  fastify.addHook('onRoute', (route) => {
    if (DOCUMENT_ROUTE.test(route.url)) route.config = { ...route.config, document: true };
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.routeOptions.config?.document ? documentHeaders : API_SECURITY_HEADERS);
    done();
  });
}
