import { get } from 'node:http';
import { AddressInfo } from 'node:net';
import { Receiver } from '../support/receiver';
import { Deep, pct, rng, SchemaFuzzer, toForm, toJson } from '../support/fuzz';
import { AccountData, populateAccount } from '../support/tenant-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * The fuzzer of issue 11: driven by the served OpenAPI document, it calls every operation with type-aware
 * hostile path, query and body values (JSON and form-encoded), 8 at a time, with a fixed seed. It asserts no
 * 5xx, the error envelope on every error, an answer within a generous bound, and that a batch of refused
 * requests wrote nothing (row counts and last updates unchanged). `FUZZ_REQUESTS` (default 20 000) and
 * `FUZZ_SEED` change the run: `FUZZ_REQUESTS=200000 npx jest -c jest.config.cjs --selectProjects e2e -i
 * test/e2e/fuzz.e2e-spec.ts` is the long mode.
 */
const REQUESTS = Number(process.env.FUZZ_REQUESTS) || 20_000;
const SEED = Number(process.env.FUZZ_SEED) || 11;
const CONCURRENCY = 8;
/** Generous: a request is a few ms; this catches hangs and event-loop blocking, not slowness. */
const MAX_MS = 10_000;

type Operation = {
  method: string;
  path: string;
  parameters: { name: string; in: string; schema?: any; required?: boolean }[];
  bodies: Record<string, any>;
  security: string[];
  streaming: boolean;
};

/** Tables whose rows a refused request must not change, with the column that shows an update. */
const WATCHED: [string, string | null][] = [
  ['accounts', 'updated_at'],
  ['users', 'updated_at'],
  ['user_profiles', 'updated_at'],
  ['user_settings', 'updated_at'],
  ['personal_api_keys', null],
  ['companies', 'updated_at'],
  ['customers', 'updated_at'],
  ['conversations', 'updated_at'],
  ['messages', 'updated_at'],
  ['tags', 'updated_at'],
  ['conversation_tags', null],
  ['customer_tags', null],
  ['notes', 'updated_at'],
  ['issues', 'updated_at'],
  ['events', null],
  ['event_subscriptions', 'updated_at'],
  ['webhook_deliveries', null],
];
const FINGERPRINT_SQL = `SELECT ${WATCHED.map(
  ([table, column], i) =>
    `(SELECT count(*) || '/' || ${column ? `coalesce(max(${column})::text, '')` : "''"} FROM ${table}) AS t${i}`,
).join(', ')}`;

describe('OpenAPI-driven fuzzer', () => {
  let t: TestApp;
  let a: AccountData;
  let base: string;
  let operations: Operation[] = [];
  const receiver = new Receiver();

  beforeAll(async () => {
    await receiver.start();
    // Refuses private webhook URLs (the SSRF rules are fuzzed too); the fixtures' subscription, to a
    // receiver on 127.0.0.1, is made through a second instance on the same database that allows them.
    t = await createTestApp({ config: { webhooks: { allowPrivateUrls: false, timeoutMs: 500 } } });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const setup = await createTestApp({
      sameDatabaseAs: t,
      config: { webhooks: { allowPrivateUrls: true, timeoutMs: 500 } },
    });
    try {
      a = await populateAccount(setup, 'F', { webhookUrl: receiver.url() });
    } finally {
      await setup.close();
    }
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    (globalThis as { fuzzComponents?: unknown }).fuzzComponents = doc.components?.schemas ?? {};
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
        const op = item[method];
        if (!op) continue;
        const content = op.requestBody?.content ?? {};
        const success = Object.values<any>(op.responses ?? {}).flatMap((r) => Object.keys(r.content ?? {}));
        operations.push({
          method: method.toUpperCase(),
          path,
          parameters: [...(item.parameters ?? []), ...(op.parameters ?? [])],
          bodies: Object.fromEntries(Object.entries<any>(content).map(([type, c]) => [type, c.schema])),
          security: (op.security ?? []).flatMap((s: object) => Object.keys(s)),
          streaming: success.includes('text/event-stream'),
        });
      }
    }
    operations = operations.sort((x, y) => `${x.path} ${x.method}`.localeCompare(`${y.path} ${y.method}`));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await receiver.stop();
  });

  /** Each `{param}` names F's record of the resource just before it. */
  const realId = (path: string, name: string): string => {
    const segments = path.split('/');
    const resource = segments[segments.indexOf(`{${name}}`) - 1];
    const ids: Record<string, string | number> = {
      customers: a.customer,
      conversations: a.conversation,
      messages: a.message,
      companies: a.company,
      tags: a.tag,
      notes: a.note,
      issues: a.issue,
      event_subscriptions: a.subscription,
      deliveries: a.delivery,
      users: a.account.userId,
      profile: a.account.userId,
    };
    return String(ids[resource] ?? 'me');
  };
  /**
   * Would succeeding here take away the fuzzer's own session, key, user or account (logout, "log out
   * everywhere", key or account deletion, disabling, archiving or demoting users, password changes)? Those
   * are fuzzed with hostile ids and credentials only, never with F's own.
   */
  const destructive = (op: Operation) =>
    (op.method === 'DELETE' && /personal_api_keys|users|accounts|\/api\/session$/.test(op.path)) ||
    /\/users\/\{id\}\/|logout|sessions|password/.test(op.path);

  const authFor = (op: Operation, random: ReturnType<typeof rng>): Record<string, string> => {
    if (destructive(op) || random.chance(0.03)) {
      return { authorization: random.pick(['Bearer pc_nope', 'nope', 'Bearer', '\u00ff', 'pcs_nope']) };
    }
    if (op.security.includes('api_key')) return a.account.auth;
    if (op.security.includes('session_token')) return { authorization: a.account.token };
    return {};
  };

  type Built = { method: string; url: string; headers: Record<string, string>; payload?: string; op: Operation };

  function build(op: Operation, fuzz: SchemaFuzzer, random: ReturnType<typeof rng>): Built {
    let url = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      !destructive(op) && random.chance(0.7)
        ? realId(op.path, name)
        : random.pick([
            '00000000-0000-0000-0000-000000000000',
            '%ff',
            '-1',
            '1e99',
            'x'.repeat(300),
            '%00',
            '%2e%2e',
            pct('\uD800'),
          ]),
    );
    const query: string[] = [];
    for (const parameter of op.parameters.filter((p) => p.in === 'query')) {
      if (!random.chance(0.5)) continue;
      const value = fuzz.value(parameter.schema);
      const key = random.chance(0.1) ? `${parameter.name}${random.pick(['[]', '[a]', '[__proto__]'])}` : parameter.name;
      query.push(
        ...(value && typeof value === 'object' && !(value instanceof Deep) && !Array.isArray(value)
          ? toForm(value, key)
          : Array.isArray(value)
            ? value.slice(0, 200).flatMap((v) => toForm(v, `${key}[]`))
            : toForm(value, key)),
      );
    }
    if (random.chance(0.05)) query.push(`${pct(random.pick(['limit', 'after', 'zz']))}=${pct('\u0000')}`);
    if (query.length) url += `?${query.join('&')}`;
    const headers = authFor(op, random);
    if (random.chance(0.05)) headers['last-event-id'] = random.pick(['-1', '9'.repeat(30), 'x', '1e3']);
    if (random.chance(0.05)) headers['if-match'] = random.pick(['*', '"x"', 'W/"', '\u00ff']);
    const types = Object.keys(op.bodies);
    if (!types.length || op.method === 'GET' || op.method === 'DELETE') return { method: op.method, url, headers, op };
    const type = random.pick(types);
    const schema = fuzz.resolve(op.bodies[type]);
    const body = random.chance(0.1) ? fuzz.structure() : fuzz.object(schema);
    if (random.chance(0.03)) {
      return {
        method: op.method,
        url,
        headers: { ...headers, 'content-type': 'application/json' },
        payload: '{"a":',
        op,
      };
    }
    const form = type.includes('form') || (random.chance(0.2) && types.some((x) => x.includes('form')));
    return form
      ? {
          method: op.method,
          url,
          headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
          payload: toForm(body).join('&'),
          op,
        }
      : {
          method: op.method,
          url,
          headers: { ...headers, 'content-type': 'application/json' },
          payload: toJson(body),
          op,
        };
  }

  /** The stream over a real socket: its head must come in time; a 200 is hung up on after its first bytes. */
  const streamRequest = (req: Built) =>
    new Promise<{ statusCode: number; body: string }>((resolve, reject) => {
      const request = get(`${base}${req.url}`, { headers: req.headers, agent: false }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('error', () => undefined);
        if (response.statusCode === 200) {
          response.once('data', () => {
            response.destroy();
            resolve({ statusCode: 200, body: '' });
          });
        } else {
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve({ statusCode: response.statusCode ?? 0, body }));
        }
      });
      request.on('error', reject);
    });

  const send = async (req: Built) => {
    const started = performance.now();
    const answer =
      req.op.streaming && req.method === 'GET'
        ? streamRequest(req)
        : t.app.inject({ method: req.method as 'GET', url: req.url, headers: req.headers, payload: req.payload });
    let timer: NodeJS.Timeout | undefined;
    const res = await Promise.race([
      answer,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${MAX_MS} ms: ${show(req)}`)), MAX_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    return { status: res.statusCode, body: res.body, ms: performance.now() - started };
  };
  const show = (req: Built) => `${req.method} ${req.url.slice(0, 300)} ${String(req.payload ?? '').slice(0, 300)}`;

  it(`${REQUESTS} generated requests (seed ${SEED}): no 5xx, the envelope on every error, nothing written by a refusal`, async () => {
    expect(operations.length).toBeGreaterThan(60);
    const random = rng(SEED);
    const fuzz = new SchemaFuzzer(random, (globalThis as { fuzzComponents?: any }).fuzzComponents);
    const statuses: Record<number, number> = {};
    const perOperation = new Map<string, number>();
    let slowest = 0;
    let refusedBatches = 0;
    let known: Record<string, string> | null = null;
    const started = Date.now();
    for (let sent = 0; sent < REQUESTS; sent += CONCURRENCY) {
      // Every operation in turn, then random ones: each gets its share whatever REQUESTS is.
      const batch = Array.from({ length: CONCURRENCY }, (_, i) => {
        const n = sent + i;
        const op = n < operations.length * 20 ? operations[n % operations.length] : random.pick(operations);
        return build(op, fuzz, random);
      });
      // Nothing else writes between batches: a refused batch's fingerprint is the next one's "before".
      const before = known ?? (await t.db.query(FINGERPRINT_SQL))[0];
      known = null;
      const results = await Promise.all(batch.map(send));
      for (const [i, res] of results.entries()) {
        const req = batch[i];
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        const key = `${req.op.method} ${req.op.path}`;
        perOperation.set(key, (perOperation.get(key) ?? 0) + 1);
        slowest = Math.max(slowest, res.ms);
        if (res.status >= 500) throw new Error(`${res.status} for ${show(req)}: ${res.body.slice(0, 500)}`);
        if (res.status >= 400) {
          let error: unknown;
          try {
            error = JSON.parse(res.body).error;
          } catch {
            error = undefined;
          }
          if (!(error && typeof error === 'object' && (error as { status?: number }).status === res.status)) {
            throw new Error(`no envelope for ${res.status} of ${show(req)}: ${res.body.slice(0, 300)}`);
          }
        }
      }
      if (results.every((r) => r.status >= 400)) {
        refusedBatches++;
        const [after] = await t.db.query(FINGERPRINT_SQL);
        if (JSON.stringify(after) !== JSON.stringify(before)) {
          const changed = WATCHED.filter((_, i) => before[`t${i}`] !== after[`t${i}`]).map(([table]) => table);
          throw new Error(`refused requests wrote to ${changed.join(', ')}: ${batch.map(show).join('\n')}`);
        }
        known = after;
      }
    }
    const untouched = operations.filter((op) => !perOperation.has(`${op.method} ${op.path}`));
    expect(untouched).toEqual([]);
    expect(refusedBatches).toBeGreaterThan(REQUESTS / CONCURRENCY / 20);
    console.log(
      `fuzz: ${REQUESTS} requests on ${operations.length} operations in ${Math.round((Date.now() - started) / 1000)} s, ` +
        `seed ${SEED}, slowest ${Math.round(slowest)} ms, ${refusedBatches} all-refused batches checked, statuses ${JSON.stringify(statuses)}`,
    );
  }, 900_000);
});
