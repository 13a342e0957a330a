import fc from 'fast-check';
import { get } from 'node:http';
import { AddressInfo } from 'node:net';
import { METADATA_LIMITS } from '../../src/common/validation/fields';
import { Receiver } from '../support/receiver';
import { AccountData, populateAccount } from '../support/tenant-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Property-based abuse of every write and list route (from Fastify's route table): generated bodies,
 * query strings and headers — wrong types, huge strings, deep nesting, unicode, NUL bytes, SQL and JSON
 * injection, prototype-pollution keys. Never a 5xx, never slow, nothing stored outside the validation rules.
 */
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS_PER_ROUTE) || 40;
const MAX_MS_PER_REQUEST = 2000;
/** Routes that answer with an endless stream: fuzzed over a socket, where the headers must come in time. */
const STREAMING = new Set(['GET /api/v1/events/stream']);

const NASTY = [
  "'; DROP TABLE customers; --",
  "' OR '1'='1",
  '1; SELECT pg_sleep(10)',
  '{"$gt":""}',
  '"},"account_id":"x',
  '\\',
  '\\u0000',
  '__proto__',
  'constructor',
  'prototype',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uFFFF',
  '😀'.repeat(300),
  '%00',
  '%',
  '${7*7}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'x'.repeat(70_000),
  ' ',
  '',
  'null',
  'true',
  '-1',
  '1e308',
  'NaN',
  '9'.repeat(40),
  '2021-02-30T25:61:61Z',
  '00000000-0000-0000-0000-000000000000',
  'me',
  // Webhook URLs: SSRF targets, other schemes, credentials, a name that never resolves.
  'http://127.0.0.1:1/x',
  'http://169.254.169.254/latest/meta-data',
  'http://0x7f000001/x',
  'http://[::1]/x',
  'http://localhost/x',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'http://user:pw@hooks.invalid/x',
  'https://hooks.invalid/x',
  'gopher://hooks.invalid/',
  // Event types and cursors.
  'message:created',
  'message:created,nope',
  'customer:*',
  '99999999999999999999',
];
const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'id', 'account_id', 'user_id'];
const FIELDS = [
  'name',
  'email',
  'phone',
  'external_id',
  'company_id',
  'metadata',
  'customer_id',
  'conversation_id',
  'assignee_id',
  'inbox_id',
  'status',
  'priority',
  'source',
  'read',
  'subject',
  'body',
  'type',
  'private',
  'sent_at',
  'title',
  'state',
  'tag_id',
  'color',
  'label',
  'first_seen',
  'last_seen_at',
  'screen_height',
  'content_type',
  'message',
  'closed_at',
  'display_name',
  'email_alert_on_new_message',
  'expo_push_token',
  'password',
  'password_confirmation',
  'limit',
  'after',
  'before',
  'q',
  'role',
  'webhook_url',
  'url',
  'scope',
  'event_types',
  'enabled',
  'type',
  'format',
  'page',
  'page_size',
  'upsert',
  'from_date',
  'to_date',
  'delivery_id',
];

const hostileString = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
);
const key = fc.oneof(fc.constantFrom(...FIELDS), fc.constantFrom(...KEYS), fc.string({ maxLength: 10 }));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 6 }),
  ),
}));
/** 40 levels of nesting, beyond any limit. */
const deep = fc.integer({ min: 10, max: 40 }).map((n) => {
  let v: unknown = 'bottom';
  for (let i = 0; i < n; i++) v = i % 2 ? { metadata: v } : [v];
  return v;
});

const wrappers = [
  'customer',
  'conversation',
  'message',
  'company',
  'tag',
  'note',
  'issue',
  'user_profile',
  'user_settings',
  'user',
  'event_subscription',
];
const body = fc.oneof(
  value,
  deep,
  fc
    .record({
      wrapper: fc.constantFrom(...wrappers),
      fields: fc.dictionary(key, fc.oneof(value, deep), { maxKeys: 8 }),
    })
    .map(({ wrapper, fields }) => ({ [wrapper]: fields })),
);
const encodings = fc.constantFrom('json', 'form', 'raw-json', 'text', 'garbage-type');
/** Percent-encodes every byte (lone surrogates included, which encodeURIComponent refuses). */
const pct = (s: string) => [...Buffer.from(s)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
const queryString = fc
  .array(
    fc.tuple(
      fc.oneof(
        key,
        key.map((k) => `${k}[__proto__][x]`),
        key.map((k) => `${k}[][a]`),
      ),
      hostileString,
    ),
    { maxLength: 6 },
  )
  .map((pairs) => pairs.map(([k, v]) => `${pct(k)}=${pct(v)}`).join('&'));
const headers = fc.record(
  {
    'if-match': hostileString,
    'idempotency-key': hostileString,
    'x-forwarded-for': hostileString,
    'last-event-id': hostileString,
    accept: hostileString,
  },
  { requiredKeys: [] },
);

/** Headers must be latin-1 without control characters, or Node refuses to send them. */
const sendable = (h: Record<string, string>) =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [k, v.replace(/[^\x20-\x7e]/g, '?').slice(0, 1000)]));

function encode(encoding: string, payload: unknown): { payload?: string; contentType?: string } {
  if (encoding === 'json') return { payload: JSON.stringify(payload) ?? 'null', contentType: 'application/json' };
  if (encoding === 'raw-json') {
    return { payload: String(JSON.stringify(payload) ?? '').slice(0, -1), contentType: 'application/json' };
  }
  if (encoding === 'form') {
    const flat = (prefix: string, v: unknown): string[] =>
      v && typeof v === 'object'
        ? Object.entries(v).flatMap(([k, x]) => flat(prefix ? `${prefix}[${k}]` : k, x))
        : [`${pct(prefix)}=${pct(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))}`];
    return { payload: flat('', payload).join('&'), contentType: 'application/x-www-form-urlencoded' };
  }
  if (encoding === 'text') return { payload: JSON.stringify(payload) ?? '', contentType: 'text/plain' };
  return { payload: JSON.stringify(payload) ?? '', contentType: 'application/x-evil; charset=../../' };
}

function depthOf(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  return 1 + Math.max(0, ...Object.values(v).map(depthOf));
}

describe('hostile input on every write and list route', () => {
  let t: TestApp;
  let a: AccountData;
  const routes: string[] = [];
  const statuses: Record<number, number> = {};
  const fuzzed: string[] = [];
  let requests = 0;
  let slowest = 0;
  let baseUrl: string;
  const receiver = new Receiver();

  beforeAll(async () => {
    // The fuzzed instance refuses private webhook URLs (the SSRF guard is part of what it attacks) and has a
    // short handshake timeout; A's subscription, to a receiver on 127.0.0.1, is made through a second
    // instance on the same database that allows them.
    await receiver.start();
    t = await createTestApp({
      config: { webhooks: { allowPrivateUrls: false, timeoutMs: 500 } },
      onRoute: (method, url) => routes.push(`${method} ${url.replace(/\/$/, '')}`),
    });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const setup = await createTestApp({
      sameDatabaseAs: t,
      config: { webhooks: { allowPrivateUrls: true, timeoutMs: 500 } },
    });
    try {
      a = await populateAccount(setup, 'A', { webhookUrl: receiver.url() });
    } finally {
      await setup.close();
    }
    // The OpenAPI document is built on its first request (seconds on a loaded machine): build it here, so the
    // per-request bound below measures the fuzzed request, not that one-off.
    expect((await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).statusCode).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await receiver.stop();
  });

  /** Writes, and reads that take a query (lists, counts, identify, reporting, the stream, documentation). */
  const targets = () =>
    routes.filter(
      (r) =>
        /^(POST|PUT|PATCH) /.test(r) ||
        (r.startsWith('GET ') && !/\/:\w+$/.test(r) && !/\/(me|profile|user_settings)$/.test(r)),
    );

  /** Each `:param` names A's record of the resource just before it. */
  const pathFor = (route: string) => {
    const byResource: Record<string, string> = {
      customers: a.customer,
      conversations: a.conversation,
      messages: a.message,
      companies: a.company,
      tags: a.tag,
      notes: a.note,
      issues: a.issue,
      personal_api_keys: a.apiKeyId,
      event_subscriptions: a.subscription,
      deliveries: a.delivery,
    };
    const segments = route.split(' ')[1].split('/');
    return segments
      .map((segment, i) =>
        segment === '*' ? 'swagger-ui.css' : segment.startsWith(':') ? (byResource[segments[i - 1]] ?? 'me') : segment,
      )
      .join('/');
  };

  /** A request that has not answered after this long hangs: fail it here rather than wait for Jest. */
  const inTime = <T>(promise: Promise<T>, what: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no answer after ${2 * MAX_MS_PER_REQUEST} ms: ${what}`)),
        2 * MAX_MS_PER_REQUEST,
      );
      promise.then(resolve, reject).finally(() => clearTimeout(timer));
    });

  /**
   * A streaming route over a real socket: its status and headers must come in time; a 200 must be an event
   * stream whose first bytes follow (then the client hangs up); anything else is read to the end.
   */
  const streamRequest = (url: string, headers: Record<string, string>) =>
    new Promise<{ statusCode: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
      // A fresh connection each time: a pooled keep-alive socket the server has just closed would reset.
      const request = get(`${baseUrl}${url}`, { headers, agent: false }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('error', () => undefined);
        const done = () => resolve({ statusCode: response.statusCode ?? 0, body, headers: response.headers });
        if (response.statusCode === 200) {
          response.once('data', (chunk: string) => {
            body = chunk;
            response.destroy();
            done();
          });
        } else {
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', done);
        }
      });
      // Node refuses a request head over 16 KiB with a 431 and closes the socket, often while the client is
      // still writing it: that reset is the 431.
      const oversized = url.length + JSON.stringify(headers).length > 16_000;
      request.on('error', (error: NodeJS.ErrnoException) =>
        oversized && ['ECONNRESET', 'EPIPE'].includes(error.code ?? '')
          ? resolve({ statusCode: 431, body: '', headers: {} })
          : reject(error),
      );
    });

  const authFor = (route: string) =>
    route.includes(' /api/v1/')
      ? a.account.auth
      : /registration|session/.test(route)
        ? {}
        : { authorization: a.account.token };

  it('never answers 5xx, never hangs, for thousands of generated requests', async () => {
    const list = targets();
    expect(list.length).toBeGreaterThan(40);
    for (const route of list) {
      const [method] = route.split(' ');
      const path = pathFor(route);
      await fc.assert(
        fc.asyncProperty(body, encodings, queryString, headers, async (payload, encoding, query, extra) => {
          const sent = method === 'GET' ? {} : encode(encoding, payload);
          const url = query ? `${path}?${query}` : path;
          const sentHeaders = {
            ...sendable(extra),
            ...authFor(route),
            ...(sent.contentType ? { 'content-type': sent.contentType } : {}),
          };
          const started = performance.now();
          const res = await inTime(
            STREAMING.has(route)
              ? streamRequest(url, sentHeaders)
              : t.app.inject({ method: method as 'GET', url, headers: sentHeaders, payload: sent.payload }),
            `${route} ${query} ${String(sent.payload).slice(0, 300)}`,
          );
          const ms = performance.now() - started;
          requests++;
          slowest = Math.max(slowest, ms);
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
          if (res.statusCode >= 500 || ms > MAX_MS_PER_REQUEST) {
            throw new Error(
              `${route} ${query} ${String(sent.payload).slice(0, 300)} → ${res.statusCode} in ${ms} ms: ${res.body}`,
            );
          }
          if (STREAMING.has(route) && res.statusCode === 200) {
            expect([res.headers['content-type'], res.body.split('\n')[0]]).toEqual([
              'text/event-stream; charset=utf-8',
              'retry: 2000',
            ]);
          }
          // Fastify answers a missing static file of Swagger UI itself (see tenant-isolation.e2e-spec.ts), and
          // Node's HTTP parser answers an oversized request line on a real socket (431) before any route runs.
          const beforeRouting = STREAMING.has(route) && res.statusCode === 431;
          if (res.statusCode >= 400 && !route.startsWith('GET /api/docs') && !beforeRouting) {
            expect(JSON.parse(res.body)).toEqual({ error: expect.objectContaining({ status: res.statusCode }) });
          }
        }),
        {
          numRuns: RUNS_PER_ROUTE,
          seed: Number(process.env.FUZZ_SEED) || undefined,
          endOnFailure: true,
          // Every request is bounded above; a route that still runs out of time fails instead of passing with fewer runs.
          interruptAfterTimeLimit: 20_000,
          markInterruptAsFailure: true,
        },
      );
      fuzzed.push(route);
    }
    expect(fuzzed.filter((r) => STREAMING.has(r))).toEqual([...STREAMING]);
    console.log(
      `hostile input: ${requests} requests on ${list.length} routes, slowest ${Math.round(slowest)} ms, statuses ${JSON.stringify(statuses)}`,
    );
  }, 120_000);

  it('streams answer in time: a stream for a good request, a 400 for a bad cursor (inject would wait forever on either)', async () => {
    const ok = await inTime(
      streamRequest('/api/v1/events/stream?after=0&type=customer:created', a.account.auth),
      'stream',
    );
    expect([ok.statusCode, ok.headers['content-type'], ok.body.split('\n')[0]]).toEqual([
      200,
      'text/event-stream; charset=utf-8',
      'retry: 2000',
    ]);
    const bad = await inTime(
      streamRequest('/api/v1/events/stream', { ...a.account.auth, 'last-event-id': "1' OR '1'='1" }),
      'bad stream',
    );
    expect([bad.statusCode, JSON.parse(bad.body).error.errors]).toEqual([400, { 'Last-Event-ID': ['is invalid'] }]);
  });

  it('stored nothing outside the validation rules, and polluted no prototype', async () => {
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const rows: { t: string; metadata: unknown }[] = await t.db.query(
      `SELECT 'customers' AS t, metadata FROM customers UNION ALL SELECT 'conversations', metadata FROM conversations
       UNION ALL SELECT 'messages', metadata FROM messages UNION ALL SELECT 'companies', metadata FROM companies
       UNION ALL SELECT 'issues', metadata FROM issues`,
    );
    for (const row of rows) {
      expect(Buffer.byteLength(JSON.stringify(row.metadata))).toBeLessThanOrEqual(METADATA_LIMITS.maxBytes);
      expect(depthOf(row.metadata)).toBeLessThanOrEqual(METADATA_LIMITS.maxDepth);
    }
    // Text fields within their documented lengths (varchar limits are enforced by PostgreSQL; these are text columns).
    const [long] = await t.db.query(
      `SELECT (SELECT coalesce(max(length(body)), 0) FROM messages) AS message_body,
              (SELECT coalesce(max(length(body)), 0) FROM notes) AS note_body,
              (SELECT coalesce(max(length(body)), 0) FROM issues) AS issue_body`,
    );
    expect(long.message_body).toBeLessThanOrEqual(65_536);
    expect(long.note_body).toBeLessThanOrEqual(65_536);
    expect(long.issue_body).toBeLessThanOrEqual(65_536);
    // Every record still belongs to the one account the fuzzer used (plus accounts it registered itself).
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM customers c JOIN companies co ON co.id = c.company_id WHERE co.account_id <> c.account_id`,
    );
    expect(n).toBe(0);
  });
});
