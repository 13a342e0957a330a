import { randomBytes } from 'node:crypto';
import { TestApp } from './test-app';

export interface TestAccount {
  accountId: string;
  userId: number;
  email: string;
  password: string;
  /** Session token for the internal /api routes. */
  token: string;
  /** Personal API key for /api/v1. */
  apiKey: string;
  /** `{ authorization: 'Bearer <apiKey>' }` */
  auth: Record<string, string>;
}

/** A fresh account the way a user gets one: registration, then a personal API key. */
export async function createAccount(t: TestApp, overrides: { company_name?: string } = {}): Promise<TestAccount> {
  const email = `user-${randomBytes(5).toString('hex')}@example.com`;
  const password = 'correct horse battery';
  const registration = await t.request('POST', '/api/registration', {
    payload: {
      user: { email, password, password_confirmation: password, company_name: overrides.company_name ?? 'Acme' },
    },
  });
  if (registration.statusCode !== 200) throw new Error(`registration failed: ${registration.body}`);
  const { token, user_id: userId, account_id: accountId } = registration.json().data;
  const key = await t.request('POST', '/api/personal_api_keys', {
    headers: { authorization: token },
    payload: { label: 'tests' },
  });
  if (key.statusCode !== 201) throw new Error(`key creation failed: ${key.body}`);
  const apiKey = key.json().data.value;
  return { accountId, userId, email, password, token, apiKey, auth: { authorization: `Bearer ${apiKey}` } };
}

export async function createCustomer(t: TestApp, account: TestAccount, fields: Record<string, unknown> = {}) {
  const res = await t.request('POST', '/api/v1/customers', {
    headers: account.auth,
    payload: { customer: { name: 'Test Customer', email: 'customer@example.com', ...fields } },
  });
  if (res.statusCode !== 201) throw new Error(`customer creation failed: ${res.body}`);
  return res.json().data;
}

export async function createConversation(t: TestApp, account: TestAccount, fields: Record<string, unknown> = {}) {
  const customerId = fields.customer_id ?? (await createCustomer(t, account)).id;
  const res = await t.request('POST', '/api/v1/conversations', {
    headers: account.auth,
    payload: { conversation: { customer_id: customerId, ...fields } },
  });
  if (res.statusCode !== 201) throw new Error(`conversation creation failed: ${res.body}`);
  return res.json().data;
}

export async function createMessage(t: TestApp, account: TestAccount, fields: Record<string, unknown>) {
  const res = await t.request('POST', '/api/v1/messages', { headers: account.auth, payload: { message: fields } });
  if (res.statusCode !== 201) throw new Error(`message creation failed: ${res.body}`);
  return res.json().data;
}

/** application/x-www-form-urlencoded with bracket keys, as `curl -d "conversation[status]=closed"` sends. */
export function form(fields: Record<string, string>) {
  return {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  };
}

/**
 * A second user (role "user") of the same account, logged in with its own session and API key. The
 * password hash is copied, so the account's password works for it.
 */
export async function createTeammate(t: TestApp, account: TestAccount): Promise<TestAccount> {
  const email = `mate-${randomBytes(5).toString('hex')}@example.com`;
  const [{ id }] = await t.db.query(
    `INSERT INTO users (email, password_hash, account_id, role)
     SELECT $1, password_hash, account_id, 'user' FROM users WHERE id = $2 RETURNING id`,
    [email, account.userId],
  );
  const login = await t.request('POST', '/api/session', { payload: { user: { email, password: account.password } } });
  if (login.statusCode !== 200) throw new Error(`teammate login failed: ${login.body}`);
  const { token } = login.json().data;
  const key = await t.request('POST', '/api/personal_api_keys', {
    headers: { authorization: token },
    payload: { label: 'mate' },
  });
  if (key.statusCode !== 201) throw new Error(`teammate key failed: ${key.body}`);
  const apiKey = key.json().data.value;
  return {
    accountId: account.accountId,
    userId: Number(id),
    email,
    password: account.password,
    token,
    apiKey,
    auth: { authorization: `Bearer ${apiKey}` },
  };
}
