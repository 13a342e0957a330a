import { escapeHtml } from '../mail/html';
import type { Mail } from '../mail/mailer.service';

/** Papercups' invitation mail: who invites you to which company, and the registration link. */
export function invitationMail(params: {
  to: string;
  company: string;
  fromAddress: string;
  fromName: string | null;
  url: string;
}): Mail {
  const { to, company, fromAddress, fromName, url } = params;
  const subject = fromName
    ? `${fromName} has invited you to join ${company} on Papercups!`
    : `You've been invited to join ${company} on Papercups!`;
  const intro = fromName
    ? `${fromName} (${fromAddress}) has invited you to join ${company} on Papercups!`
    : `${fromAddress} has invited you to join ${company} on Papercups!`;
  return {
    to,
    subject,
    text: `Hi there!\n\n${intro}\n\nClick the link below to sign up:\n${url}\n\nThe link works once and expires in 3 days.`,
    html:
      `<p>Hi there!</p><p>${escapeHtml(intro)}</p>` +
      `<p><a href="${escapeHtml(url)}">Click here to sign up</a></p><p>The link works once and expires in 3 days.</p>`,
  };
}
