// npm run bench:load [-- --duration 30 --connections 20] | [-- --short] | [-- --overhead]
// Mixed reads and writes against the built server on its own PostgreSQL; afterwards the row counts must
// equal the acknowledged (2xx) writes, errors must be 0 and memory must stay flat. --overhead measures the
// rate limiter instead (GET /api/v1/me with and without it). See README "Load and faults".
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createDatabase, dropDatabase, freePort, startServer, withClient } from './lib/database.mjs';
import { rssMiB, startProcess } from './lib/processes.mjs';
import { registerAccount } from './lib/seed.mjs';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '30' },
    connections: { type: 'string', default: '20' },
    short: { type: 'boolean', default: false },
    overhead: { type: 'boolean', default: false },
  },
});
const duration = values.short ? 5 : Number(values.duration);
const connections = values.short ? 8 : Number(values.connections);
const serverEnv = (url, extra = {}) => ({
  DATABASE_URL: url,
  DATABASE_POOL_SIZE: '10',
  NODE_ENV: 'production',
  RATE_LIMIT_PER_MINUTE: '100000000',
  ...extra,
});

const post = async (base, path, body, apiKey) => {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()).data;
};

async function mixedLoad(dbUrl) {
  const server = await startProcess('ours', 'dist/src/main.js', serverEnv(dbUrl), await freePort(), '/api/v1/me');
  const { apiKey } = await registerAccount(server.url, 1);
  const customer = await post(server.url, '/api/v1/customers', { customer: { name: 'Load' } }, apiKey);
  const conversation = await post(
    server.url,
    '/api/v1/conversations',
    { conversation: { customer_id: customer.id } },
    apiKey,
  );
  const counts = () =>
    withClient(
      dbUrl,
      async (c) =>
        (
          await c.query(
            `SELECT (SELECT count(*) FROM customers)::int AS customers, (SELECT count(*) FROM conversations)::int AS conversations,
              (SELECT count(*) FROM messages)::int AS messages`,
          )
        ).rows[0],
    );

  const acked = { customers: 0, conversations: 0, messages: 0 };
  const statuses = {};
  const track = (kind) => (status) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (kind && status >= 200 && status < 300) acked[kind]++;
  };
  let n = 0;
  const json = (body) => JSON.stringify(body);
  // Each connection cycles through these: 4 reads, 3 writes (a conversation write is a conversation + its message).
  const requests = [
    { method: 'GET', path: '/api/v1/customers?limit=20', onResponse: track() },
    {
      method: 'POST',
      path: '/api/v1/customers',
      setupRequest: (r) => ({ ...r, body: json({ customer: { name: `C ${n++}`, email: `c${n}@example.com` } }) }),
      onResponse: track('customers'),
    },
    { method: 'GET', path: `/api/v1/conversations/${conversation.id}`, onResponse: track() },
    {
      method: 'POST',
      path: '/api/v1/conversations',
      body: json({ conversation: { customer_id: customer.id, message: { body: 'Hello' } } }),
      onResponse: track('conversations'),
    },
    { method: 'GET', path: '/api/v1/conversations?status=open&limit=20', onResponse: track() },
    {
      method: 'POST',
      path: '/api/v1/messages',
      body: json({ message: { body: 'Reply', conversation_id: conversation.id } }),
      onResponse: track('messages'),
    },
    { method: 'GET', path: '/api/v1/me', onResponse: track() },
  ];
  const options = {
    url: server.url,
    connections,
    duration,
    requests,
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
  };
  // Warm-up (its writes count too); its rate sizes the measured run. The run is a fixed number of requests
  // (≈ T seconds at that rate) because autocannon waits for every response then, so none is in flight at the end.
  const warm = await autocannon({ ...options, duration: Math.min(3, duration) });
  // Anything the warm-up left in flight has landed once the server has been quiet a moment.
  await new Promise((r) => setTimeout(r, 1000));
  const before = await counts();
  Object.assign(acked, { customers: 0, conversations: 0, messages: 0 });
  const amount = Math.max(connections * requests.length, Math.round(warm.requests.average * duration));
  const memory = [rssMiB(server.pid)];
  const sampler = setInterval(() => memory.push(rssMiB(server.pid)), 1000);
  const { duration: _unused, ...measured } = options;
  const result = await autocannon({ ...measured, amount });
  clearInterval(sampler);
  memory.push(rssMiB(server.pid));
  await server.stop();

  const after = await counts();
  const rows = {
    customers: after.customers - before.customers,
    conversations: after.conversations - before.conversations,
    // Each acknowledged conversation create wrote its first message too.
    messages: after.messages - before.messages - acked.conversations,
  };
  const errors = result.errors + result.timeouts + result.non2xx;
  const [start, end] = [memory[0], memory[memory.length - 1]];
  // Flat: the second half of the run adds at most 15 % to the RSS the first half reached.
  const half = Math.max(...memory.slice(0, Math.ceil(memory.length / 2)));
  const flat = end <= half * 1.15;
  console.log(
    `\n### mixed load: ${connections} connections, ${amount} requests in ${result.duration.toFixed(1)} s (after a ${Math.min(3, duration)} s warm-up)\n`,
  );
  console.log(
    `| requests | req/s | p50 / p99 ms | errors | acknowledged writes (cust/conv/msg) | rows written (cust/conv/msg) | RSS start / first-half peak / end MiB |`,
  );
  console.log(`| ---: | ---: | ---: | ---: | --- | --- | --- |`);
  console.log(
    `| ${result.requests.total} | ${Math.round(result.requests.average)} | ${result.latency.p50} / ${result.latency.p99} | ${errors} | ` +
      `${acked.customers}/${acked.conversations}/${acked.messages} | ${rows.customers}/${rows.conversations}/${rows.messages} | ${start} / ${half} / ${end} |`,
  );
  console.log(`statuses: ${JSON.stringify(statuses)}`);
  const ok =
    errors === 0 &&
    rows.customers === acked.customers &&
    rows.conversations === acked.conversations &&
    rows.messages === acked.messages &&
    flat;
  console.log(ok ? '\nOK: rows = acknowledged writes, 0 errors, memory flat' : '\nFAILED');
  return ok;
}

async function limiterOverhead(dbUrl) {
  const measure = async (limit) => {
    const server = await startProcess(
      'ours',
      'dist/src/main.js',
      serverEnv(dbUrl, { RATE_LIMIT_PER_MINUTE: limit }),
      await freePort(),
      '/api/v1/me',
    );
    const { apiKey } = await registerAccount(server.url, Date.now());
    const options = {
      url: `${server.url}/api/v1/me`,
      connections,
      duration,
      headers: { authorization: `Bearer ${apiKey}` },
    };
    await autocannon({ ...options, duration: 3 });
    const result = await autocannon(options);
    await server.stop();
    return {
      rps: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      mean: result.latency.mean,
      errors: result.errors + result.non2xx,
    };
  };
  const off = await measure('0');
  const on = await measure('100000000');
  console.log(`\n### rate limiter overhead: GET /api/v1/me, ${connections} connections, ${duration} s\n`);
  console.log('| limiter | req/s | mean / p50 / p99 ms | errors |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const [name, r] of [
    ['off (RATE_LIMIT_PER_MINUTE=0)', off],
    ['on (PostgreSQL counter)', on],
  ]) {
    console.log(`| ${name} | ${r.rps} | ${r.mean.toFixed(2)} / ${r.p50} / ${r.p99} | ${r.errors} |`);
  }
  console.log(
    `\noverhead per request: ${(on.mean - off.mean).toFixed(2)} ms mean latency, ${(100 * (1 - on.rps / off.rps)).toFixed(1)} % throughput`,
  );
  return off.errors === 0 && on.errors === 0;
}

const db = await startServer();
const name = `load_${Date.now()}`;
let ok;
try {
  const url = await createDatabase(db.url, name);
  ok = values.overhead ? await limiterOverhead(url) : await mixedLoad(url);
} finally {
  await dropDatabase(db.url, name).catch(() => undefined);
  await db.stop();
}
process.exit(ok ? 0 : 1);
