import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { generateToken, hashToken } from './auth-user';
import { accountDisabled, invalidFields, invalidLogin, invalidToken } from '../common/errors';
import type { AppConfig } from '../config/app.config';
import { InjectConfig } from '../config/config.module';
import { AuthFailuresService } from '../rate-limit/auth-failures.service';
import { User } from '../users/entities/user.entity';
import { SessionTokensResponse } from './dto/session.response';
import { UserSession } from './entities/user-session.entity';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './password';

const ACCESS_TTL_MS = 30 * 60 * 1000;
const RENEW_TTL_MS = 30 * 24 * 60 * 60 * 1000;

const isDisabled = (user: User) => Boolean(user.disabledAt || user.archivedAt);

/** Session tokens for the internal `/api` routes (Papercups' Pow sessions): 30-minute access, 30-day renew. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly failures: AuthFailuresService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async open(user: User, manager: EntityManager = this.db.manager): Promise<SessionTokensResponse> {
    const token = generateToken('pcs_');
    const renewToken = generateToken('pcr_');
    const now = Date.now();
    await manager.insert(UserSession, {
      userId: user.id,
      accessTokenHash: hashToken(token),
      renewTokenHash: hashToken(renewToken),
      accessExpiresAt: new Date(now + ACCESS_TTL_MS),
      renewExpiresAt: new Date(now + RENEW_TTL_MS),
    });
    return { user_id: user.id, email: user.email, account_id: user.accountId, token, renew_token: renewToken };
  }

  /** Failed attempts are limited per client IP and per email (AuthFailuresService): then 429, nothing checked. */
  async login(email: string, password: string, ip: string): Promise<SessionTokensResponse> {
    const subject = { ip, email };
    await this.failures.assertAllowed(subject, true);
    const user = await this.withHash({ email: email.trim().toLowerCase() });
    const ok = await verifyPassword(password, user?.passwordHash ?? dummyHash(this.config.passwordScryptN));
    if (!user || !ok) {
      await this.failures.record(subject);
      throw invalidLogin();
    }
    if (isDisabled(user)) throw accountDisabled();
    if (needsRehash(user.passwordHash, this.config.passwordScryptN)) await this.rehash(user, password);
    return this.open(user);
  }

  /** An older scheme (an imported Pow hash, a lower scrypt cost) becomes the current one; a concurrent change wins. */
  private async rehash(user: User, password: string): Promise<void> {
    const passwordHash = await hashPassword(password, this.config.passwordScryptN);
    await this.db.getRepository(User).update({ id: user.id, passwordHash: user.passwordHash }, { passwordHash });
  }

  /**
   * A renew token works once, also under concurrency: one DELETE … RETURNING takes the session, so of
   * parallel renews exactly one gets a fresh pair and the others a 401.
   */
  async renew(renewToken: string, ip: string): Promise<SessionTokensResponse> {
    await this.failures.assertAllowed({ ip });
    return this.db.transaction(async (manager) => {
      // TypeORM answers a DELETE with [rows, count].
      const [[taken]] = await manager.query<[{ user_id: number }[], number]>(
        `DELETE FROM user_sessions WHERE renew_token_hash = $1 AND renew_expires_at > now() RETURNING user_id`,
        [hashToken(renewToken)],
      );
      if (!taken) {
        await this.failures.record({ ip });
        throw invalidToken();
      }
      const user = await manager.findOneByOrFail(User, { id: taken.user_id });
      if (isDisabled(user)) throw accountDisabled();
      return this.open(user, manager);
    });
  }

  async close(accessToken: string): Promise<void> {
    await this.db.getRepository(UserSession).delete({ accessTokenHash: hashToken(accessToken) });
  }

  /**
   * Ends every session of a user (both tokens stop working at once), except the one whose access token is
   * `except` (the caller's own, on a password change). For other modules too: disabling a user, a reset.
   */
  async endSessions(
    userId: number,
    { except, manager = this.db.manager }: { except?: string; manager?: EntityManager } = {},
  ): Promise<number> {
    const result = await manager.query<[unknown[], number]>(
      `DELETE FROM user_sessions WHERE user_id = $1 AND access_token_hash IS DISTINCT FROM $2`,
      [userId, except === undefined ? null : hashToken(except)],
    );
    return result[1];
  }

  /**
   * A new password for the caller: the current one must be given (a wrong one counts as a failed login);
   * every other session ends, the caller's stays.
   */
  async changePassword(
    caller: { userId: number; email: string },
    fields: { current_password: string; password: string; password_confirmation: string },
    accessToken: string,
    ip: string,
  ): Promise<void> {
    const subject = { ip, email: caller.email };
    await this.failures.assertAllowed(subject, true);
    const user = await this.withHash({ id: caller.userId });
    if (!user || !(await verifyPassword(fields.current_password, user.passwordHash))) {
      await this.failures.record(subject);
      throw invalidFields({ current_password: ['is invalid'] });
    }
    if (fields.password !== fields.password_confirmation) {
      throw invalidFields({ password_confirmation: ['does not match confirmation'] });
    }
    const passwordHash = await hashPassword(fields.password, this.config.passwordScryptN);
    await this.db.transaction(async (manager) => {
      await manager.update(User, { id: user.id }, { passwordHash });
      await this.endSessions(user.id, { except: accessToken, manager });
    });
  }

  /** Sessions whose renew token has expired are dead (their access token expired before): deleted. */
  async pruneExpired(): Promise<number> {
    const result = await this.db.query<[unknown[], number]>(
      `DELETE FROM user_sessions WHERE id IN (
         SELECT id FROM user_sessions WHERE renew_expires_at <= now() LIMIT 10000)`,
    );
    return result[1];
  }

  private withHash(where: { email: string } | { id: number }): Promise<User | null> {
    return this.db.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where(where).getOne();
  }
}
