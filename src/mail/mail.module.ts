import { Module } from '@nestjs/common';
import { Mailer } from './mailer.service';

/** Import it to inject Mailer (`send({ to, subject, text, html })`). */
@Module({
  providers: [Mailer],
  exports: [Mailer],
})
export class MailModule {}
