import { EMBEDDED_MESSAGES } from '../../src/messages/messages.repository';
import { TOTAL_CAP } from '../../src/common/queries/count-capped';
import { createAccount, createConversation, createCustomer, TestAccount } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/** Per-request bounds: embedded messages, every count, the statement timeout. */
describe('resource bounds', () => {
  let t: TestApp;
  let account: TestAccount;
  let conversationId: string;

  beforeAll(async () => {
    t = await createTestApp({ config: { databaseStatementTimeoutMs: 2000 } });
    account = await createAccount(t);
    const customer = await createCustomer(t, account);
    conversationId = (await createConversation(t, account, { customer_id: customer.id })).id;
    // 150 messages a second apart, and 10 050 customers, conversations and messages beside them.
    await t.db.query(
      `INSERT INTO messages (account_id, conversation_id, customer_id, body, created_at, updated_at)
       SELECT $1, $2, $3, 'm' || n, now() - (200 - n) * interval '1 second', now()
         FROM generate_series(1, 150) n`,
      [account.accountId, conversationId, customer.id],
    );
    await t.db.query(
      `INSERT INTO customers (account_id, first_seen, last_seen_at) SELECT $1, current_date, now() FROM generate_series(1, $2)`,
      [account.accountId, TOTAL_CAP + 50],
    );
    await t.db.query(`INSERT INTO conversations (account_id, customer_id) SELECT $1, $2 FROM generate_series(1, $3)`, [
      account.accountId,
      customer.id,
      TOTAL_CAP + 50,
    ]);
    await t.db.query(
      `INSERT INTO messages (account_id, conversation_id, body, created_at)
       SELECT $1, id, 'x', now() - interval '1 day' FROM conversations WHERE account_id = $1 AND id <> $2`,
      [account.accountId, conversationId],
    );
    await t.db.query(`UPDATE conversations SET last_activity_at = now() + interval '1 hour' WHERE id = $1`, [
      conversationId,
    ]);
  }, 60_000);
  afterAll(() => t.close());

  it(`a conversation embeds its latest ${EMBEDDED_MESSAGES} messages, oldest first; the messages list pages through all`, async () => {
    const res = await t.request('GET', `/api/v1/conversations/${conversationId}`, { headers: account.auth });
    const bodies = res.json().data.messages.map((m: { body: string }) => m.body);
    expect(bodies).toEqual(Array.from({ length: EMBEDDED_MESSAGES }, (_, i) => `m${i + 51}`));

    const listed = await t.request('GET', '/api/v1/conversations', { headers: account.auth, query: { limit: '1' } });
    expect(listed.json().data[0].id).toBe(conversationId);
    expect(listed.json().data[0].messages).toHaveLength(EMBEDDED_MESSAGES);

    const seen: string[] = [];
    let after: string | null = null;
    do {
      const query: Record<string, string> = {
        conversation_id: conversationId,
        limit: '100',
        ...(after ? { after } : {}),
      };
      const page = await t.request('GET', '/api/v1/messages', { headers: account.auth, query });
      seen.push(...page.json().data.map((m: { body: string }) => m.body));
      after = page.json().next;
    } while (after);
    expect(new Set(seen).size).toBe(150);
  });

  it(`every count stops at ${TOTAL_CAP}: page numbers, the count routes, list totals`, async () => {
    const numbered = await t.request('GET', '/api/v1/customers', { headers: account.auth, query: { page: '1' } });
    expect(numbered.json().total_entries).toBe(TOTAL_CAP);
    const last = await t.request('GET', '/api/v1/customers', { headers: account.auth, query: { page: '99999999' } });
    expect(last.json().page_number).toBe(last.json().total_pages);
    for (const path of ['/api/v1/conversations/count', '/api/v1/messages/count']) {
      const res = await t.request('GET', path, { headers: account.auth });
      expect([path, res.json().data.count]).toEqual([path, TOTAL_CAP]);
    }
    const list = await t.request('GET', '/api/v1/conversations', { headers: account.auth });
    expect(list.json().total).toBe(TOTAL_CAP);
  });

  it('DATABASE_STATEMENT_TIMEOUT_MS is applied to every pooled connection', async () => {
    const [{ statement_timeout }] = await t.db.query('SHOW statement_timeout');
    expect(statement_timeout).toBe('2s');
    await expect(t.db.query('SELECT pg_sleep(3)')).rejects.toMatchObject({ driverError: { code: '57014' } });
  });
});
