import { randomBytes } from 'node:crypto';
import { signedHeaders } from './signature';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export interface PostResult {
  status: number | null;
  body: string;
  retryAfterMs: number | null;
  error: string | null;
}

/**
 * One POST with a hard timeout (AbortSignal.timeout covers connect, headers and body). Redirects are not
 * followed: a 3xx is a failed attempt, so a webhook cannot be bounced to an address it was not checked for.
 */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<PostResult> {
  try {
    const response = await fetch(url, { method: 'POST', body, headers, redirect: 'manual', signal });
    const text = (await response.text()).slice(0, 64 * 1024);
    return {
      status: response.status,
      body: text,
      retryAfterMs: retryAfter(response.headers.get('retry-after')),
      error: null,
    };
  } catch (error) {
    const name = (error as Error).name;
    const message =
      name === 'TimeoutError' ? 'timeout' : ((error as { cause?: Error }).cause?.message ?? (error as Error).message);
    return { status: null, body: '', retryAfterMs: null, error: message };
  }
}

/** `Retry-After`: delta-seconds or an HTTP date. */
function retryAfter(value: string | null): number | null {
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
export async function verifyWebhookUrl(url: string, timeoutMs: number, secret?: string): Promise<boolean> {
  // 64 characters of the base32 alphabet (A-Z, 2-7), like Papercups' Base.encode32 challenge.
  const challenge = [...randomBytes(64)].map((byte) => BASE32[byte & 31]).join('');
  const body = JSON.stringify({ event: 'webhook:verify', payload: challenge });
  const headers = secret
    ? signedHeaders(secret, `verify_${randomBytes(12).toString('hex')}`, body)
    : { 'content-type': 'application/json' };
  const result = await postJson(url, body, headers, AbortSignal.timeout(timeoutMs));
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
