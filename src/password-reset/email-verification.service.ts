import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { hashToken } from '../auth/auth-user';
import { invalidVerificationToken } from '../common/errors';
import type { AppConfig } from '../config/app.config';
import { InjectConfig } from '../config/config.module';
import { escapeHtml } from '../mail/html';
import { Mailer } from '../mail/mailer.service';
import { User } from '../users/entities/user.entity';
import { Background } from './background';
import { EmailVerifiedResponse } from './dto/password-reset.response';
import { UserToken } from './entities/user-token.entity';
import { consumeToken, issueToken } from './user-tokens';

/** A verification link mailed at registration; `POST /api/verify_email` with its token confirms the email. */
@Injectable()
export class EmailVerificationService implements OnModuleDestroy {
  private readonly background = new Background(new Logger('EmailVerification'));

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mailer: Mailer,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await this.background.drain();
  }

  /** After the user is committed; a failed mail is logged and does not undo the registration. */
  sendLater(userId: number, email: string): void {
    this.background.run('verification mail', async () => {
      const token = await this.db.transaction((manager) => issueToken(manager, userId, 'email_confirmation'));
      const link = `${this.config.mail.appUrl}/verify?token=${encodeURIComponent(token)}`;
      await this.mailer.send({
        to: email,
        subject: '[Papercups] Please verify your email',
        text: `Welcome to Papercups!\n\nClick the link below to verify your email:\n\n${link}\n`,
        html: `<p>Welcome to Papercups!</p><p>Click the link below to verify your email:</p><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
      });
    });
  }

  async verify(token: string): Promise<EmailVerifiedResponse> {
    return this.db.transaction(async (manager) => {
      const userId = await consumeToken(manager, token, 'email_confirmation');
      if (userId !== null) {
        await manager.update(User, { id: userId, emailConfirmedAt: IsNull() }, { emailConfirmedAt: new Date() });
        return { success: true };
      }
      // A used link of a confirmed user changes nothing and says so, as Papercups does.
      const used = await manager.findOne(UserToken, {
        where: { tokenHash: hashToken(token), purpose: 'email_confirmation' },
        relations: { user: true },
      });
      if (used?.usedAt && used.user?.emailConfirmedAt) return { success: true, message: 'Email already verified!' };
      throw invalidVerificationToken();
    });
  }
}
