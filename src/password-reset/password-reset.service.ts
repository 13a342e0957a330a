import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { UserSession } from '../auth/entities/user-session.entity';
import { hashPassword } from '../auth/password';
import { OkResponse } from '../common/dto/ok.response';
import { invalidFields, invalidResetLink } from '../common/errors';
import type { AppConfig } from '../config/app.config';
import { InjectConfig } from '../config/config.module';
import { escapeHtml } from '../mail/html';
import { Mailer } from '../mail/mailer.service';
import { User } from '../users/entities/user.entity';
import { Background } from './background';
import { UserToken } from './entities/user-token.entity';
import { ResetPasswordBody } from './dto/password-reset.dto';
import { PasswordResetDoneResponse } from './dto/password-reset.response';
import { consumeToken, issueToken } from './user-tokens';

const RESEND_AFTER_MS = 60_000;

/** `POST /api/reset_password` mails a link; `PUT` with the link's token sets the password and ends every session. */
@Injectable()
export class PasswordResetService implements OnModuleDestroy {
  private readonly background = new Background(new Logger('PasswordReset'));

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mailer: Mailer,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await this.background.drain();
  }

  /** Always `{"ok": true}`, at once: neither the answer nor its timing tells whether the email has an account. */
  request(email: string): OkResponse {
    this.background.run('password reset mail', () => this.sendLink(email.trim().toLowerCase()));
    return { ok: true };
  }

  async reset(body: ResetPasswordBody): Promise<PasswordResetDoneResponse> {
    // Checked before the token is used, so a typo does not cost the link.
    if (body.password !== body.password_confirmation) {
      throw invalidFields({ password_confirmation: ['does not match confirmation'] });
    }
    const passwordHash = await hashPassword(body.password, this.config.passwordScryptN);
    return this.db.transaction(async (manager) => {
      const userId = await consumeToken(manager, body.token, 'password_reset');
      if (userId === null) throw invalidResetLink();
      const user = await manager.findOneByOrFail(User, { id: userId });
      await manager.update(User, { id: userId }, { passwordHash });
      // Whoever knew the old password is logged out everywhere.
      await manager.delete(UserSession, { userId });
      return { success: true, email: user.email };
    });
  }

  private async sendLink(email: string): Promise<void> {
    const user = await this.db.getRepository(User).findOneBy({ email });
    if (!user || user.disabledAt || user.archivedAt) return;
    // One mail a minute per user, whatever the number of IPs asking (no mail bombing through this route).
    const recent = await this.db.getRepository(UserToken).existsBy({
      userId: user.id,
      purpose: 'password_reset',
      usedAt: IsNull(),
      createdAt: MoreThan(new Date(Date.now() - RESEND_AFTER_MS)),
    });
    if (recent) return;
    const token = await this.db.transaction((manager) => issueToken(manager, user.id, 'password_reset'));
    const link = `${this.config.mail.appUrl}/reset?token=${encodeURIComponent(token)}`;
    await this.mailer.send({
      to: user.email,
      subject: '[Papercups] Link to reset your password',
      text: `Hi there!\n\nClick the link below to reset your Papercups password:\n\n${link}\n\nThe link works once, for one hour. If you did not ask for it, ignore this mail.\n`,
      html: `<p>Hi there!</p><p>Click the link below to reset your Papercups password:</p><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p><p>The link works once, for one hour. If you did not ask for it, ignore this mail.</p>`,
    });
  }
}
