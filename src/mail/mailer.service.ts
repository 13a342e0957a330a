import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { AppConfig } from '../config/app.config';
import { InjectConfig } from '../config/config.module';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** A stable Message-ID (`<…@…>`): a mail sent again after a crash carries the same one, so clients dedupe it. */
  messageId?: string;
}

export interface SentMail {
  /** false: no SMTP_URL, the mail was only logged. */
  sent: boolean;
  messageId?: string;
}

/**
 * Outgoing mail over SMTP (SMTP_URL). Without SMTP_URL every mail is logged at warn (links included, so a
 * self-hosted instance without mail can still reset a password), and the boot says so once.
 */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private readonly logger = new Logger('Mailer');
  private readonly transport: Transporter | null;

  constructor(@InjectConfig() private readonly config: AppConfig) {
    this.transport = config.mail.smtpUrl ? createTransport(config.mail.smtpUrl, { from: config.mail.from }) : null;
  }

  get configured(): boolean {
    return this.transport !== null;
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }

  /** Rejects when the SMTP server does not accept the mail (callers decide whether to retry). */
  async send(mail: Mail): Promise<SentMail> {
    if (!this.transport) {
      this.logger.warn(`mail not sent (no SMTP_URL) to ${mail.to}: ${mail.subject}\n${mail.text}`);
      return { sent: false };
    }
    const info = await this.transport.sendMail({
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
    });
    return { sent: true, messageId: info.messageId };
  }
}
