import { escapeHtml } from '../mail/html';
import type { Mail } from '../mail/mailer.service';

export interface AlertRow {
  id: string;
  kind: 'new_conversation' | 'new_message';
  conversation_id: string;
  body: string | null;
  to: string;
  customer_name: string | null;
  customer_email: string | null;
  ripe: boolean;
}

/** Papercups' wording: "Name (email)", or whichever is known, or "A customer". */
export function customerLabel(row: Pick<AlertRow, 'customer_name' | 'customer_email'>): string {
  const { customer_name: name, customer_email: email } = row;
  if (name && email) return `${name} (${email})`;
  return name || email || 'A customer';
}

const MAX_BODY = 500;
const clip = (body: string) => (body.length > MAX_BODY ? `${body.slice(0, MAX_BODY)}…` : body);

/**
 * One mail for a batch of one agent's alerts, grouped by conversation, newest activity last. The Message-ID
 * is derived from the batch, so a batch sent again after a crash carries the same one.
 */
export function alertMail(userId: number, rows: AlertRow[], appUrl: string): Mail {
  const conversations = new Map<string, AlertRow[]>();
  for (const row of rows)
    conversations.set(row.conversation_id, [...(conversations.get(row.conversation_id) ?? []), row]);
  const messages = rows.filter((r) => r.kind === 'new_message').length;
  const started = rows.filter((r) => r.kind === 'new_conversation').length;
  const subject =
    rows.length === 1
      ? rows[0].kind === 'new_conversation'
        ? `${customerLabel(rows[0])} started a new conversation`
        : `${customerLabel(rows[0])} has sent you a message`
      : `[Papercups] ${[started && `${started} new conversation${started > 1 ? 's' : ''}`, messages && `${messages} new message${messages > 1 ? 's' : ''}`].filter(Boolean).join(' and ')}`;
  const text: string[] = [];
  const html: string[] = [];
  for (const [conversationId, items] of conversations) {
    const link = `${appUrl}/conversations/${conversationId}`;
    const who = customerLabel(items[0]);
    text.push(`${who}:`);
    html.push(`<p><b>${escapeHtml(who)}</b>:</p><ul>`);
    for (const item of items) {
      const line = item.kind === 'new_conversation' ? 'started a new conversation' : clip(item.body ?? '');
      text.push(`  - ${line}`);
      html.push(`<li>${escapeHtml(line)}</li>`);
    }
    text.push(`  View in dashboard: ${link}`, '');
    html.push(`</ul><p><a href="${escapeHtml(link)}">View in dashboard</a></p>`);
  }
  return {
    to: rows[0].to,
    subject,
    text: text.join('\n'),
    html: html.join(''),
    messageId: `<alerts-${userId}-${rows[0].id}-${rows[rows.length - 1].id}@papercups>`,
  };
}
