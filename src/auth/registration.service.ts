import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Account } from '../accounts/entities/account.entity';
import { Inbox } from '../accounts/entities/inbox.entity';
import { forbidden, invalidFields, isUniqueViolation, registrationDisabled } from '../common/errors';
import type { AppConfig } from '../config/app.config';
import { InjectConfig } from '../config/config.module';
import { UserInvitation } from '../user-invitations/entities/user-invitation.entity';
import { User } from '../users/entities/user.entity';
import { RegistrationFields } from './dto/registration.dto';
import { hashPassword } from './password';
import { SessionTokensResponse } from './dto/session.response';
import { SessionsService } from './sessions.service';
import { EmailVerificationService } from '../password-reset/email-verification.service';

const EMAIL_TAKEN = { email: ['has already been taken'] };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class RegistrationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionsService,
    @InjectConfig() private readonly config: AppConfig,
    private readonly verification: EmailVerificationService,
  ) {}

  /**
   * A new account with its admin, primary inbox and first session in one transaction; with `invite_token`, a
   * `user` of the inviting account instead (allowed even when registration is disabled, as in Papercups).
   * Field errors were all answered by RegistrationPipe.
   */
  async register(params: RegistrationFields): Promise<SessionTokensResponse> {
    const invited = params.invite_token !== undefined && params.invite_token !== null;
    if (!invited && this.config.registrationDisabled) throw registrationDisabled();
    const passwordHash = await hashPassword(params.password, this.config.passwordScryptN);
    try {
      const tokens = await this.db.transaction(async (manager) => {
        const user = invited
          ? await this.join(manager, params, passwordHash)
          : await this.createAccount(manager, params, passwordHash);
        return this.sessions.open(user, manager);
      });
      this.verification.sendLater(tokens.user_id, tokens.email);
      return tokens;
    } catch (error) {
      // Two registrations racing for one email: the unique index decides.
      if (isUniqueViolation(error, 'users_email_key')) throw invalidFields(EMAIL_TAKEN);
      throw error;
    }
  }

  private async createAccount(manager: EntityManager, params: RegistrationFields, passwordHash: string) {
    const account = await manager.save(manager.create(Account, { companyName: params.company_name }));
    const user = await manager.save(
      manager.create(User, { email: params.email, passwordHash, accountId: account.id, role: 'admin' }),
    );
    await manager.insert(Inbox, {
      accountId: account.id,
      name: 'Primary Inbox',
      description: `This is the primary Papercups inbox for ${account.companyName}. All messages will flow into here by default.`,
      isPrimary: true,
    });
    return user;
  }

  /** Uses the invitation up (its expiry becomes now), under a row lock, so a token registers one user. */
  private async join(manager: EntityManager, params: RegistrationFields, passwordHash: string) {
    const token = params.invite_token!;
    const invitation = UUID.test(token)
      ? await manager.findOne(UserInvitation, { where: { id: token }, lock: { mode: 'pessimistic_write' } })
      : null;
    if (!invitation) throw forbidden('Invalid invitation token');
    if (invitation.expiresAt.getTime() <= Date.now()) throw forbidden('Invitation token has expired');
    await manager.update(UserInvitation, { id: invitation.id }, { expiresAt: new Date() });
    return manager.save(
      manager.create(User, { email: params.email, passwordHash, accountId: invitation.accountId, role: 'user' }),
    );
  }
}
