import { EntityManager, IsNull } from 'typeorm';
import { generateToken, hashToken } from '../auth/auth-user';
import { UserToken } from './entities/user-token.entity';
import { UserTokenPurpose } from './user-token.enums';

/** How long a link works. */
export const TOKEN_TTL_MS: Record<UserTokenPurpose, number> = {
  password_reset: 60 * 60 * 1000,
  email_confirmation: 7 * 24 * 60 * 60 * 1000,
};

/** A fresh token replaces the user's unused ones of that purpose (only the newest link works). */
export async function issueToken(manager: EntityManager, userId: number, purpose: UserTokenPurpose): Promise<string> {
  const token = generateToken('');
  await manager.delete(UserToken, { userId, purpose, usedAt: IsNull() });
  await manager.insert(UserToken, {
    userId,
    purpose,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + TOKEN_TTL_MS[purpose]),
  });
  return token;
}

/**
 * Marks the token used and returns its user, or null when it is unknown, expired or already used. One
 * statement: of two concurrent uses, the second waits for the first's row lock and then finds it used.
 */
export async function consumeToken(
  manager: EntityManager,
  token: string,
  purpose: UserTokenPurpose,
): Promise<number | null> {
  const [rows]: [{ user_id: number }[], number] = await manager.query(
    `UPDATE user_tokens SET used_at = now()
     WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
     RETURNING user_id`,
    [hashToken(token), purpose],
  );
  return rows[0]?.user_id ?? null;
}
