import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Account } from '../accounts/entities/account.entity';
import type { AuthUser } from '../auth/auth-user';
import { notFound } from '../common/errors';
import type { AppConfig } from '../config/app.config';
import { InjectConfig } from '../config/config.module';
import { Mailer } from '../mail/mailer.service';
import { UserProfile } from '../users/entities/user-profile.entity';
import { UserInvitationFields } from './dto/user-invitation.dto';
import { UserInvitationResponse } from './dto/user-invitation.response';
import { UserInvitation } from './entities/user-invitation.entity';
import { toUserInvitationResponse } from './user-invitation.mapper';
import { invitationMail } from './invitation-mail';

/** Papercups' validity of an invitation. */
export const INVITATION_DAYS = 3;
const DAY_MS = 86_400_000;
const MAX_INVITATIONS_LISTED = 500;

/** An admin's invitations to join the account; registering with one (`invite_token`) uses it up. */
@Injectable()
export class UserInvitationsService {
  private readonly logger = new Logger('UserInvitations');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mailer: Mailer,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Newest first (the most recent few hundred: an account has few). */
  async list(accountId: string): Promise<UserInvitationResponse[]> {
    const rows = await this.db.manager.find(UserInvitation, {
      where: { accountId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: MAX_INVITATIONS_LISTED,
    });
    return rows.map(toUserInvitationResponse);
  }

  async get(accountId: string, id: string): Promise<UserInvitationResponse> {
    return toUserInvitationResponse(await this.findOrFail(accountId, id));
  }

  async create(caller: AuthUser, fields: UserInvitationFields = {}, email?: string): Promise<UserInvitationResponse> {
    const invitation = this.db.manager.create(UserInvitation, {
      accountId: caller.accountId,
      inviterId: caller.userId,
      email: email ?? null,
      expiresAt: fields.expires_at ?? new Date(Date.now() + INVITATION_DAYS * DAY_MS),
    });
    return toUserInvitationResponse(await this.db.manager.save(invitation));
  }

  async update(accountId: string, id: string, fields: UserInvitationFields = {}): Promise<UserInvitationResponse> {
    const invitation = await this.findOrFail(accountId, id);
    if (!fields.expires_at) return toUserInvitationResponse(invitation);
    return toUserInvitationResponse(
      await this.db.manager.save(Object.assign(invitation, { expiresAt: fields.expires_at })),
    );
  }

  async remove(accountId: string, id: string): Promise<void> {
    const { affected } = await this.db.manager.delete(UserInvitation, { id, accountId });
    if (!affected) throw notFound();
  }

  /**
   * A new invitation, mailed to `to` with the link `<APP_URL>/register/<token>?email=<to>` (the dashboard's
   * registration page). A mail the SMTP server refuses is logged: the invitation stays and can be sent again.
   */
  async sendEmail(caller: AuthUser, to: string): Promise<void> {
    const invitation = await this.create(caller, {}, to);
    const [account, profile] = await Promise.all([
      this.db.manager.findOneByOrFail(Account, { id: caller.accountId }),
      this.db.manager.findOneBy(UserProfile, { userId: caller.userId }),
    ]);
    const mail = invitationMail({
      to,
      company: account.companyName,
      fromAddress: caller.email,
      fromName: profile?.displayName ?? profile?.fullName ?? null,
      url: `${this.config.mail.appUrl}/register/${invitation.id}?${new URLSearchParams({ email: to })}`,
    });
    try {
      await this.mailer.send(mail);
    } catch (error) {
      this.logger.error(`invitation mail to ${to} failed: ${(error as Error).message}`);
    }
  }

  private async findOrFail(accountId: string, id: string): Promise<UserInvitation> {
    const invitation = await this.db.manager.findOneBy(UserInvitation, { id, accountId });
    if (!invitation) throw notFound();
    return invitation;
  }
}
