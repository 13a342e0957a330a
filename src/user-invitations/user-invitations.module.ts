import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { UserInvitationEmailsController, UserInvitationsController } from './user-invitations.controller';
import { UserInvitationsService } from './user-invitations.service';

@Module({
  imports: [MailModule],
  controllers: [UserInvitationsController, UserInvitationEmailsController],
  providers: [UserInvitationsService],
})
export class UserInvitationsModule {}
