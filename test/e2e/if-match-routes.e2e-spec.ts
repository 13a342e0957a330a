import {
  createAccount,
  createConversation,
  createCustomer,
  createMessage,
  createTeammate,
  TestAccount,
} from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const PRECONDITION_FAILED = {
  error: {
    status: 412,
    message: 'Precondition Failed: the resource has changed since the ETag in If-Match was issued',
  },
};

interface Resource {
  name: string;
  /** Creates one and returns its URL (the GET, PATCH and DELETE target). */
  create: () => Promise<string>;
  /** A PATCH body that changes the representation. */
  change: object;
  deletable: boolean;
  session?: boolean;
}

/**
 * Every conditional write checks If-Match in its own transaction: a stale ETag is a 412 that writes
 * nothing (the row and what GET shows are unchanged), the current one passes, for every resource.
 */
describe('If-Match on every resource that has a single-resource GET', () => {
  let t: TestApp;
  let a: TestAccount;

  beforeAll(async () => {
    t = await createTestApp();
    a = await createAccount(t);
  });
  afterAll(() => t.close());

  const post = async (url: string, payload: object, headers = a.auth) => {
    const res = await t.request('POST', url, { headers, payload });
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.body}`);
    return res.json().data.id as string;
  };

  const resources: Resource[] = [
    {
      name: 'customers',
      create: async () => `/api/v1/customers/${(await createCustomer(t, a)).id}`,
      change: { customer: { name: 'Changed' } },
      deletable: true,
    },
    {
      name: 'conversations',
      create: async () => `/api/v1/conversations/${(await createConversation(t, a)).id}`,
      change: { conversation: { status: 'closed' } },
      deletable: true,
    },
    {
      name: 'messages',
      create: async () => {
        const conversation = await createConversation(t, a);
        return `/api/v1/messages/${(await createMessage(t, a, { conversation_id: conversation.id, body: 'Hi' })).id}`;
      },
      change: { message: { body: 'Changed' } },
      deletable: true,
    },
    {
      name: 'companies',
      create: async () => `/api/v1/companies/${await post('/api/v1/companies', { company: { name: 'Co' } })}`,
      change: { company: { name: 'Changed' } },
      deletable: true,
    },
    {
      name: 'tags',
      create: async () => `/api/v1/tags/${await post('/api/v1/tags', { tag: { name: `tag-${Math.random()}` } })}`,
      change: { tag: { description: 'Changed' } },
      deletable: true,
    },
    {
      name: 'issues',
      create: async () => `/api/v1/issues/${await post('/api/v1/issues', { issue: { title: 'Bug' } })}`,
      change: { issue: { title: 'Changed' } },
      deletable: true,
    },
    {
      name: 'notes',
      create: async () => {
        const customer = await createCustomer(t, a);
        return `/api/v1/notes/${await post('/api/v1/notes', { note: { body: 'n', customer_id: customer.id } })}`;
      },
      change: { note: { body: 'Changed' } },
      deletable: true,
    },
    {
      name: 'event_subscriptions',
      create: async () => {
        const [{ id }] = await t.db.query(
          `INSERT INTO event_subscriptions (account_id, webhook_url, secret, verified, event_types)
           VALUES ($1, 'https://example.com/hook', 'whsec', true, '{customer:created}') RETURNING id`,
          [a.accountId],
        );
        return `/api/v1/event_subscriptions/${id}`;
      },
      change: { event_subscription: { enabled: false } },
      deletable: true,
    },
    {
      name: 'canned_responses',
      create: async () =>
        `/api/v1/canned_responses/${await post('/api/v1/canned_responses', {
          canned_response: { name: `r-${Math.random()}`, content: 'Hi' },
        })}`,
      change: { canned_response: { content: 'Changed' } },
      deletable: true,
    },
    {
      name: 'inboxes',
      create: async () => `/api/v1/inboxes/${await post('/api/v1/inboxes', { inbox: { name: `i-${Math.random()}` } })}`,
      change: { inbox: { description: 'Changed' } },
      deletable: true,
    },
    {
      name: 'users (admin delete)',
      create: async () => `/api/users/${(await createTeammate(t, a)).userId}`,
      change: {},
      deletable: true,
      session: true,
    },
    {
      name: 'profile',
      create: async () => '/api/v1/profile',
      change: { user_profile: { display_name: `Changed ${Math.random()}` } },
      deletable: false,
    },
    {
      name: 'user_settings',
      create: async () => '/api/v1/user_settings',
      change: { user_settings: { expo_push_token: 'changed' } },
      deletable: false,
    },
    {
      name: 'personal_api_keys',
      create: async () =>
        `/api/personal_api_keys/${await post('/api/personal_api_keys', { label: 'spare' }, { authorization: a.token })}`,
      change: {},
      deletable: true,
      session: true,
    },
  ];

  it.each(resources.map((r) => [r.name, r] as const))('%s', async (_name, resource) => {
    const headers = resource.session ? { authorization: a.token } : a.auth;
    const url = await resource.create();
    const read = () => t.request('GET', url, { headers });
    const first = await read();
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    const stale = `"${'x'.repeat(27)}"`;

    if (Object.keys(resource.change).length) {
      const refused = await t.request('PATCH', url, {
        headers: { ...headers, 'if-match': stale },
        payload: resource.change,
      });
      expect([refused.statusCode, refused.json()]).toEqual([412, PRECONDITION_FAILED]);
      expect((await read()).body).toBe(first.body);
      const put = await t.request('PUT', url, { headers: { ...headers, 'if-match': etag }, payload: resource.change });
      expect(put.statusCode).toBe(200);
      // (A conversation's PUT answers the bare conversation, its GET the expanded one: other ETags.)
      expect((await read()).headers.etag).not.toBe(etag);
      const again = await t.request('PATCH', url, {
        headers: { ...headers, 'if-match': etag },
        payload: resource.change,
      });
      expect(again.statusCode).toBe(412);
    }
    if (resource.deletable) {
      const current = (await read()).headers.etag as string;
      const refused = await t.request('DELETE', url, { headers: { ...headers, 'if-match': stale } });
      expect([refused.statusCode, refused.json()]).toEqual([412, PRECONDITION_FAILED]);
      expect((await read()).statusCode).toBe(200);
      const removed = await t.request('DELETE', url, { headers: { ...headers, 'if-match': current } });
      expect([200, 204]).toContain(removed.statusCode);
      expect((await read()).statusCode).toBe(404);
      // A conditional write of a missing row is a 404, as without If-Match.
      expect((await t.request('DELETE', url, { headers: { ...headers, 'if-match': current } })).statusCode).toBe(404);
    }
  });
});
