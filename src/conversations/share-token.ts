import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ServerSecret } from './entities/server-secret.entity';

/** Papercups' max_age: a shared link works for 24 hours. */
export const SHARE_TTL_MS = 24 * 60 * 60 * 1000;
const SECRET_NAME = 'shared_conversation_links';

export interface ShareClaims {
  conversationId: string;
  accountId: string;
  customerId: string;
  /** Expiry, ms since the epoch. */
  expiresAt: number;
}

export type ShareCheck = { ok: true; claims: ShareClaims } | { ok: false; reason: 'expired' | 'invalid' };

/** The signing key: made by whichever instance needs it first, then the same for all (ON CONFLICT keeps the first). */
export async function loadShareKey(manager: EntityManager): Promise<Buffer> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(ServerSecret)
    .values({ name: SECRET_NAME, value: randomBytes(32).toString('base64') })
    .orIgnore()
    .execute();
  const row = await manager.findOneByOrFail(ServerSecret, { name: SECRET_NAME });
  return Buffer.from(row.value, 'base64');
}

const mac = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest('base64url');

/** `<claims, base64url JSON>.<HMAC-SHA256 of them>`: stateless, checked without a lookup. */
export function signShareToken(key: Buffer, claims: ShareClaims): string {
  const body = Buffer.from(
    JSON.stringify({ c: claims.conversationId, a: claims.accountId, u: claims.customerId, e: claims.expiresAt }),
  ).toString('base64url');
  return `${body}.${mac(key, body)}`;
}

export function verifyShareToken(key: Buffer, token: string, conversationId: string, now = Date.now()): ShareCheck {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(mac(key, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
  let parsed: { c?: unknown; a?: unknown; u?: unknown; e?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const { c, a, u, e } = parsed;
  if (typeof c !== 'string' || typeof a !== 'string' || typeof u !== 'string' || typeof e !== 'number') {
    return { ok: false, reason: 'invalid' };
  }
  // A link names one conversation: another id with it is refused like a forged one.
  if (c !== conversationId.toLowerCase()) return { ok: false, reason: 'invalid' };
  if (e <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { conversationId: c, accountId: a, customerId: u, expiresAt: e } };
}
