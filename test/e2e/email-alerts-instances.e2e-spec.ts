import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '../support/database';
import { ensureBuilt, ServerProcess } from '../support/server-process';
import { SmtpReceiver } from '../support/smtp-receiver';

/**
 * Real server processes on one database: alerts written through two instances go out once, and alerts
 * queued when every instance is killed go out once after a restart.
 */
describe('email alerts across instances and restarts', () => {
  const smtp = new SmtpReceiver();
  const servers: ServerProcess[] = [];
  let database: TestDatabase;
  let db: Client;

  const server = async (env: Record<string, string | undefined> = {}) => {
    const instance = await ServerProcess.spawn({
      DATABASE_URL: database.url,
      SMTP_URL: smtp.url,
      APP_URL: 'https://desk.example.com',
      EMAIL_ALERT_WINDOW_MS: '1000',
      ...env,
    });
    servers.push(instance);
    return instance.ready();
  };

  /** An account whose admin wants both alerts, and a second agent who wants message alerts only. */
  const setUp = async (via: ServerProcess) => {
    const email = `u-${randomBytes(5).toString('hex')}@example.com`;
    const password = 'correct horse battery';
    const registration = await via.request(
      'POST',
      '/api/registration',
      {},
      { user: { email, password, password_confirmation: password, company_name: 'Acme' } },
    );
    const { token, account_id: accountId } = registration.json.data;
    const key = await via.request('POST', '/api/personal_api_keys', { authorization: token }, { label: 'e2e' });
    const auth = { authorization: `Bearer ${key.json.data.value}` };
    const settings = await via.request('PUT', '/api/v1/user_settings', auth, {
      user_settings: { email_alert_on_new_conversation: true, email_alert_on_new_message: true },
    });
    expect(settings.status).toBe(200);
    const mate = `m-${randomBytes(5).toString('hex')}@example.com`;
    const {
      rows: [{ id }],
    } = await db.query(
      `INSERT INTO users (email, password_hash, account_id, role) VALUES ($1, 'x', $2, 'user') RETURNING id`,
      [mate, accountId],
    );
    await db.query(`INSERT INTO user_settings (user_id, email_alert_on_new_message) VALUES ($1, true)`, [id]);
    const customer = await via.request('POST', '/api/v1/customers', auth, {
      customer: { name: 'Ada', email: 'ada@example.com' },
    });
    return { auth, email, mate, customerId: customer.json.data.id as string };
  };

  const alertsTo = (email: string) => smtp.to(email).filter((m) => !m.subject.includes('verify'));
  const customerMessage = async (via: ServerProcess, auth: Record<string, string>, body: object) => {
    const res = await via.request('POST', '/api/v1/messages', auth, { message: body });
    expect(res.status).toBe(201);
  };
  /** Waits for the first alert mail, then long enough (three windows) for a duplicate to show up. */
  const settled = async (email: string, windowMs: number) => {
    await smtp.waitFor(() => alertsTo(email).length > 0, 30_000);
    await new Promise((r) => setTimeout(r, 3 * windowMs));
    return alertsTo(email);
  };

  beforeAll(async () => {
    ensureBuilt();
    await smtp.start();
    database = await createTestDatabase('proc');
    db = new Client({ connectionString: database.url });
    await db.connect();
  }, 180_000);
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });
  afterAll(async () => {
    await db?.end();
    await database?.drop();
    await smtp.stop();
  });

  it('a burst written through two instances is one mail per agent, sent once', async () => {
    const [a, b] = await Promise.all([server(), server()]);
    const { auth, email, mate, customerId } = await setUp(a);
    const conversation = await b.request('POST', '/api/v1/conversations', auth, {
      conversation: { customer_id: customerId },
    });
    expect(conversation.status).toBe(201);
    const conversationId = conversation.json.data.id;
    for (let i = 0; i < 6; i++) {
      await customerMessage(i % 2 ? a : b, auth, {
        conversation_id: conversationId,
        customer_id: customerId,
        body: `m${i}`,
      });
    }

    const mine = await settled(email, 1000);
    expect(mine.map((m) => m.subject)).toEqual(['[Papercups] 1 new conversation and 6 new messages']);
    for (let i = 0; i < 6; i++) expect(mine[0].text).toContain(`  - m${i}`);
    const theirs = await settled(mate, 1000);
    expect(theirs.map((m) => m.subject)).toEqual(['[Papercups] 6 new messages']);
    const { rows } = await db.query(
      `SELECT count(*)::int AS n, count(sent_at)::int AS sent FROM email_alerts a JOIN users u ON u.id = a.user_id
       WHERE u.email = ANY($1)`,
      [[email, mate]],
    );
    expect(rows).toEqual([{ n: 13, sent: 13 }]);
  }, 120_000);

  it('alerts of a killed instance (queued or not yet read from the log) go out once after a restart', async () => {
    const window = { EMAIL_ALERT_WINDOW_MS: '3000' };
    const a = await server(window);
    const { auth, email, customerId } = await setUp(a);
    const conversation = await a.request('POST', '/api/v1/conversations', auth, {
      conversation: { customer_id: customerId },
    });
    for (const body of ['one', 'two', 'three']) {
      await customerMessage(a, auth, { conversation_id: conversation.json.data.id, customer_id: customerId, body });
    }
    await a.kill();

    const c = await server(window);
    const mails = await settled(email, 3000);
    expect(mails).toHaveLength(1);
    for (const body of ['one', 'two', 'three']) expect(mails[0].text).toContain(`  - ${body}`);
    await c.stop();
    // A restart of an instance that had sent it changes nothing.
    await server(window);
    await new Promise((r) => setTimeout(r, 3 * 3000));
    expect(alertsTo(email)).toHaveLength(1);
  }, 120_000);

  it('without SMTP_URL, the boot says so and mails (reset links included) are logged at warn', async () => {
    const own = await createTestDatabase('proc');
    try {
      const s = await ServerProcess.start({ DATABASE_URL: own.url, SMTP_URL: undefined, LOG_FORMAT: 'json' });
      servers.push(s);
      const email = `u-${randomBytes(5).toString('hex')}@example.com`;
      const password = 'correct horse battery';
      await s.request(
        'POST',
        '/api/registration',
        {},
        { user: { email, password, password_confirmation: password, company_name: 'X' } },
      );
      await s.request('POST', '/api/reset_password', {}, { email });
      await smtp.waitFor(() => s.stdout().includes('/reset?token='), 10_000);
      const lines = s
        .stdout()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l));
      expect(lines.some((l) => l.level === 'warn' && /SMTP_URL is not set/.test(l.msg))).toBe(true);
      expect(lines.some((l) => l.level === 'warn' && /\/reset\?token=/.test(l.msg))).toBe(true);
      await s.stop();
    } finally {
      await own.drop();
    }
  }, 120_000);
});
