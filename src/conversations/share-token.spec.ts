import { randomBytes } from 'node:crypto';
import { signShareToken, verifyShareToken } from './share-token';

describe('shared conversation tokens', () => {
  const key = randomBytes(32);
  const claims = { conversationId: 'c1', accountId: 'a1', customerId: 'u1', expiresAt: 2_000 };

  it('verify what they sign, for that conversation, until they expire', () => {
    const token = signShareToken(key, claims);
    expect(verifyShareToken(key, token, 'c1', 1_000)).toEqual({ ok: true, claims });
    expect(verifyShareToken(key, token, 'c1', 2_000)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyShareToken(key, token, 'c2', 1_000)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuse another key, a changed body, and junk', () => {
    const token = signShareToken(key, claims);
    expect(verifyShareToken(randomBytes(32), token, 'c1', 1_000).ok).toBe(false);
    const forged = Buffer.from(JSON.stringify({ c: 'c1', a: 'a2', u: 'u1', e: 2_000 })).toString('base64url');
    expect(verifyShareToken(key, `${forged}.${token.split('.')[1]}`, 'c1', 1_000).ok).toBe(false);
    for (const junk of ['', '.', 'a.b.c', 'no-dot', `${token}x`]) {
      expect(verifyShareToken(key, junk, 'c1', 1_000)).toEqual({ ok: false, reason: 'invalid' });
    }
  });
});
