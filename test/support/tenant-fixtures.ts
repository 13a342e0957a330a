import { createAccount, createConversation, createCustomer, createMessage, TestAccount } from './factories';
import { EVENT_TYPES } from '../../src/events/event-types';
import { TestApp } from './test-app';

/** Every kind of record an account owns, by id: what the isolation and fuzz suites aim at. */
export interface AccountData {
  account: TestAccount;
  inbox: string;
  company: string;
  customer: string;
  conversation: string;
  message: string;
  tag: string;
  note: string;
  issue: string;
  cannedResponse: string;
  invitation: string;
  apiKeyId: string;
  /** The customer's external_id (carries the marker). */
  externalId: string;
  /** An event subscription and one of its deliveries ('' unless populateAccount got a webhook URL). */
  subscription: string;
  delivery: string;
}

export type Kind = Exclude<keyof AccountData, 'account'> | 'user' | 'accountId';

export function idOf(data: AccountData, kind: Kind): string | number {
  if (kind === 'user') return data.account.userId;
  if (kind === 'accountId') return data.account.accountId;
  return data[kind];
}

async function created(t: TestApp, account: TestAccount, url: string, payload: object): Promise<string> {
  const res = await t.request('POST', url, { headers: account.auth, payload });
  if (res.statusCode !== 201) throw new Error(`POST ${url} failed: ${res.body}`);
  return res.json().data.id;
}

/**
 * An account with one of everything, every text carrying `marker` so a leak shows in any response body.
 * With `webhookUrl` (a receiver that answers the handshake; private URLs must be allowed for 127.0.0.1) it
 * first subscribes to every event type, so its writes below queue deliveries.
 */
export async function populateAccount(
  t: TestApp,
  marker: string,
  { webhookUrl }: { webhookUrl?: string } = {},
): Promise<AccountData> {
  const account = await createAccount(t, { company_name: `${marker} Inc` });
  const subscription = webhookUrl
    ? await created(t, account, '/api/v1/event_subscriptions', {
        event_subscription: { webhook_url: webhookUrl, scope: `${marker} scope`, event_types: [...EVENT_TYPES] },
      })
    : '';
  const externalId = `${marker}-external`;
  const company = await created(t, account, '/api/v1/companies', { company: { name: `${marker} company` } });
  const customer = (
    await createCustomer(t, account, {
      name: `${marker} customer`,
      email: `${marker.toLowerCase()}@example.com`,
      company_id: company,
      external_id: externalId,
    })
  ).id;
  const conversation = await createConversation(t, account, {
    customer_id: customer,
    subject: `${marker} subject`,
    assignee_id: account.userId,
  });
  const message = (await createMessage(t, account, { body: `${marker} message`, conversation_id: conversation.id })).id;
  const tag = await created(t, account, '/api/v1/tags', { tag: { name: `${marker} tag` } });
  for (const url of [`/api/v1/conversations/${conversation.id}/tags`, `/api/v1/customers/${customer}/tags`]) {
    const res = await t.request('POST', url, { headers: account.auth, payload: { tag_id: tag } });
    if (res.statusCode !== 200) throw new Error(`tagging failed: ${res.body}`);
  }
  const note = await created(t, account, '/api/v1/notes', { note: { body: `${marker} note`, customer_id: customer } });
  const issue = await created(t, account, '/api/v1/issues', {
    issue: { title: `${marker} issue`, assignee_id: account.userId },
  });
  const cannedResponse = await created(t, account, '/api/v1/canned_responses', {
    canned_response: { name: `${marker} reply`, content: `${marker} content` },
  });
  const invitation = (
    await t.request('POST', '/api/user_invitations', {
      headers: { authorization: account.token },
      payload: { user_invitation: {} },
    })
  ).json().data.id;
  await t.request('PUT', '/api/v1/profile', {
    headers: account.auth,
    payload: { user_profile: { full_name: `${marker} person` } },
  });
  await t.request('PUT', '/api/v1/user_settings', {
    headers: account.auth,
    payload: { user_settings: { expo_push_token: `${marker} token` } },
  });
  const keys = await t.request('GET', '/api/personal_api_keys', { headers: { authorization: account.token } });
  let delivery = '';
  if (subscription) {
    const deliveries = await t.request('GET', `/api/v1/event_subscriptions/${subscription}/deliveries`, {
      headers: account.auth,
    });
    delivery = deliveries.json().data[0]?.id;
    if (!delivery) throw new Error(`no deliveries: ${deliveries.body}`);
  }
  return {
    account,
    company,
    customer,
    conversation: conversation.id,
    message,
    tag,
    note,
    issue,
    cannedResponse,
    invitation,
    inbox: conversation.inbox_id,
    apiKeyId: keys.json().data[0].id,
    externalId,
    subscription,
    delivery,
  };
}

/**
 * A digest of everything an account owns (rows with its account_id, and its users' profiles, settings and
 * sessions): equal before and after means nothing was written to it.
 */
export async function fingerprint(t: TestApp, accountId: string): Promise<Record<string, string>> {
  const tables: { table_name: string; column_name: string }[] = await t.db.query(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND column_name IN ('account_id', 'user_id') ORDER BY table_name, column_name`,
  );
  const digest: Record<string, string> = {};
  for (const { table_name: table, column_name: column } of tables) {
    if (digest[table] !== undefined) continue; // account_id sorts first and suffices
    const where =
      column === 'account_id' ? 'account_id = $1' : 'user_id IN (SELECT id FROM users WHERE account_id = $1)';
    const [row] = await t.db.query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${table} x WHERE ${where}`,
      [accountId],
    );
    digest[table] = `${row.n}:${row.h}`;
  }
  return digest;
}

/** Rows whose foreign key points into another account: must always be zero. */
export async function crossAccountReferences(t: TestApp): Promise<string[]> {
  const fks: { child: string; col: string; parent: string }[] = await t.db.query(`
    SELECT c.conrelid::regclass::text AS child, a.attname AS col, c.confrelid::regclass::text AS parent
    FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    WHERE c.contype = 'f' AND c.confrelid <> 'accounts'::regclass
      AND EXISTS (SELECT 1 FROM pg_attribute p WHERE p.attrelid = c.conrelid AND p.attname = 'account_id')
      AND EXISTS (SELECT 1 FROM pg_attribute p WHERE p.attrelid = c.confrelid AND p.attname = 'account_id')`);
  const found: string[] = [];
  for (const { child, col, parent } of fks) {
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM ${child} c JOIN ${parent} p ON p.id = c.${col} WHERE p.account_id <> c.account_id`,
    );
    if (n) found.push(`${child}.${col} → ${parent}: ${n}`);
  }
  return found;
}
