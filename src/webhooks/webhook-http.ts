import { randomBytes } from 'node:crypto';
import { request as httpRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { signedHeaders } from './signature';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** The most of a receiver's answer ever read: the rest is never downloaded (the connection is dropped). */
export const MAX_RESPONSE_BYTES = 64 * 1024;

export interface PostResult {
  status: number | null;
  body: string;
  retryAfterMs: number | null;
  error: string | null;
}

export interface PostOptions {
  timeoutMs: number;
  /** Resolves the host name and may refuse its addresses; the connection goes to what it answers (pinned). */
  lookup?: LookupFunction;
}

/**
 * One POST with a hard deadline (connect, headers and body). The response body is read as it streams, up
 * to MAX_RESPONSE_BYTES, and then the socket is destroyed: a receiver answering 200 MiB costs 64 KiB.
 * Redirects are not followed: a 3xx is a failed attempt, so a webhook cannot be bounced to an address it
 * was not checked for. No connection pooling (agent: false): each POST resolves and checks again.
 */
export function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  { timeoutMs, lookup }: PostOptions,
): Promise<PostResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(result);
    };
    const failed = (error: string) => finish({ status: null, body: '', retryAfterMs: null, error });
    const onResponse = (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () =>
        finish({
          status: response.statusCode ?? null,
          body: Buffer.concat(chunks).toString('utf8'),
          retryAfterMs: retryAfter(response.headers['retry-after']),
          error: null,
        });
      response.on('data', (chunk: Buffer) => {
        const room = MAX_RESPONSE_BYTES - size;
        chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
        size += Math.min(chunk.length, room);
        if (size >= MAX_RESPONSE_BYTES) done();
      });
      response.on('end', done);
      response.on('error', () => done());
    };
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve({ status: null, body: '', retryAfterMs: null, error: 'invalid URL' });
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        agent: false,
        lookup,
      },
      onResponse,
    );
    request.on('error', (error: NodeJS.ErrnoException) => failed(error.message));
    const timer = setTimeout(() => failed('timeout'), timeoutMs);
    request.end(body);
  });
}

/** `Retry-After`: delta-seconds or an HTTP date. */
function retryAfter(value: string | undefined): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/**
 * Papercups' webhook:verify handshake: POST `{"event":"webhook:verify","payload":"<challenge>"}`; verified
 * iff the response body is the challenge (raw, or as a JSON string) or a JSON object whose `challenge` is
 * it. The HTTP status is not checked, as in Papercups. Signed when the subscription's secret is known.
 */
export async function verifyWebhookUrl(url: string, options: PostOptions, secret?: string): Promise<boolean> {
  // 64 characters of the base32 alphabet (A-Z, 2-7), like Papercups' Base.encode32 challenge.
  const challenge = [...randomBytes(64)].map((byte) => BASE32[byte & 31]).join('');
  const body = JSON.stringify({ event: 'webhook:verify', payload: challenge });
  const headers = secret
    ? signedHeaders(secret, `verify_${randomBytes(12).toString('hex')}`, body)
    : { 'content-type': 'application/json' };
  const result = await postJson(url, body, headers, options);
  if (result.status === null) return false;
  if (result.body === challenge) return true;
  try {
    const decoded = JSON.parse(result.body);
    return (
      decoded === challenge || (typeof decoded === 'object' && decoded !== null && decoded.challenge === challenge)
    );
  } catch {
    return false;
  }
}
