import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { NOT_AUTHENTICATED, NOT_FOUND } from '../support/expectations';
import { Receiver } from '../support/receiver';
import { SseClient } from '../support/sse';
import {
  AccountData,
  crossAccountReferences,
  fingerprint,
  idOf,
  Kind,
  populateAccount,
} from '../support/tenant-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Account A calls every route of the API with B's ids in the path, the query and the body. The routes come
 * from Fastify's route table (onRoute), so a new route fails this suite until it gets a rule below.
 */
type Auth = 'key' | 'session' | 'fresh-session' | 'public';
interface Rule {
  auth: Auth;
  /** Status of A's own request with A's ids (not run for DELETE, which would remove A's fixtures). */
  ok: number;
  /** Path params and the record kind each names; 'ignored' for Papercups' dummy id segments. */
  params?: Record<string, Kind | 'ignored'>;
  /** A valid body for `of`'s account. */
  body?: (of: AccountData) => object;
  /** Body fields (dotted) that reference records and must be checked: B's id is a 422 "does not exist". */
  refs?: Record<string, Kind>;
  /** Query filters taking ids: B's id filters to an empty page. */
  filters?: Record<string, Kind>;
  /** A list route (a page comes back). */
  list?: boolean;
  /** Query sent on every call (e.g. a required parameter). */
  query?: (of: AccountData) => Record<string, string>;
  /** `data` when a filter names B's record (default: an empty page). */
  none?: unknown;
  /** A's own records show in `data` of A's request. */
  hasOwn?: (data: any, of: AccountData) => boolean;
  /** Body references where B's id is a 404, exactly like a missing one (tagging: see tags.e2e-spec.ts). */
  refsNotFound?: Record<string, Kind>;
  /** Extra queries for other shapes of the same route (CSV, page numbers): A's request, nothing of B's. */
  variants?: Record<string, string>[];
  /** The SSE stream: checked over a real socket (see streamCheck), not with inject (it never ends). */
  stream?: boolean;
  /**
   * Public, no account data: answers the same with and without A's credentials and shows nothing of A's or
   * B's. `url` replaces a wildcard path.
   */
  publicInfo?: { url?: string; query?: Record<string, string> };
  /**
   * The widget's public routes: the visitor names its account (any account's visitor may do so), and its
   * customer id is what it holds. A's visitor request works; with B's customer (or conversation) and A's
   * account it answers like a missing one (`foreign`), never B's data.
   */
  visitor?: {
    own: (o: AccountData) => Promise<VisitorRequest>;
    foreign?: (a: AccountData, b: AccountData) => Promise<VisitorForeign>;
  };
}

interface VisitorRequest {
  path?: string;
  query?: Record<string, string>;
  body?: object | Buffer;
  headers?: Record<string, string>;
}
type VisitorForeign = VisitorRequest & { status: number; data?: unknown };

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(16, 1)]);
/** A multipart upload body for `POST /api/upload`. */
function uploadRequest(fields: Record<string, string>): VisitorRequest {
  const boundary = '----tenant-isolation';
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const body = Buffer.concat([
    Buffer.from(parts.join('')),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const CRUD = (
  resource: string,
  plural: string,
  body: Rule['body'],
  refs: Rule['refs'] = {},
  filters: Rule['filters'] = {},
  updateRefs: Rule['refs'] = refs,
) =>
  ({
    [`GET /api/v1/${plural}`]: { auth: 'key', ok: 200, list: true, filters },
    [`POST /api/v1/${plural}`]: { auth: 'key', ok: 201, body, refs },
    [`GET /api/v1/${plural}/:id`]: { auth: 'key', ok: 200, params: { id: resource } },
    [`PUT /api/v1/${plural}/:id`]: { auth: 'key', ok: 200, params: { id: resource }, body, refs: updateRefs },
    [`PATCH /api/v1/${plural}/:id`]: { auth: 'key', ok: 200, params: { id: resource }, body, refs: updateRefs },
    [`DELETE /api/v1/${plural}/:id`]: { auth: 'key', ok: 204, params: { id: resource } },
  }) as Record<string, Rule>;

const receiver = new Receiver();
const subscriptionBody = () => ({ event_subscription: { webhook_url: receiver.url('/a'), scope: 'tag:created' } });
const SUBSCRIPTIONS = (prefix: string, auth: Auth) =>
  ({
    [`GET ${prefix}`]: { auth, ok: 200, list: true },
    [`POST ${prefix}`]: { auth, ok: 201, body: subscriptionBody },
    [`POST ${prefix}/verify`]: { auth, ok: 200, body: () => ({ url: receiver.url('/verify') }) },
    [`GET ${prefix}/:id`]: { auth, ok: 200, params: { id: 'subscription' } },
    [`PUT ${prefix}/:id`]: { auth, ok: 200, params: { id: 'subscription' }, body: subscriptionBody },
    [`PATCH ${prefix}/:id`]: {
      auth,
      ok: 200,
      params: { id: 'subscription' },
      body: () => ({ event_subscription: { enabled: true } }),
    },
    [`DELETE ${prefix}/:id`]: { auth, ok: 204, params: { id: 'subscription' } },
    [`POST ${prefix}/:id/rotate_secret`]: { auth, ok: 200, params: { id: 'subscription' } },
    [`GET ${prefix}/:id/deliveries`]: { auth, ok: 200, list: true, params: { id: 'subscription' } },
    [`POST ${prefix}/:id/deliveries/:delivery_id/redeliver`]: {
      auth,
      ok: 202,
      params: { id: 'subscription', delivery_id: 'delivery' },
    },
  }) as Record<string, Rule>;
/** Reporting and counts: wide enough for today's fixtures. */
const RANGE = () => ({
  from_date: new Date(Date.now() - 86_400_000).toISOString(),
  to_date: new Date(Date.now() + 86_400_000).toISOString(),
});

const unique = () => Math.random().toString(36).slice(2, 10);
const foreignJunk = (b: AccountData) => ({
  account_id: b.account.accountId,
  user_id: b.account.userId,
  id: b.customer,
});

const RULES: Record<string, Rule> = {
  ...CRUD(
    'customer',
    'customers',
    (o) => ({ customer: { name: 'A customer', company_id: o.company } }),
    { 'customer.company_id': 'company' },
    { company_id: 'company', external_id: 'externalId' },
  ),
  ...CRUD(
    'conversation',
    'conversations',
    (o) => ({ conversation: { customer_id: o.customer, assignee_id: o.account.userId, inbox_id: o.inbox } }),
    { 'conversation.customer_id': 'customer', 'conversation.assignee_id': 'user', 'conversation.inbox_id': 'inbox' },
    { customer_id: 'customer', assignee_id: 'user', inbox_id: 'inbox', tag_id: 'tag' },
  ),
  ...CRUD(
    'message',
    'messages',
    (o) => ({ message: { body: 'A message', conversation_id: o.conversation } }),
    { 'message.conversation_id': 'conversation', 'message.customer_id': 'customer' },
    { conversation_id: 'conversation', customer_id: 'customer' },
    {},
  ), // a message cannot move: its update takes no references (B's ids there are dropped, see crossAccountReferences)
  ...CRUD('company', 'companies', () => ({ company: { name: `A company ${unique()}` } })),
  ...CRUD('tag', 'tags', () => ({ tag: { name: `A tag ${unique()}` } })),
  ...CRUD(
    'note',
    'notes',
    (o) => ({ note: { body: 'A note', customer_id: o.customer } }),
    { 'note.customer_id': 'customer' },
    { customer_id: 'customer', author_id: 'user' },
  ),
  ...CRUD(
    'issue',
    'issues',
    (o) => ({ issue: { title: 'A issue', assignee_id: o.account.userId } }),
    { 'issue.assignee_id': 'user' },
    { assignee_id: 'user', customer_id: 'customer' },
  ),
  ...CRUD('cannedResponse', 'canned_responses', () => ({
    canned_response: { name: `A reply ${unique()}`, content: 'Hello' },
  })),
  ...CRUD('inbox', 'inboxes', () => ({ inbox: { name: `A inbox ${unique()}`, is_private: false } })),
  'GET /api/v1/inboxes/primary': { auth: 'key', ok: 200, hasOwn: (data, o) => data.id === o.inbox },
  // Team administration (session, admin): on yourself disable/enable/archive are Papercups' 400.
  'POST /api/users/:id/disable': { auth: 'session', ok: 400, params: { id: 'user' } },
  'POST /api/users/:id/enable': { auth: 'session', ok: 400, params: { id: 'user' } },
  'POST /api/users/:id/archive': { auth: 'session', ok: 400, params: { id: 'user' } },
  'PUT /api/users/:id/role': { auth: 'session', ok: 200, params: { id: 'user' }, body: () => ({ role: 'admin' }) },
  'DELETE /api/users/:id': { auth: 'session', ok: 200, params: { id: 'user' } },
  'GET /api/user_invitations': { auth: 'session', ok: 200, list: true },
  'POST /api/user_invitations': { auth: 'session', ok: 201, body: () => ({ user_invitation: {} }) },
  'GET /api/user_invitations/:id': { auth: 'session', ok: 200, params: { id: 'invitation' } },
  'PUT /api/user_invitations/:id': {
    auth: 'session',
    ok: 200,
    params: { id: 'invitation' },
    body: () => ({ user_invitation: { expires_at: '2099-01-01T00:00:00Z' } }),
  },
  'PATCH /api/user_invitations/:id': {
    auth: 'session',
    ok: 200,
    params: { id: 'invitation' },
    body: () => ({ user_invitation: { expires_at: '2099-01-01T00:00:00Z' } }),
  },
  'DELETE /api/user_invitations/:id': { auth: 'session', ok: 204, params: { id: 'invitation' } },
  'POST /api/user_invitation_emails': {
    auth: 'session',
    ok: 201,
    body: () => ({ to_address: 'a-friend@example.com' }),
  },
  // The caller's account: `me` or its own id; B's id (and any other) is a 404.
  'GET /api/accounts/me': { auth: 'session', ok: 200, hasOwn: (data, o) => data.id === o.account.accountId },
  'PUT /api/accounts/:id': {
    auth: 'session',
    ok: 200,
    params: { id: 'accountId' },
    body: () => ({ account: { time_zone: 'Europe/Paris' } }),
  },
  'PATCH /api/accounts/:id': {
    auth: 'session',
    ok: 200,
    params: { id: 'accountId' },
    body: () => ({ account: { working_hours: [{ day: 'weekdays', start_minute: 0, end_minute: 60 }] } }),
  },
  'DELETE /api/accounts/:id': { auth: 'session', ok: 204, params: { id: 'accountId' } },
  'GET /api/v1/conversations/count': {
    auth: 'key',
    ok: 200,
    none: { count: 0 },
    hasOwn: (data) => data.count > 0,
    filters: { customer_id: 'customer', assignee_id: 'user', inbox_id: 'inbox', tag_id: 'tag' },
  },
  // Conversation extras, at both doors.
  ...Object.fromEntries(
    (
      [
        ['/api/v1', 'key'],
        ['/api', 'session'],
      ] as const
    ).flatMap(([prefix, auth]) => [
      [`GET ${prefix}/conversations/unread`, { auth, ok: 200 }],
      [`POST ${prefix}/conversations/:id/share`, { auth, ok: 200, params: { id: 'conversation' } }],
      [`POST ${prefix}/conversations/:id/archive`, { auth, ok: 200, params: { id: 'conversation' } }],
      [`GET ${prefix}/conversations/:id/previous`, { auth, ok: 200, params: { id: 'conversation' } }],
      [`GET ${prefix}/conversations/:id/related`, { auth, ok: 200, params: { id: 'conversation' } }],
    ]),
  ),
  // The shared link's token is its only credential: a junk one shows nothing of anyone's.
  'GET /api/conversations/shared': {
    auth: 'public',
    ok: 403,
    query: (o) => ({ conversation_id: o.conversation, token: 'junk.token' }),
  },
  'GET /api/v1/messages/count': {
    auth: 'key',
    ok: 200,
    none: { count: 0 },
    hasOwn: (data) => data.count > 0,
    filters: { conversation_id: 'conversation', customer_id: 'customer' },
  },
  // identify looks customers up by external_id (and email): B's values find nothing.
  'GET /api/v1/customers/identify': {
    auth: 'key',
    ok: 200,
    query: (o) => ({ external_id: o.externalId }),
    none: { customer_id: null },
    hasOwn: (data, o) => data.customer_id === o.customer,
    filters: { external_id: 'externalId' },
  },
  'GET /api/v1/reporting': { auth: 'key', ok: 200, query: RANGE },
  'GET /api/v1/events': { auth: 'key', ok: 200, list: true },
  'GET /api/v1/events/stream': { auth: 'key', ok: 200, stream: true },
  ...SUBSCRIPTIONS('/api/v1/event_subscriptions', 'key'),
  ...SUBSCRIPTIONS('/api/event_subscriptions', 'session'),
  'GET /api/v1/users': { auth: 'key', ok: 200, list: true },
  'GET /api/v1/users/:id': { auth: 'key', ok: 200, params: { id: 'user' } },
  'GET /api/v1/me': { auth: 'key', ok: 200 },
  'GET /api/v1/profile': { auth: 'key', ok: 200 },
  'GET /api/v1/profile/:id': { auth: 'key', ok: 200, params: { id: 'ignored' } },
  'PUT /api/v1/profile': { auth: 'key', ok: 200, body: () => ({ user_profile: { display_name: 'A' } }) },
  'PUT /api/v1/profile/:id': {
    auth: 'key',
    ok: 200,
    params: { id: 'ignored' },
    body: () => ({ user_profile: { display_name: 'A' } }),
  },
  'PATCH /api/v1/profile': { auth: 'key', ok: 200, body: () => ({ user_profile: { display_name: 'A' } }) },
  'PATCH /api/v1/profile/:id': {
    auth: 'key',
    ok: 200,
    params: { id: 'ignored' },
    body: () => ({ user_profile: { display_name: 'A' } }),
  },
  'GET /api/v1/user_settings': { auth: 'key', ok: 200 },
  'GET /api/v1/user_settings/:id': { auth: 'key', ok: 200, params: { id: 'ignored' } },
  'PUT /api/v1/user_settings': { auth: 'key', ok: 200, body: () => ({ user_settings: { expo_push_token: 'A' } }) },
  'PUT /api/v1/user_settings/:id': {
    auth: 'key',
    ok: 200,
    params: { id: 'ignored' },
    body: () => ({ user_settings: { expo_push_token: 'A' } }),
  },
  'PATCH /api/v1/user_settings': { auth: 'key', ok: 200, body: () => ({ user_settings: { expo_push_token: 'A' } }) },
  'PATCH /api/v1/user_settings/:id': {
    auth: 'key',
    ok: 200,
    params: { id: 'ignored' },
    body: () => ({ user_settings: { expo_push_token: 'A' } }),
  },
  'POST /api/v1/conversations/:id/tags': {
    auth: 'key',
    ok: 200,
    params: { id: 'conversation' },
    body: (o) => ({ tag_id: o.tag }),
    refsNotFound: { tag_id: 'tag' },
  },
  'DELETE /api/v1/conversations/:id/tags/:tag_id': {
    auth: 'key',
    ok: 200,
    params: { id: 'conversation', tag_id: 'tag' },
  },
  'POST /api/v1/customers/:id/tags': {
    auth: 'key',
    ok: 200,
    params: { id: 'customer' },
    body: (o) => ({ tag_id: o.tag }),
    refsNotFound: { tag_id: 'tag' },
  },
  'DELETE /api/v1/customers/:id/tags/:tag_id': { auth: 'key', ok: 200, params: { id: 'customer', tag_id: 'tag' } },
  'POST /api/v1/customers/:id/issues': {
    auth: 'key',
    ok: 200,
    params: { id: 'customer' },
    body: (o) => ({ issue_id: o.issue }),
    refsNotFound: { issue_id: 'issue' },
  },
  'DELETE /api/v1/customers/:id/issues/:issue_id': {
    auth: 'key',
    ok: 200,
    params: { id: 'customer', issue_id: 'issue' },
  },
  // Integration passthroughs answer 422 whatever they get.
  'POST /api/v1/slack/notify': { auth: 'key', ok: 200, body: (o) => ({ text: 'x', conversation_id: o.conversation }) },
  'POST /api/v1/twilio/send': { auth: 'key', ok: 422, body: (o) => ({ conversation_id: o.conversation }) },
  'POST /api/v1/gmail/send': { auth: 'key', ok: 422, body: (o) => ({ conversation_id: o.conversation }) },
  'GET /api/v1/github/repos': { auth: 'key', ok: 200 },
  'GET /api/v1/github/issues': { auth: 'key', ok: 200 },
  'POST /api/v1/github/issues': { auth: 'key', ok: 200, body: (o) => ({ issue_id: o.issue }) },
  // Session routes.
  'GET /api/me': { auth: 'session', ok: 200 },
  'GET /api/personal_api_keys': { auth: 'session', ok: 200 },
  'POST /api/personal_api_keys': { auth: 'session', ok: 201, body: () => ({ label: 'A key' }) },
  'GET /api/personal_api_keys/:id': { auth: 'session', ok: 200, params: { id: 'apiKeyId' } },
  'DELETE /api/personal_api_keys/:id': { auth: 'session', ok: 204, params: { id: 'apiKeyId' } },
  // Public auth routes: no ids of theirs; B's ids in the body must change nothing and leak nothing.
  'POST /api/registration': {
    auth: 'public',
    ok: 200,
    body: () => ({
      user: {
        email: `a-${unique()}@example.com`,
        password: 'long password',
        password_confirmation: 'long password',
        company_name: 'A2',
      },
    }),
  },
  'POST /api/session': {
    auth: 'public',
    ok: 200,
    body: (o) => ({ user: { email: o.account.email, password: o.account.password } }),
  },
  'POST /api/session/renew': { auth: 'public', ok: 401 },
  // Password reset and email verification: public, by email or by a mailed token only.
  'POST /api/reset_password': { auth: 'public', ok: 200, body: (o) => ({ email: o.account.email }) },
  'PUT /api/reset_password': {
    auth: 'public',
    ok: 401,
    body: () => ({ token: 'unknown', password: 'long password', password_confirmation: 'long password' }),
  },
  'POST /api/verify_email': { auth: 'public', ok: 401, body: () => ({ token: 'unknown' }) },
  'DELETE /api/session': { auth: 'fresh-session', ok: 200 },
  // The caller's own password and sessions. A wrong current password (422) so A's sessions stay; DELETE
  // (log out everywhere) only gets the 401 checks, which end nothing.
  'PUT /api/password': {
    auth: 'session',
    ok: 422,
    body: () => ({ user: { current_password: 'not it', password: 'new long password', password_confirmation: 'x' } }),
  },
  'DELETE /api/sessions': { auth: 'session', ok: 200 },
  // Public, no account data: probes, ping and the API's documentation.
  'GET /health/live': { auth: 'public', ok: 200, publicInfo: {} },
  'GET /health/ready': { auth: 'public', ok: 200, publicInfo: {} },
  'GET /api/ping': { auth: 'public', ok: 200, publicInfo: { query: { hello: 'world' } } },
  'GET /api/openapi.json': { auth: 'public', ok: 200, publicInfo: {} },
  'GET /api/openapi.yaml': { auth: 'public', ok: 200, publicInfo: {} },
  'GET /api/docs': { auth: 'public', ok: 200, publicInfo: {} },
  'GET /api/docs/*': { auth: 'public', ok: 200, publicInfo: { url: '/api/docs/swagger-ui.css' } },
  'GET /api/docs/docs/*': { auth: 'public', ok: 200, publicInfo: { url: '/api/docs/docs/swagger-ui.css' } },
  'GET /api/docs/index.html': { auth: 'public', ok: 200, publicInfo: {} },
  // @nestjs/swagger registers it, but swagger-ui-dist's file is not there: Fastify's own 404 body (not our envelope).
  'GET /api/docs/LICENSE': { auth: 'public', ok: 404, publicInfo: {} },
  'GET /api/docs/swagger-ui-init.js': { auth: 'public', ok: 200, publicInfo: {} },
  'GET /api/docs/docs/swagger-ui-init.js': { auth: 'public', ok: 200, publicInfo: {} },
  // CORS preflight (no Origin: a bare 204) on any path.
  'OPTIONS *': { auth: 'public', ok: 204, publicInfo: { url: '/api/v1/customers' } },
  // The chat widget (Papercups' public scope) and its settings.
  'GET /api/widget_settings': {
    auth: 'public',
    ok: 200,
    visitor: { own: async (o) => ({ query: { account_id: o.account.accountId } }) },
  },
  'PUT /api/widget_settings/metadata': {
    auth: 'public',
    ok: 200,
    visitor: { own: async (o) => ({ body: { account_id: o.account.accountId, metadata: { host: 'a.test' } } }) },
  },
  'PUT /api/widget_settings': {
    auth: 'session',
    ok: 200,
    body: (o) => ({ widget_settings: { title: 'A widget', inbox_id: o.inbox } }),
    refs: { 'widget_settings.inbox_id': 'inbox' },
  },
  'GET /api/widget_security': { auth: 'session', ok: 200 },
  'PUT /api/widget_security': {
    auth: 'session',
    ok: 200,
    body: () => ({ widget_security: { allowed_origins: [] } }),
  },
  'POST /api/customers': {
    auth: 'public',
    ok: 201,
    visitor: { own: async (o) => ({ body: { customer: { account_id: o.account.accountId, name: 'A visitor' } } }) },
  },
  'GET /api/customers/identify': {
    auth: 'public',
    ok: 200,
    visitor: {
      own: async (o) => ({ query: { account_id: o.account.accountId, external_id: o.externalId } }),
      foreign: async (a, b) => ({
        query: { account_id: a.account.accountId, external_id: b.externalId },
        status: 200,
        data: { customer_id: null },
      }),
    },
  },
  'GET /api/customers/:id/exists': {
    auth: 'public',
    ok: 200,
    visitor: {
      own: async (o) => ({ path: `/api/customers/${o.customer}/exists`, query: { account_id: o.account.accountId } }),
      foreign: async (a, b) => ({
        path: `/api/customers/${b.customer}/exists`,
        query: { account_id: a.account.accountId },
        status: 200,
        data: false,
      }),
    },
  },
  // The customer id is the visitor's credential here (the SDK sends no account): a missing one is a 404.
  'PUT /api/customers/:id/metadata': {
    auth: 'public',
    ok: 200,
    visitor: {
      own: async (o) => ({ path: `/api/customers/${o.customer}/metadata`, body: { metadata: { name: 'A-OWN v' } } }),
      foreign: async () => ({
        path: `/api/customers/${randomUUID()}/metadata`,
        body: { metadata: { name: 'x' } },
        status: 404,
      }),
    },
  },
  'POST /api/conversations': {
    auth: 'public',
    ok: 201,
    visitor: {
      own: async (o) => ({ body: { conversation: { account_id: o.account.accountId, customer_id: o.customer } } }),
      foreign: async (a, b) => ({
        body: { conversation: { account_id: a.account.accountId, customer_id: b.customer } },
        status: 404,
      }),
    },
  },
  'GET /api/conversations/customer': {
    auth: 'public',
    ok: 200,
    visitor: {
      own: async (o) => ({ query: { account_id: o.account.accountId, customer_id: o.customer } }),
      foreign: async (a, b) => ({ query: { account_id: a.account.accountId, customer_id: b.customer }, status: 404 }),
    },
  },
  'POST /api/upload': {
    auth: 'public',
    ok: 201,
    visitor: {
      own: async (o) => uploadRequest({ account_id: o.account.accountId, customer_id: o.customer }),
      foreign: async (a, b) => ({
        ...uploadRequest({ account_id: a.account.accountId, customer_id: b.customer }),
        status: 404,
      }),
    },
  },
  'GET /api/upload/:id': {
    auth: 'public',
    ok: 200,
    visitor: { own: async (o) => ({ path: `/api/upload/${await uploadedBy(o)}` }) },
  },
  'GET /api/upload/:id/content': {
    auth: 'public',
    ok: 200,
    visitor: { own: async (o) => ({ path: `/api/upload/${await uploadedBy(o)}/content` }) },
  },
  'DELETE /api/upload/:id': {
    auth: 'public',
    ok: 204,
    visitor: {
      own: async (o) => ({ path: `/api/upload/${await uploadedBy(o)}`, query: { customer_id: o.customer } }),
      // A file of the same account that this visitor did not upload.
      foreign: async (a) => ({
        path: `/api/upload/${await uploadedBy(a, false)}`,
        query: { customer_id: a.customer },
        status: 404,
      }),
    },
  },
};

RULES['GET /api/v1/customers'].variants = [{ format: 'csv' }, { page: '1', page_size: '50' }];

/**
 * The dashboard's door (issue 15): the same controllers under /api with the session token, so the same rules.
 * Creating customers and conversations and identify stay on /api/v1 (their /api twins are the widget's).
 */
const DASHBOARD =
  /^(GET|POST|PUT|PATCH|DELETE) \/api\/v1\/(customers|conversations|messages|companies|tags|notes|issues|users|reporting|profile|user_settings|canned_responses|inboxes)(\/|$)/;
const V1_ONLY = new Set(['POST /api/v1/customers', 'POST /api/v1/conversations', 'GET /api/v1/customers/identify']);
for (const [route, rule] of Object.entries(RULES)) {
  if (!DASHBOARD.test(route) || V1_ONLY.has(route)) continue;
  RULES[route.replace(' /api/v1/', ' /api/')] = { ...rule, auth: 'session' };
}

let uploadApp: TestApp | undefined;
/** A file uploaded by `of`'s visitor (or anonymously to its account). */
async function uploadedBy(of: AccountData, asCustomer = true): Promise<string> {
  const { body, headers } = uploadRequest({
    account_id: of.account.accountId,
    ...(asCustomer ? { customer_id: of.customer } : {}),
  });
  const res = await uploadApp!.request('POST', '/api/upload', { payload: body as never, headers });
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.body}`);
  return res.json().data.id;
}

const set = (object: any, dotted: string, value: unknown) => {
  const keys = dotted.split('.');
  let target = object;
  for (const key of keys.slice(0, -1)) target = target[key];
  target[keys[keys.length - 1]] = value;
  return object;
};

describe('tenant isolation: every route, B ids in path, query and body', () => {
  let t: TestApp;
  let a: AccountData;
  let b: AccountData;
  const routes = new Set<string>();
  const counts = { path: 0, query: 0, body: 0, baseline: 0, publicInfo: 0 };

  const WEBHOOKS = { allowPrivateUrls: true, pollIntervalMs: 50, timeoutMs: 2000 };
  let baseUrl: string;

  /** Until the webhook worker has sent every queued delivery (it writes to the deliveries' accounts). */
  const deliveriesSettled = async () => {
    const deadline = Date.now() + 15_000;
    while ((await t.db.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'pending'`))[0].n > 0) {
      if (Date.now() > deadline) throw new Error('webhook deliveries still pending');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  beforeAll(async () => {
    await receiver.start();
    t = await createTestApp({
      config: { webhooks: WEBHOOKS },
      onRoute: (method, url) => routes.add(`${method} ${url.replace(/\/$/, '') || '/'}`),
    });
    uploadApp = t;
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    a = await populateAccount(t, 'A-OWN', { webhookUrl: receiver.url('/a') });
    b = await populateAccount(t, 'B-SECRET', { webhookUrl: receiver.url('/B-SECRET') });
    await deliveriesSettled();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await receiver.stop();
  });

  /** An account's marker, its email, its account id and every record id. */
  const secretsOf = (of: AccountData, marker: string) => [
    marker,
    marker.toLowerCase(),
    of.account.email,
    of.account.accountId,
    of.company,
    of.customer,
    of.conversation,
    of.message,
    of.tag,
    of.note,
    of.issue,
    of.cannedResponse,
    of.invitation,
    of.inbox,
    of.apiKeyId,
    of.externalId,
    of.subscription,
    of.delivery,
  ];
  /** Anything of B's in a response. */
  const leaks = (res: { body: string }) => secretsOf(b, 'B-SECRET').filter((s) => res.body.includes(s));
  const junkQuery = () => Object.fromEntries(Object.entries(foreignJunk(b)).map(([k, v]) => [k, String(v)]));

  /** Public, no account data: the same answer with or without A's key, nothing of A's or B's in it. */
  async function publicCheck(route: string, rule: Rule) {
    const url = rule.publicInfo!.url ?? route.split(' ')[1];
    const query = rule.publicInfo!.query ?? {};
    const method = route.split(' ')[0];
    const anonymous = await t.request(method, url, { query });
    const asA = await t.request(method, url, { query, headers: a.account.auth });
    for (const res of [anonymous, asA]) {
      const context = `${route} ${url} → ${res.statusCode} ${res.body.slice(0, 300)}`;
      const secrets = [...secretsOf(a, 'A-OWN'), ...secretsOf(b, 'B-SECRET')].filter((x) => res.body.includes(x));
      expect({ context, status: res.statusCode, secrets }).toEqual({ context, status: rule.ok, secrets: [] });
    }
    expect(asA.body).toEqual(anonymous.body);
  }

  /** A widget route: A's visitor is served, B's customer with A's account is refused like a missing one. */
  async function visitorCheck(route: string, rule: Rule) {
    const method = route.split(' ')[0];
    const send = (r: VisitorRequest) =>
      t.request(method, r.path ?? route.split(' ')[1], {
        query: r.query,
        payload: r.body as never,
        headers: r.headers,
      });
    const own = await send(await rule.visitor!.own(a));
    const context = `${route} → ${own.statusCode} ${own.body.slice(0, 300)}`;
    expect({ context, status: own.statusCode, leaks: leaks(own) }).toEqual({ context, status: rule.ok, leaks: [] });
    if (!rule.visitor!.foreign) return;
    const foreign = await rule.visitor!.foreign(a, b);
    const res = await send(foreign);
    const fcontext = `${route} (B's ids) → ${res.statusCode} ${res.body.slice(0, 300)}`;
    expect({ fcontext, status: res.statusCode, leaks: leaks(res) }).toEqual({
      fcontext,
      status: foreign.status,
      leaks: [],
    });
    if (foreign.status === 404) expect(res.json()).toEqual(NOT_FOUND);
    else expect(res.json().data).toEqual(foreign.data);
    counts.body++;
  }

  /**
   * The SSE stream, over a real socket: A's stream replayed from its first cursor, with B's ids in the query,
   * shows exactly A's events 1..n and nothing of B's (the live case is the next test).
   */
  async function streamCheck() {
    const { total } = (
      await t.request('GET', '/api/v1/events', { headers: a.account.auth, query: { limit: '1' } })
    ).json();
    const stream = await SseClient.open(
      `${baseUrl}/api/v1/events/stream?${new URLSearchParams({ ...junkQuery(), after: '0' })}`,
      a.account.auth,
    );
    try {
      expect(stream.status).toBe(200);
      await stream.waitFor((s) => s.events.length >= total, 5000, `A's ${total} events`);
      expect(total).toBeGreaterThan(5);
      expect(stream.events.map((f) => Number(f.id))).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect(leaks({ body: JSON.stringify(stream.frames) })).toEqual([]);
    } finally {
      stream.close();
    }
  }

  async function call(route: string, rule: Rule, path: string, query: Record<string, string>, body?: object) {
    const method = route.split(' ')[0];
    let headers: Record<string, string> = {};
    if (rule.auth === 'key') headers = a.account.auth;
    if (rule.auth === 'session') headers = { authorization: a.account.token };
    if (rule.auth === 'fresh-session') {
      const login = await t.request('POST', '/api/session', {
        payload: { user: { email: a.account.email, password: a.account.password } },
      });
      headers = { authorization: login.json().data.token };
    }
    const res = await t.request(method, path, { headers, query: { ...rule.query?.(a), ...query }, payload: body });
    const context = `${route} ${path} ${JSON.stringify(query)} ${JSON.stringify(body)} → ${res.statusCode} ${res.body}`;
    expect({ context, leaks: leaks(res) }).toEqual({ context, leaks: [] });
    expect(res.statusCode).toBeLessThan(500);
    return { res, context };
  }

  /** The route's path with A's ids; `foreign` names the parameter that gets B's id (or `id`, if given). */
  const urlFor = (route: string, rule: Rule, foreign?: string, id?: string | number) =>
    route.split(' ')[1].replace(/:(\w+)/g, (_m, param: string) => {
      const kind = rule.params![param];
      if (foreign === param && id !== undefined) return String(id);
      if (kind === 'ignored') return String(foreign === param ? b.customer : 'me');
      return String(idOf(foreign === param ? b : a, kind));
    });

  /**
   * What a route must refuse with 401: no credential, unknown ones, A's key without "Bearer " or as Basic,
   * and A's valid credential of the other kind.
   */
  const refusedCredentials = (auth: 'key' | 'session'): Record<string, string>[] => {
    const { apiKey, token } = a.account;
    const refused =
      auth === 'key'
        ? ['Bearer pc_unknown', apiKey, `Basic ${apiKey}`, token, `Bearer ${token}`]
        : ['not-a-session-token', 'Bearer not-a-session-token', apiKey, `Bearer ${apiKey}`];
    return [{}, ...refused.map((authorization) => ({ authorization }))];
  };

  /** An id of `kind` that no account has. */
  const missingId = (kind: Kind) => (kind === 'user' ? 999_999 : randomUUID());

  it('has a rule for every registered route, and a route for every rule', () => {
    expect([...routes].filter((r) => !RULES[r]).sort()).toEqual([]);
    expect(
      Object.keys(RULES)
        .filter((r) => !routes.has(r))
        .sort(),
    ).toEqual([]);
  });

  it('notices a write to B (the digest below is not blind)', async () => {
    const before = await fingerprint(t, b.account.accountId);
    await t.db.query(`UPDATE tags SET color = 'changed' WHERE id = $1`, [b.tag]);
    expect(await fingerprint(t, b.account.accountId)).not.toEqual(before);
    await t.db.query(`UPDATE tags SET color = NULL WHERE id = $1`, [b.tag]);
    expect(await fingerprint(t, b.account.accountId)).toEqual(before);
  });

  it('answers 401 on every non-public route without credentials, with unknown ones and with the other kind', async () => {
    const before = await fingerprint(t, a.account.accountId);
    const checked = { key: 0, session: 0, requests: 0 };
    for (const [route, rule] of Object.entries(RULES)) {
      if (rule.auth !== 'key' && rule.auth !== 'session') continue;
      // A's valid body with each credential, and an empty one without: refused before the body is read.
      const attempts: [Record<string, string>, object | undefined][] = [
        ...refusedCredentials(rule.auth).map((headers): [Record<string, string>, object | undefined] => [
          headers,
          rule.body?.(a),
        ]),
        ...(rule.body ? [[{}, {}] as [Record<string, string>, object]] : []),
      ];
      for (const [headers, payload] of attempts) {
        const res = await t.request(route.split(' ')[0], urlFor(route, rule), {
          headers,
          query: rule.query?.(a),
          payload,
        });
        const context = `${route} ${JSON.stringify(headers)} ${JSON.stringify(payload)}`;
        expect({ context, status: res.statusCode, body: res.json() }).toEqual({
          context,
          status: 401,
          body: NOT_AUTHENTICATED,
        });
        checked.requests++;
      }
      checked[rule.auth]++;
    }
    // Refused before anything is written, on A's own records.
    expect(await fingerprint(t, a.account.accountId)).toEqual(before);
    console.log(`401: ${checked.key} key and ${checked.session} session routes, ${checked.requests} refused requests`);
    expect(checked.key).toBeGreaterThan(80);
    expect(checked.session).toBeGreaterThan(10);
  }, 60_000);

  it("answers B's ids exactly like ids nobody has on every route that takes one: 404, the same body", async () => {
    const before = await fingerprint(t, b.account.accountId);
    let checked = 0;
    for (const [route, rule] of Object.entries(RULES)) {
      for (const [param, kind] of Object.entries(rule.params ?? {})) {
        if (kind === 'ignored') continue;
        const foreign = await call(route, rule, urlFor(route, rule, param), {}, rule.body?.(a));
        const missing = await call(route, rule, urlFor(route, rule, param, missingId(kind)), {}, rule.body?.(a));
        const context = `${route} :${param}`;
        expect({
          context,
          foreign: [foreign.res.statusCode, foreign.res.json()],
          missing: [missing.res.statusCode, missing.res.json()],
        }).toEqual({ context, foreign: [404, NOT_FOUND], missing: [404, NOT_FOUND] });
        checked++;
      }
    }
    expect(await fingerprint(t, b.account.accountId)).toEqual(before);
    console.log(`404: ${checked} id parameters, each with B's id and a missing one`);
    expect(checked).toBeGreaterThan(50);
  }, 60_000);

  it('never lets A reach B', async () => {
    const before = await fingerprint(t, b.account.accountId);
    // Deletes last, so the other routes still find A's fixtures.
    const ordered = Object.entries(RULES).sort(
      ([x], [y]) => Number(x.startsWith('DELETE')) - Number(y.startsWith('DELETE')),
    );

    for (const [route, rule] of ordered) {
      const method = route.split(' ')[0];
      if (rule.visitor) {
        await visitorCheck(route, rule);
        counts.baseline++;
        continue;
      }
      if (rule.publicInfo) {
        await publicCheck(route, rule);
        counts.publicInfo++;
        continue;
      }
      if (rule.stream) {
        await streamCheck();
        counts.query++;
        counts.baseline++;
        continue;
      }
      // Path: each parameter in turn is B's; a real id is a 404, an ignored segment serves A's own record.
      for (const [param, kind] of Object.entries(rule.params ?? {})) {
        const { res, context } = await call(route, rule, urlFor(route, rule, param), {}, rule.body?.(a));
        expect({ context, status: res.statusCode }).toEqual({ context, status: kind === 'ignored' ? rule.ok : 404 });
        counts.path++;
      }
      // Query: B's ids in the filters give an empty page; B's ids in unknown parameters are ignored.
      for (const [filter, kind] of Object.entries(rule.filters ?? {})) {
        const { res, context } = await call(route, rule, urlFor(route, rule), { [filter]: String(idOf(b, kind)) });
        expect({ context, status: res.statusCode, data: res.json().data }).toEqual({
          context,
          status: 200,
          data: rule.none ?? [],
        });
        counts.query++;
      }
      if (method !== 'DELETE') {
        const { res, context } = await call(route, rule, urlFor(route, rule), junkQuery(), rule.body?.(a));
        expect({ context, status: res.statusCode }).toEqual({ context, status: rule.ok });
        // A's own data is there.
        if (rule.list) expect({ context, own: res.json().data.length > 0 }).toEqual({ context, own: true });
        if (rule.hasOwn) expect({ context, own: rule.hasOwn(res.json().data, a) }).toEqual({ context, own: true });
        counts.query++;
      }
      // Body: each reference in turn is B's → 422 "does not exist"; B's ids in fields the server owns are ignored.
      for (const [field, kind] of Object.entries(rule.refs ?? {})) {
        const body = set(rule.body!(a), field, idOf(b, kind));
        const { res, context } = await call(route, rule, urlFor(route, rule), {}, body);
        const name = field.split('.').pop()!;
        expect({ context, body: res.json() }).toEqual({
          context,
          body: { error: { status: 422, message: 'Unprocessable Entity', errors: { [name]: ['does not exist'] } } },
        });
        counts.body++;
      }
      for (const [field, kind] of Object.entries(rule.refsNotFound ?? {})) {
        const body = set(rule.body!(a), field, idOf(b, kind));
        const { res, context } = await call(route, rule, urlFor(route, rule), {}, body);
        expect({ context, body: res.json() }).toEqual({
          context,
          body: { error: { status: 404, message: 'Not found' } },
        });
        counts.body++;
      }
      if (rule.body) {
        const body = rule.body(a) as Record<string, any>;
        const wrapper = Object.keys(body).find((k) => body[k] && typeof body[k] === 'object');
        Object.assign(wrapper ? body[wrapper] : body, foreignJunk(b), {
          author_id: b.account.userId,
          creator_id: b.account.userId,
        });
        const { res, context } = await call(route, rule, urlFor(route, rule), {}, body);
        expect({ context, status: res.statusCode }).toEqual({ context, status: rule.ok });
        counts.body++;
      }
      // A's own request with A's ids works (the 404s above are B's ids, not a broken request).
      if (method !== 'DELETE') {
        const { res, context } = await call(route, rule, urlFor(route, rule), {}, rule.body?.(a));
        expect({ context, status: res.statusCode }).toEqual({ context, status: rule.ok });
        counts.baseline++;
      }
      for (const variant of rule.variants ?? []) {
        const { res, context } = await call(route, rule, urlFor(route, rule), variant);
        expect({ context, status: res.statusCode }).toEqual({ context, status: rule.ok });
        counts.baseline++;
      }
    }

    expect(await fingerprint(t, b.account.accountId)).toEqual(before);
    expect(await crossAccountReferences(t)).toEqual([]);
    const total = counts.path + counts.query + counts.body;
    console.log(
      `tenant isolation: ${routes.size} routes; ${total} foreign-id checks (path ${counts.path}, query ${counts.query}, ` +
        `body ${counts.body}) + ${counts.baseline} own-id baselines + ${counts.publicInfo} public routes without account data; ` +
        `B's data unchanged, 0 cross-account references`,
    );
    expect(total).toBeGreaterThan(220);
  }, 120_000);

  it("A's live event stream never shows B's events", async () => {
    const stream = await SseClient.open(`${baseUrl}/api/v1/events/stream`, a.account.auth);
    try {
      expect(stream.status).toBe(200);
      const foreign = await t.request('POST', '/api/v1/tags', {
        headers: b.account.auth,
        payload: { tag: { name: 'B-SECRET live tag' } },
      });
      expect(foreign.statusCode).toBe(201);
      const own = await t.request('POST', '/api/v1/tags', {
        headers: a.account.auth,
        payload: { tag: { name: 'A live tag' } },
      });
      const ownId = own.json().data.id;
      await stream.waitFor((s) => s.events.some((f) => f.data?.payload?.id === ownId), 5000, "A's live event");
      expect(stream.events.map((f) => [f.event, f.data.payload.id])).toEqual([['tag:created', ownId]]);
      expect(
        [...leaks({ body: JSON.stringify(stream.frames) }), foreign.json().data.id].filter((x) =>
          JSON.stringify(stream.frames).includes(x),
        ),
      ).toEqual([]);
    } finally {
      stream.close();
    }
  });
});
