import { Injectable, Logger } from '@nestjs/common';

/**
 * STOPGAP until the SMTP Mailer (src/mail/mailer.service.ts, MailModule) is merged: the injection token the
 * invitations use, and a sender that only logs. At that merge, provide MAILER with `useExisting: Mailer`.
 */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface MailSender {
  send(mail: OutgoingMail): Promise<unknown>;
}

export const MAILER = Symbol('MAILER');

/** Without SMTP: the mail (and so its link) is logged at warn. */
@Injectable()
export class LogMailer implements MailSender {
  private readonly logger = new Logger('Mailer');

  async send(mail: OutgoingMail): Promise<void> {
    this.logger.warn(`mail not sent (no mailer) to ${mail.to}: ${mail.subject}\n${mail.text}`);
  }
}
