import { loadConfig } from '../../src/config/app.config';
import {
  createAccount,
  createConversation,
  createCustomer,
  createMessage,
  createTeammate,
  TestAccount,
} from '../support/factories';
import { SmtpReceiver } from '../support/smtp-receiver';
import { createTestApp, TestApp } from '../support/test-app';

const WINDOW_MS = 400;

describe('email alerts (user settings, batched, from the outbox)', () => {
  const smtp = new SmtpReceiver();
  let t: TestApp;
  let a: TestAccount;
  let mate: TestAccount;
  let quiet: TestAccount;
  beforeAll(async () => {
    await smtp.start();
    const base = loadConfig();
    t = await createTestApp({
      config: {
        mail: { ...base.mail, smtpUrl: smtp.url, appUrl: 'https://desk.example.com', alertWindowMs: WINDOW_MS },
      },
    });
    a = await createAccount(t);
    mate = await createTeammate(t, a);
    quiet = await createTeammate(t, a);
    const settings = (account: TestAccount, user_settings: object) =>
      t.request('PUT', '/api/v1/user_settings', { headers: account.auth, payload: { user_settings } });
    expect(
      (await settings(a, { email_alert_on_new_conversation: true, email_alert_on_new_message: true })).statusCode,
    ).toBe(200);
    expect((await settings(mate, { email_alert_on_new_message: true })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const alertsTo = (account: TestAccount) => smtp.to(account.email).filter((m) => !m.subject.includes('verify'));
  /** Waits until `n` alert mails reached the account, then two more windows, so a late extra one would show. */
  const settled = async (account: TestAccount, n: number) => {
    await smtp.waitFor(() => alertsTo(account).length >= n);
    await new Promise((r) => setTimeout(r, 3 * WINDOW_MS));
    return alertsTo(account);
  };

  it('a burst is one mail per agent, with what each asked for; agents replies and private notes alert nobody', async () => {
    const customer = await createCustomer(t, a, { name: 'Ada', email: 'ada@example.com' });
    const c = await createConversation(t, a, { customer_id: customer.id });
    for (const body of ['Hello?', 'Is anyone there?', 'My order #42 is late']) {
      await createMessage(t, a, { conversation_id: c.id, customer_id: customer.id, body });
    }
    await createMessage(t, a, { conversation_id: c.id, body: 'On it!' });
    await createMessage(t, a, { conversation_id: c.id, customer_id: customer.id, body: 'secret', private: true });

    const [mine] = await settled(a, 1);
    expect(alertsTo(a)).toHaveLength(1);
    expect(mine.subject).toBe('[Papercups] 1 new conversation and 3 new messages');
    expect(mine.text).toContain('Ada (ada@example.com):');
    expect(mine.text).toContain('started a new conversation');
    expect(mine.text).toContain('My order #42 is late');
    expect(mine.text).toContain(`https://desk.example.com/conversations/${c.id}`);
    expect(mine.text).not.toContain('On it!');
    expect(mine.text).not.toContain('secret');

    const theirs = alertsTo(mate);
    expect(theirs).toHaveLength(1);
    expect(theirs[0].subject).toBe('[Papercups] 3 new messages');
    expect(alertsTo(quiet)).toEqual([]);
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM email_alerts WHERE sent_at IS NULL');
    expect(n).toBe(0);
  });

  it('a later message is a new batch; a disabled setting sends nothing more', async () => {
    const customer = await createCustomer(t, a, { name: 'Bob', email: null });
    const c = await createConversation(t, a, { customer_id: customer.id });
    const before = alertsTo(mate).length;
    await createMessage(t, a, { conversation_id: c.id, customer_id: customer.id, body: 'Ping' });
    const mails = await settled(mate, before + 1);
    expect(mails).toHaveLength(before + 1);
    expect(mails[before].subject).toBe('Bob has sent you a message');

    await t.request('PUT', '/api/v1/user_settings', {
      headers: mate.auth,
      payload: { user_settings: { email_alert_on_new_message: false } },
    });
    const mine = alertsTo(a).length;
    await createMessage(t, a, { conversation_id: c.id, customer_id: customer.id, body: 'Ping again' });
    await settled(a, mine + 1);
    expect(alertsTo(mate)).toHaveLength(before + 1);
  });
});
