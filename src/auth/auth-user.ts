import { hash, randomBytes } from 'node:crypto';
import type { UserRole } from '../users/user.enums';

/** Who is calling; every query is scoped by `accountId`. */
export interface AuthUser {
  userId: number;
  accountId: string;
  email: string;
  role: UserRole;
}

export const generateToken = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`;

/**
 * Tokens are long and random, so a fast hash is enough; only hashes are stored. One-shot `hash()`: a Hash
 * object per call (createHash) cost several µs of every authenticated request.
 */
export const hashToken = (token: string) => hash('sha256', token, 'hex');
