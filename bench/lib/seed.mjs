// Seeds a benchmark database through the API (account, key) and bulk SQL (rows).
import { withClient } from './database.mjs';

export const SCALES = {
  small: { customers: 1_000, conversations: 1_000, messages: 10_000, otherAccounts: 0 },
  large: { customers: 100_000, conversations: 100_000, messages: 1_000_000, otherAccounts: 0 },
  accounts: { customers: 1_000, conversations: 1_000, messages: 10_000, otherAccounts: 10_000 },
};

async function api(url, path, body, authorization) {
  const res = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()).data;
}

export async function registerAccount(apiUrl, n) {
  const email = `bench-${n}-${Date.now()}@example.com`;
  const password = 'bench-password';
  const session = await api(apiUrl, '/api/registration', {
    user: { email, password, password_confirmation: password, company_name: `Bench ${n}` },
  });
  const key = await api(apiUrl, '/api/personal_api_keys', { label: 'bench' }, session.token);
  return { accountId: session.account_id, userId: session.user_id, apiKey: key.value };
}

/** Rows for one account: customers, their conversations, messages spread over the conversations. */
async function seedAccountRows(c, accountId, userId, { customers, conversations, messages }) {
  await c.query(
    `INSERT INTO customers (account_id, name, email, first_seen, last_seen_at, host)
     SELECT $1, CASE WHEN i % 100 = 0 THEN 'Alex ' || i ELSE 'Customer ' || i END, 'customer' || i || '@example.com',
            current_date, now() - i * interval '1 second', 'example.com'
     FROM generate_series(1, $2::int) i`,
    [accountId, customers],
  );
  await c.query(
    `WITH numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM customers WHERE account_id = $1)
     INSERT INTO conversations (account_id, customer_id, inbox_id, status, last_activity_at, read)
     SELECT $1, numbered.id, (SELECT id FROM inboxes WHERE account_id = $1 AND is_primary),
            CASE WHEN i % 3 = 0 THEN 'closed' ELSE 'open' END, now() - i * interval '1 second', i % 2 = 0
     FROM generate_series(1, $2::int) i JOIN numbered ON numbered.n = (i - 1) % $3 + 1`,
    [accountId, conversations, customers],
  );
  await c.query(
    `WITH numbered AS (
       SELECT id, customer_id, row_number() OVER (ORDER BY last_activity_at DESC, id DESC) AS n
       FROM conversations WHERE account_id = $1)
     INSERT INTO messages (account_id, conversation_id, customer_id, user_id, body, created_at, updated_at)
     SELECT $1, numbered.id, CASE WHEN i % 2 = 0 THEN numbered.customer_id END,
            CASE WHEN i % 2 = 1 THEN $4::bigint END, 'Message number ' || i || ' about billing and shipping',
            now() - i * interval '10 milliseconds', now()
     FROM generate_series(1, $2::int) i JOIN numbered ON numbered.n = (i - 1) % $3 + 1`,
    [accountId, messages, conversations, userId],
  );
}

/**
 * The associations the responses embed, so the bodies compared with the baselines carry every shape: tags on
 * every 5th conversation and every 7th customer, a company on every 10th customer, the agent's profile, and
 * a mention and an attachment on the agent's messages in the first few conversations.
 */
export async function seedAssociations(c, accountId, userId) {
  await c.query(
    `INSERT INTO tags (account_id, name, color) SELECT $1, 'tag ' || i, 'blue' FROM generate_series(1, 3) i`,
    [accountId],
  );
  await c.query(
    // Distinct link times: tags are listed in link order, and ties would order them arbitrarily.
    `INSERT INTO conversation_tags (account_id, conversation_id, tag_id, created_at)
     SELECT $1, cv.id, t.id, t.created_at + (t.name = 'tag 2')::int * interval '1 second'
     FROM conversations cv CROSS JOIN tags t
     WHERE cv.account_id = $1 AND t.account_id = $1 AND t.name <> 'tag 3' AND get_byte(uuid_send(cv.id), 0) % 5 = 0`,
    [accountId],
  );
  await c.query(
    `INSERT INTO customer_tags (account_id, customer_id, tag_id)
     SELECT $1, cu.id, t.id FROM customers cu JOIN tags t ON t.account_id = $1 AND t.name = 'tag 3'
     WHERE cu.account_id = $1 AND get_byte(uuid_send(cu.id), 0) % 7 = 0`,
    [accountId],
  );
  await c.query(
    `WITH company AS (INSERT INTO companies (account_id, name, website_url) VALUES ($1, 'Acme', 'https://acme.test') RETURNING id)
     UPDATE customers SET company_id = (SELECT id FROM company)
     WHERE account_id = $1 AND get_byte(uuid_send(id), 0) % 10 = 0`,
    [accountId],
  );
  await c.query(`INSERT INTO user_profiles (user_id, full_name, display_name) VALUES ($1, 'Bench Agent', 'Bench')`, [
    userId,
  ]);
  // The newest conversations: those the read scenarios fetch.
  const agentMessages = `SELECT m.id, m.conversation_id FROM messages m
     WHERE m.account_id = $1 AND m.user_id = $2 AND m.conversation_id IN (
       SELECT id FROM conversations WHERE account_id = $1 ORDER BY last_activity_at DESC, id DESC LIMIT 5)`;
  await c.query(
    `INSERT INTO mentions (account_id, conversation_id, message_id, user_id)
     SELECT $1, conversation_id, id, $2 FROM (${agentMessages}) m`,
    [accountId, userId],
  );
  await c.query(
    `WITH file AS (
       INSERT INTO files (account_id, user_id, filename, unique_filename, file_url, content_type)
       VALUES ($1, $2, 'invoice.pdf', 'u-invoice.pdf', 'https://files.test/invoice.pdf', 'application/pdf') RETURNING id)
     INSERT INTO message_files (account_id, message_id, file_id)
     SELECT $1, m.id, (SELECT id FROM file) FROM (${agentMessages}) m`,
    [accountId, userId],
  );
}

async function seedOtherAccounts(c, count) {
  await c.query(`INSERT INTO accounts (company_name) SELECT 'Other ' || i FROM generate_series(1, $1::int) i`, [count]);
  await c.query(
    `INSERT INTO users (email, password_hash, account_id, role)
     SELECT 'other-' || id || '@example.com', 'x', id, 'admin' FROM accounts WHERE company_name LIKE 'Other %'`,
  );
  await c.query(
    `INSERT INTO inboxes (account_id, name, is_primary) SELECT id, 'Primary Inbox', true FROM accounts WHERE company_name LIKE 'Other %'`,
  );
  const { rows } = await c.query(
    `SELECT a.id AS account_id, u.id AS user_id FROM accounts a JOIN users u ON u.account_id = a.id
     WHERE a.company_name LIKE 'Other %'`,
  );
  for (const row of rows) {
    await seedAccountRows(c, row.account_id, row.user_id, { customers: 10, conversations: 10, messages: 100 });
  }
}

/** Seeds `scale` and returns what the scenarios need. */
export async function seed(dbUrl, apiUrl, scaleName) {
  const scale = SCALES[scaleName];
  if (!scale) throw new Error(`unknown scale ${scaleName}; use ${Object.keys(SCALES).join(', ')}`);
  const account = await registerAccount(apiUrl, 1);
  return withClient(dbUrl, async (c) => {
    await seedAccountRows(c, account.accountId, account.userId, scale);
    await seedAssociations(c, account.accountId, account.userId);
    if (scale.otherAccounts) await seedOtherAccounts(c, scale.otherAccounts);
    await c.query('VACUUM ANALYZE');
    const { rows: conversations } = await c.query(
      `SELECT id FROM conversations WHERE account_id = $1 ORDER BY last_activity_at DESC, id DESC LIMIT 500`,
      [account.accountId],
    );
    const { rows: customers } = await c.query(`SELECT id FROM customers WHERE account_id = $1 ORDER BY id LIMIT 500`, [
      account.accountId,
    ]);
    return {
      ...account,
      conversationId: conversations[0].id,
      writeConversationIds: conversations.map((r) => r.id),
      writeCustomerIds: customers.map((r) => r.id),
    };
  });
}
