import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Account } from '../accounts/entities/account.entity';
import { Inbox } from '../accounts/entities/inbox.entity';
import { invalidFields, isUniqueViolation, registrationDisabled } from '../common/errors';
import type { AppConfig } from '../config/app.config';
import { InjectConfig } from '../config/config.module';
import { User } from '../users/entities/user.entity';
import { RegistrationFields } from './dto/registration.dto';
import { hashPassword } from './password';
import { SessionTokensResponse } from './dto/session.response';
import { SessionsService } from './sessions.service';
import { EmailVerificationService } from '../password-reset/email-verification.service';

const EMAIL_TAKEN = { email: ['has already been taken'] };

@Injectable()
export class RegistrationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionsService,
    @InjectConfig() private readonly config: AppConfig,
    private readonly verification: EmailVerificationService,
  ) {}

  /** Account, admin user, primary inbox and first session in one transaction. */
  async register(params: RegistrationFields): Promise<SessionTokensResponse> {
    if (this.config.registrationDisabled) throw registrationDisabled();
    if (params.password !== params.password_confirmation) {
      throw invalidFields({ password_confirmation: ['does not match confirmation'] });
    }
    if (await this.db.getRepository(User).existsBy({ email: params.email })) throw invalidFields(EMAIL_TAKEN);
    const passwordHash = await hashPassword(params.password, this.config.passwordScryptN);
    try {
      const tokens = await this.db.transaction(async (manager) => {
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
}
