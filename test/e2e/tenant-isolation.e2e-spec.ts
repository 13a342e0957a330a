import { AccountData, crossAccountReferences, fingerprint, idOf, Kind, populateAccount } from '../support/tenant-fixtures';
import { createTestApp, TestApp, TestResponse } from '../support/test-app';

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
}

const CRUD = (
  resource: string, plural: string, body: Rule['body'], refs: Rule['refs'] = {}, filters: Rule['filters'] = {},
  updateRefs: Rule['refs'] = refs,
) => ({
  [`GET /api/v1/${plural}`]: { auth: 'key', ok: 200, list: true, filters },
  [`POST /api/v1/${plural}`]: { auth: 'key', ok: 201, body, refs },
  [`GET /api/v1/${plural}/:id`]: { auth: 'key', ok: 200, params: { id: resource } },
  [`PUT /api/v1/${plural}/:id`]: { auth: 'key', ok: 200, params: { id: resource }, body, refs: updateRefs },
  [`PATCH /api/v1/${plural}/:id`]: { auth: 'key', ok: 200, params: { id: resource }, body, refs: updateRefs },
  [`DELETE /api/v1/${plural}/:id`]: { auth: 'key', ok: 204, params: { id: resource } },
}) as Record<string, Rule>;

const unique = () => Math.random().toString(36).slice(2, 10);
const foreignJunk = (b: AccountData) => ({ account_id: b.account.accountId, user_id: b.account.userId, id: b.customer });

const RULES: Record<string, Rule> = {
  ...CRUD('customer', 'customers', (o) => ({ customer: { name: 'A customer', company_id: o.company } }), { 'customer.company_id': 'company' }, { company_id: 'company' }),
  ...CRUD('conversation', 'conversations', (o) => ({ conversation: { customer_id: o.customer, assignee_id: o.account.userId, inbox_id: o.inbox } }),
    { 'conversation.customer_id': 'customer', 'conversation.assignee_id': 'user', 'conversation.inbox_id': 'inbox' },
    { customer_id: 'customer', assignee_id: 'user', inbox_id: 'inbox' }),
  ...CRUD('message', 'messages', (o) => ({ message: { body: 'A message', conversation_id: o.conversation } }),
    { 'message.conversation_id': 'conversation', 'message.customer_id': 'customer' },
    { conversation_id: 'conversation', customer_id: 'customer' },
    {}), // a message cannot move: its update takes no references (B's ids there are dropped, see crossAccountReferences)
  ...CRUD('company', 'companies', (o) => ({ company: { name: `A company ${unique()}` } })),
  ...CRUD('tag', 'tags', () => ({ tag: { name: `A tag ${unique()}` } })),
  ...CRUD('note', 'notes', (o) => ({ note: { body: 'A note', customer_id: o.customer } }), { 'note.customer_id': 'customer' },
    { customer_id: 'customer', author_id: 'user' }),
  ...CRUD('issue', 'issues', (o) => ({ issue: { title: 'A issue', assignee_id: o.account.userId } }), { 'issue.assignee_id': 'user' },
    { assignee_id: 'user' }),
  'GET /api/v1/users': { auth: 'key', ok: 200, list: true },
  'GET /api/v1/users/:id': { auth: 'key', ok: 200, params: { id: 'user' } },
  'GET /api/v1/me': { auth: 'key', ok: 200 },
  'GET /api/v1/profile': { auth: 'key', ok: 200 },
  'GET /api/v1/profile/:id': { auth: 'key', ok: 200, params: { id: 'ignored' } },
  'PUT /api/v1/profile': { auth: 'key', ok: 200, body: () => ({ user_profile: { display_name: 'A' } }) },
  'PUT /api/v1/profile/:id': { auth: 'key', ok: 200, params: { id: 'ignored' }, body: () => ({ user_profile: { display_name: 'A' } }) },
  'PATCH /api/v1/profile': { auth: 'key', ok: 200, body: () => ({ user_profile: { display_name: 'A' } }) },
  'PATCH /api/v1/profile/:id': { auth: 'key', ok: 200, params: { id: 'ignored' }, body: () => ({ user_profile: { display_name: 'A' } }) },
  'GET /api/v1/user_settings': { auth: 'key', ok: 200 },
  'GET /api/v1/user_settings/:id': { auth: 'key', ok: 200, params: { id: 'ignored' } },
  'PUT /api/v1/user_settings': { auth: 'key', ok: 200, body: () => ({ user_settings: { expo_push_token: 'A' } }) },
  'PUT /api/v1/user_settings/:id': { auth: 'key', ok: 200, params: { id: 'ignored' }, body: () => ({ user_settings: { expo_push_token: 'A' } }) },
  'PATCH /api/v1/user_settings': { auth: 'key', ok: 200, body: () => ({ user_settings: { expo_push_token: 'A' } }) },
  'PATCH /api/v1/user_settings/:id': { auth: 'key', ok: 200, params: { id: 'ignored' }, body: () => ({ user_settings: { expo_push_token: 'A' } }) },
  'POST /api/v1/conversations/:id/tags': { auth: 'key', ok: 200, params: { id: 'conversation' }, body: (o) => ({ tag_id: o.tag }), refs: { tag_id: 'tag' } },
  'DELETE /api/v1/conversations/:id/tags/:tag_id': { auth: 'key', ok: 200, params: { id: 'conversation', tag_id: 'tag' } },
  'POST /api/v1/customers/:id/tags': { auth: 'key', ok: 200, params: { id: 'customer' }, body: (o) => ({ tag_id: o.tag }), refs: { tag_id: 'tag' } },
  'DELETE /api/v1/customers/:id/tags/:tag_id': { auth: 'key', ok: 200, params: { id: 'customer', tag_id: 'tag' } },
  // Integration passthroughs answer 422 whatever they get.
  'POST /api/v1/slack/notify': { auth: 'key', ok: 422, body: (o) => ({ text: 'x', conversation_id: o.conversation }) },
  'POST /api/v1/twilio/send': { auth: 'key', ok: 422, body: (o) => ({ conversation_id: o.conversation }) },
  'POST /api/v1/gmail/send': { auth: 'key', ok: 422, body: (o) => ({ conversation_id: o.conversation }) },
  'GET /api/v1/github/repos': { auth: 'key', ok: 422 },
  'GET /api/v1/github/issues': { auth: 'key', ok: 422 },
  'POST /api/v1/github/issues': { auth: 'key', ok: 422, body: (o) => ({ issue_id: o.issue }) },
  // Session routes.
  'GET /api/me': { auth: 'session', ok: 200 },
  'GET /api/personal_api_keys': { auth: 'session', ok: 200 },
  'POST /api/personal_api_keys': { auth: 'session', ok: 201, body: () => ({ label: 'A key' }) },
  'GET /api/personal_api_keys/:id': { auth: 'session', ok: 200, params: { id: 'apiKeyId' } },
  'DELETE /api/personal_api_keys/:id': { auth: 'session', ok: 204, params: { id: 'apiKeyId' } },
  // Public auth routes: no ids of theirs; B's ids in the body must change nothing and leak nothing.
  'POST /api/registration': {
    auth: 'public', ok: 200,
    body: () => ({ user: { email: `a-${unique()}@example.com`, password: 'long password', password_confirmation: 'long password', company_name: 'A2' } }),
  },
  'POST /api/session': { auth: 'public', ok: 200, body: (o) => ({ user: { email: o.account.email, password: o.account.password } }) },
  'POST /api/session/renew': { auth: 'public', ok: 401 },
  'DELETE /api/session': { auth: 'fresh-session', ok: 200 },
};

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
  const counts = { path: 0, query: 0, body: 0, baseline: 0 };

  beforeAll(async () => {
    t = await createTestApp({ onRoute: (method, url) => routes.add(`${method} ${url.replace(/\/$/, '') || '/'}`) });
    a = await populateAccount(t, 'A-OWN');
    b = await populateAccount(t, 'B-SECRET');
  }, 60_000);
  afterAll(() => t.close());

  /** Anything of B's in a response: its marker, its email, its account id or any of its record ids. */
  const leaks = (res: TestResponse) => {
    const secrets = ['B-SECRET', 'b-secret', b.account.email, b.account.accountId, b.company, b.customer, b.conversation,
      b.message, b.tag, b.note, b.issue, b.inbox, b.apiKeyId];
    return secrets.filter((s) => res.body.includes(s));
  };

  async function call(route: string, rule: Rule, path: string, query: Record<string, string>, body?: object) {
    const method = route.split(' ')[0];
    let headers: Record<string, string> = {};
    if (rule.auth === 'key') headers = a.account.auth;
    if (rule.auth === 'session') headers = { authorization: a.account.token };
    if (rule.auth === 'fresh-session') {
      const login = await t.request('POST', '/api/session', { payload: { user: { email: a.account.email, password: a.account.password } } });
      headers = { authorization: login.json().data.token };
    }
    const res = await t.request(method, path, { headers, query, payload: body });
    const context = `${route} ${path} ${JSON.stringify(query)} ${JSON.stringify(body)} → ${res.statusCode} ${res.body}`;
    expect({ context, leaks: leaks(res) }).toEqual({ context, leaks: [] });
    expect(res.statusCode).toBeLessThan(500);
    return { res, context };
  }

  const urlFor = (route: string, rule: Rule, foreign?: string) =>
    route.split(' ')[1].replace(/:(\w+)/g, (_m, param: string) => {
      const kind = rule.params![param];
      if (kind === 'ignored') return String(foreign === param ? b.customer : 'me');
      return String(idOf(foreign === param ? b : a, kind));
    });

  it('has a rule for every registered route, and a route for every rule', () => {
    expect([...routes].filter((r) => !RULES[r]).sort()).toEqual([]);
    expect(Object.keys(RULES).filter((r) => !routes.has(r)).sort()).toEqual([]);
  });

  it('notices a write to B (the digest below is not blind)', async () => {
    const before = await fingerprint(t, b.account.accountId);
    await t.db.query(`UPDATE tags SET color = 'changed' WHERE id = $1`, [b.tag]);
    expect(await fingerprint(t, b.account.accountId)).not.toEqual(before);
    await t.db.query(`UPDATE tags SET color = NULL WHERE id = $1`, [b.tag]);
    expect(await fingerprint(t, b.account.accountId)).toEqual(before);
  });

  it('never lets A reach B', async () => {
    const before = await fingerprint(t, b.account.accountId);
    // Deletes last, so the other routes still find A's fixtures.
    const ordered = Object.entries(RULES).sort(([x], [y]) => Number(x.startsWith('DELETE')) - Number(y.startsWith('DELETE')));

    for (const [route, rule] of ordered) {
      const method = route.split(' ')[0];
      // Path: each parameter in turn is B's; a real id is a 404, an ignored segment serves A's own record.
      for (const [param, kind] of Object.entries(rule.params ?? {})) {
        const { res, context } = await call(route, rule, urlFor(route, rule, param), {}, rule.body?.(a));
        expect({ context, status: res.statusCode }).toEqual({ context, status: kind === 'ignored' ? rule.ok : 404 });
        counts.path++;
      }
      // Query: B's ids in the filters give an empty page; B's ids in unknown parameters are ignored.
      for (const [filter, kind] of Object.entries(rule.filters ?? {})) {
        const { res, context } = await call(route, rule, urlFor(route, rule), { [filter]: String(idOf(b, kind)) });
        expect({ context, status: res.statusCode, data: res.json().data }).toEqual({ context, status: 200, data: [] });
        counts.query++;
      }
      if (method !== 'DELETE') {
        const junk = Object.fromEntries(Object.entries(foreignJunk(b)).map(([k, v]) => [k, String(v)]));
        const { res, context } = await call(route, rule, urlFor(route, rule), junk, rule.body?.(a));
        expect({ context, status: res.statusCode }).toEqual({ context, status: rule.ok });
        if (rule.list) expect(res.json().data.length).toBeGreaterThan(0); // A's own data is there
        counts.query++;
      }
      // Body: each reference in turn is B's → 422 "does not exist"; B's ids in fields the server owns are ignored.
      for (const [field, kind] of Object.entries(rule.refs ?? {})) {
        const body = set(rule.body!(a), field, idOf(b, kind));
        const { res, context } = await call(route, rule, urlFor(route, rule), {}, body);
        const name = field.split('.').pop()!;
        expect({ context, body: res.json() }).toEqual({
          context, body: { error: { status: 422, message: 'Unprocessable Entity', errors: { [name]: ['does not exist'] } } },
        });
        counts.body++;
      }
      if (rule.body) {
        const body = rule.body(a) as Record<string, any>;
        const wrapper = Object.keys(body).find((k) => body[k] && typeof body[k] === 'object');
        Object.assign(wrapper ? body[wrapper] : body, foreignJunk(b), { author_id: b.account.userId, creator_id: b.account.userId });
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
    }

    expect(await fingerprint(t, b.account.accountId)).toEqual(before);
    expect(await crossAccountReferences(t)).toEqual([]);
    const total = counts.path + counts.query + counts.body;
    console.log(
      `tenant isolation: ${routes.size} routes; ${total} foreign-id checks (path ${counts.path}, query ${counts.query}, ` +
        `body ${counts.body}) + ${counts.baseline} own-id baselines; B's data unchanged, 0 cross-account references`,
    );
    expect(total).toBeGreaterThan(150);
  }, 120_000);
});
