import { createHash, randomBytes } from 'node:crypto';
import type { UserRole } from '../users/user.enums';

/** Who is calling; every query is scoped by `accountId`. */
export interface AuthUser {
  userId: number;
  accountId: string;
  email: string;
  role: UserRole;
}

export const generateToken = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`;

/** Tokens are long and random, so a fast hash is enough; only hashes are stored. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
