import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';

/** A Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export const generateSecret = () => `${PREFIX}${randomBytes(32).toString('base64')}`;

/**
 * Standard Webhooks (https://www.standardwebhooks.com): `v1,` + base64(HMAC-SHA256(key, "<id>.<timestamp>.<body>"))
 * where key is the base64-decoded part of the secret after `whsec_`.
 */
export function sign(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.slice(PREFIX.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The headers of every webhook POST; `id` is the delivery id, the same on every retry of it. */
export function signedHeaders(secret: string, id: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = Math.floor(now / 1000);
  return {
    'content-type': 'application/json',
    'user-agent': 'papercups-nest-webhooks/1',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': sign(secret, id, timestamp, body),
  };
}
