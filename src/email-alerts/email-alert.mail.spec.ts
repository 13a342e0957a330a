import { alertMail, AlertRow, customerLabel } from './email-alert.mail';

const row = (over: Partial<AlertRow>): AlertRow => ({
  id: '1',
  kind: 'new_message',
  conversation_id: 'c1',
  body: 'Hello',
  to: 'agent@example.com',
  customer_name: 'Ada',
  customer_email: 'ada@example.com',
  ripe: true,
  ...over,
});

describe('email alert mails', () => {
  it('name the customer as Papercups does', () => {
    expect(customerLabel(row({}))).toBe('Ada (ada@example.com)');
    expect(customerLabel(row({ customer_name: null }))).toBe('ada@example.com');
    expect(customerLabel(row({ customer_name: null, customer_email: null }))).toBe('A customer');
  });

  it('one alert: Papercups subject; a batch: counts, grouped by conversation, HTML escaped, stable Message-ID', () => {
    expect(alertMail(7, [row({})], 'https://d.example.com').subject).toBe(
      'Ada (ada@example.com) has sent you a message',
    );
    const mail = alertMail(
      7,
      [
        row({ id: '3', kind: 'new_conversation', body: null }),
        row({ id: '4', body: '<script>x</script>' }),
        row({ id: '9', conversation_id: 'c2', customer_name: 'Bob', customer_email: null, body: 'Hi' }),
      ],
      'https://d.example.com',
    );
    expect(mail.subject).toBe('[Papercups] 1 new conversation and 2 new messages');
    expect(mail.text).toBe(
      [
        'Ada (ada@example.com):',
        '  - started a new conversation',
        '  - <script>x</script>',
        '  View in dashboard: https://d.example.com/conversations/c1',
        '',
        'Bob:',
        '  - Hi',
        '  View in dashboard: https://d.example.com/conversations/c2',
        '',
      ].join('\n'),
    );
    expect(mail.html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.messageId).toBe('<alerts-7-3-9@papercups>');
  });
});
