import type { FastifyInstance, FastifyReply } from 'fastify';
import { etagOfBody, withIfMatch } from './if-match';

/** Methods whose single-resource answers carry an ETag of the representation. */
const TAGGED = new Set(['GET', 'PUT', 'PATCH', 'DELETE']);
/** Methods whose If-Match the write's services compare inside their transaction (`assertIfMatch`). */
const CONDITIONAL = new Set(['PUT', 'PATCH', 'DELETE']);

/**
 * A single resource's answer (not a list, a stream or a 204), serialised here by the envelope so its ETag is
 * the hash of the very bytes sent, with no onSend hook on every other answer.
 */
export function representation(reply: FastifyReply, body: unknown): string {
  const text = JSON.stringify(body);
  if (reply.statusCode === 200 && TAGGED.has(reply.request.method)) reply.header('etag', etagOfBody(text));
  reply.type('application/json; charset=utf-8');
  return text;
}

/**
 * Optimistic concurrency for every resource at once, on Fastify's hooks so that routes with nothing to do
 * pay nothing. A single resource's answer (GET, PUT/PATCH, a DELETE that returns one) carries the ETag of
 * the bytes being sent (`representation`, called by the envelope). A PUT/PATCH/DELETE's If-Match is handed
 * to the handler's services through AsyncLocalStorage; they compare it inside their write transaction
 * against the row locked there: one request, one pass through the guards, and serialised by PostgreSQL
 * across every instance.
 */
export function registerConditionalRequests(fastify: FastifyInstance): void {
  // After the body is parsed, right before the handler: the handler and its transaction run in this context.
  fastify.addHook('preHandler', (request, _reply, done) => {
    const ifMatch = request.headers['if-match'];
    if (typeof ifMatch === 'string' && CONDITIONAL.has(request.method)) withIfMatch(ifMatch, done);
    else done();
  });
}
