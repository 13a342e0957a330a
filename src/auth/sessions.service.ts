import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { generateToken, hashToken } from './auth-user';
import { accountDisabled, invalidLogin, invalidToken } from '../common/errors';
import { User } from '../users/entities/user.entity';
import { SessionTokensResponse } from './dto/session.response';
import { UserSession } from './entities/user-session.entity';
import { AuthFailuresService } from '../rate-limit/auth-failures.service';
import { DUMMY_HASH, hashPassword, needsRehash, verifyPassword } from './password';

const ACCESS_TTL_MS = 30 * 60 * 1000;
const RENEW_TTL_MS = 30 * 24 * 60 * 60 * 1000;

const isDisabled = (user: User) => Boolean(user.disabledAt || user.archivedAt);

/** Session tokens for the internal `/api` routes (Papercups' Pow sessions): 30-minute access, 30-day renew. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly failures: AuthFailuresService,
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
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: email.trim().toLowerCase() })
      .getOne();
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      await this.failures.record(subject);
      throw invalidLogin();
    }
    if (isDisabled(user)) throw accountDisabled();
    if (needsRehash(user.passwordHash)) await this.rehash(user, password);
    return this.open(user);
  }

  /** An older scheme (an imported Pow hash, a lower scrypt cost) becomes the current one; a concurrent change wins. */
  private async rehash(user: User, password: string): Promise<void> {
    await this.db
      .getRepository(User)
      .update({ id: user.id, passwordHash: user.passwordHash }, { passwordHash: await hashPassword(password) });
  }

  /** A renew token works once: it is deleted and a fresh pair is issued. */
  async renew(renewToken: string, ip: string): Promise<SessionTokensResponse> {
    await this.failures.assertAllowed({ ip });
    return this.db.transaction(async (manager) => {
      const session = await manager.findOneBy(UserSession, { renewTokenHash: hashToken(renewToken) });
      if (!session || session.renewExpiresAt.getTime() <= Date.now()) {
        await this.failures.record({ ip });
        throw invalidToken();
      }
      await manager.delete(UserSession, { id: session.id });
      const user = await manager.findOneByOrFail(User, { id: session.userId });
      if (isDisabled(user)) throw accountDisabled();
      return this.open(user, manager);
    });
  }

  async close(accessToken: string): Promise<void> {
    await this.db.getRepository(UserSession).delete({ accessTokenHash: hashToken(accessToken) });
  }
}
