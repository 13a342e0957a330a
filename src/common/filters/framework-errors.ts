import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { REQUEST_ID_HEADER } from '../logging/request-logging';

/**
 * What answers before any route runs, in the same envelope as every other error: Fastify's router
 * (a path that is not valid percent-encoding, `%ff`) and Node's HTTP parser (headers over its limit: 431,
 * a request not complete within REQUEST_TIMEOUT_MS: 408, anything unparseable: 400).
 */
const envelope = (status: number, message: string, requestId: string) =>
  JSON.stringify({ error: { status, message, request_id: requestId } });

/** Fastify's `frameworkErrors`: FST_ERR_BAD_URL and FST_ERR_ASYNC_CONSTRAINT, answered as a 400. */
export function answerFrameworkError(error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply) {
  const message =
    error.code === 'FST_ERR_BAD_URL' ? 'Bad Request: the path is not valid percent-encoding' : 'Bad Request';
  reply
    .code(400)
    .header(REQUEST_ID_HEADER, request.id)
    .type('application/json; charset=utf-8')
    .send(envelope(400, message, request.id));
}

const CLIENT_ERRORS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout: the request did not arrive within REQUEST_TIMEOUT_MS'],
};

/** Fastify's `clientErrorHandler`: the raw socket, no request object; the answer closes the connection. */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'Bad Request: malformed HTTP request'];
  const requestId = randomUUID();
  const body = envelope(status, message, requestId);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n${REQUEST_ID_HEADER}: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/**
 * REQUEST_TIMEOUT_MS for the body too: Node's requestTimeout stops applying once the head is parsed and the
 * request dispatched, so a body trickling in a byte at a time held its connection (and its handler) open for
 * as long as the client liked. The clock starts when the head has arrived.
 */
export function registerBodyDeadline(fastify: FastifyInstance, timeoutMs: number): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const raw = request.raw;
    // A request without Content-Length or Transfer-Encoding has no body to wait for (most GETs: no timer).
    const hasBody = raw.headers['content-length'] !== undefined || raw.headers['transfer-encoding'] !== undefined;
    // Injected requests (tests) have no socket to time out.
    if (hasBody && !raw.complete && raw.socket instanceof Socket) {
      const timer = setTimeout(() => {
        if (raw.complete || !raw.socket) return;
        answerClientError(
          Object.assign(new Error('body not received in time'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }),
          raw.socket,
        );
      }, timeoutMs);
      timer.unref();
      const clear = () => clearTimeout(timer);
      raw.once('end', clear);
      raw.once('close', clear);
      reply.raw.once('finish', clear);
    }
    done();
  });
}
