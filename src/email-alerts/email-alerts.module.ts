import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { MailModule } from '../mail/mail.module';
import { EmailAlertsWorker } from './email-alerts.worker';

/** Agents' email alerts about new conversations and messages (user settings), batched, from the outbox. */
@Module({
  imports: [EventsModule, MailModule],
  providers: [EmailAlertsWorker],
})
export class EmailAlertsModule {}
