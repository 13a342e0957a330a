import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, hashToken } from './auth-user';
import type { UserRole } from '../users/user.enums';
import { TtlCache } from '../common/cache/ttl-cache';
import type { AppConfig } from '../config/app.config';
import { InjectConfig } from '../config/config.module';

export interface Principal {
  user: AuthUser;
  disabled: boolean;
}

interface PrincipalRow {
  user_id: number;
  account_id: string;
  email: string;
  role: UserRole;
  disabled: boolean;
  key_id?: string;
}

const USER_COLUMNS = `u.id AS user_id, u.account_id, u.email, u.role,
  (u.disabled_at IS NOT NULL OR u.archived_at IS NOT NULL) AS disabled`;
const LAST_USED_RESOLUTION_MS = 60_000;

const toPrincipal = (row: PrincipalRow | undefined): Principal | null =>
  row
    ? {
        user: { userId: row.user_id, accountId: row.account_id, email: row.email, role: row.role },
        disabled: row.disabled,
      }
    : null;

const MAX_CACHED_KEYS = 10_000;

/**
 * Resolves credentials to a user, one indexed query each. A hot API key is served from memory for
 * API_KEY_CACHE_TTL_MS: deleting a key takes effect at once on the instance that deleted it, and within
 * that interval everywhere else (as does disabling its user). Disabled users are never cached.
 */
@Injectable()
export class CredentialsService {
  private readonly lastUsedWritten = new Map<string, number>();
  private readonly apiKeys: TtlCache<string, { keyId: string; principal: Principal }>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() config: AppConfig,
  ) {
    this.apiKeys = new TtlCache(config.apiKeyCacheTtlMs, MAX_CACHED_KEYS);
  }

  async userForApiKey(key: string): Promise<Principal | null> {
    const hash = hashToken(key);
    const cached = this.apiKeys.get(hash);
    if (cached) {
      await this.touchKey(cached.keyId);
      return cached.principal;
    }
    const [row] = await this.db.query<PrincipalRow[]>(
      `SELECT k.id AS key_id, ${USER_COLUMNS}
       FROM personal_api_keys k JOIN users u ON u.id = k.user_id
       WHERE k.key_hash = $1`,
      [hash],
    );
    const principal = toPrincipal(row);
    if (row?.key_id) await this.touchKey(row.key_id);
    if (row?.key_id && principal && !principal.disabled) this.apiKeys.set(hash, { keyId: row.key_id, principal });
    return principal;
  }

  forgetApiKey(keyId: string): void {
    this.apiKeys.deleteWhere((entry) => entry.keyId === keyId);
  }

  /** A user's cached keys, on this instance (disabled, re-roled or deleted; other instances: within the TTL). */
  forgetUser(userId: number): void {
    this.apiKeys.deleteWhere((entry) => entry.principal.user.userId === userId);
  }

  /** Every cached key of an account (deleted), on this instance. */
  forgetAccount(accountId: string): void {
    this.apiKeys.deleteWhere((entry) => entry.principal.user.accountId === accountId);
  }

  async userForAccessToken(token: string): Promise<Principal | null> {
    const [row] = await this.db.query<PrincipalRow[]>(
      `SELECT ${USER_COLUMNS}
       FROM user_sessions s JOIN users u ON u.id = s.user_id
       WHERE s.access_token_hash = $1 AND s.access_expires_at > now()`,
      [hashToken(token)],
    );
    return toPrincipal(row);
  }

  /** `last_used_at` to the minute: written at most once a minute per key (and process). */
  private async touchKey(keyId: string): Promise<void> {
    const now = Date.now();
    if (now - (this.lastUsedWritten.get(keyId) ?? 0) < LAST_USED_RESOLUTION_MS) return;
    this.lastUsedWritten.set(keyId, now);
    if (this.lastUsedWritten.size > 10_000) this.lastUsedWritten.clear();
    await this.db.query(`UPDATE personal_api_keys SET last_used_at = now() WHERE id = $1`, [keyId]);
  }
}
