import { Module } from '@nestjs/common';
import { LogMailer, MAILER } from '../mail/mailer';
import { UserInvitationEmailsController, UserInvitationsController } from './user-invitations.controller';
import { UserInvitationsService } from './user-invitations.service';

@Module({
  controllers: [UserInvitationsController, UserInvitationEmailsController],
  // Stopgap: the SMTP Mailer replaces LogMailer here when MailModule is merged (`useExisting: Mailer`).
  providers: [UserInvitationsService, { provide: MAILER, useClass: LogMailer }],
})
export class UserInvitationsModule {}
