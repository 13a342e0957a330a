// npm run bench:fanout [-- --sockets 2000 --duration 20 --concurrency 16 --instances 1,2]
// Live chat under load: N visitor sockets (the official `phoenix` client over `ws`), each joined to its own
// conversation, while agents reply through REST (POST /api/v1/messages). Measures, per instance count, the
// delay from the REST create being sent to the visitor's socket receiving the `shout` (p50 / p99), the
// messages delivered per second, and server memory per connected socket. With two instances the sockets are
// split between them and every reply is created on the first, so half the deliveries cross instances.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Socket } from 'phoenix';
import WebSocket from 'ws';
import { createDatabase, dropDatabase, freePort, startServer, withClient } from './lib/database.mjs';
import { rssMiB, startProcess } from './lib/processes.mjs';
import { registerAccount } from './lib/seed.mjs';

export const FANOUT_DEFAULTS = { sockets: 2000, duration: 20, concurrency: 16, instances: [1, 2] };

const serverEnv = (url) => ({
  DATABASE_URL: url,
  DATABASE_POOL_SIZE: '10',
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '100000000',
  WIDGET_RATE_LIMIT_PER_IP: '0',
  WIDGET_RATE_LIMIT_PER_ACCOUNT: '0',
  REALTIME_MAX_CONNECTIONS_PER_IP: '1000000',
});

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Customers and their open chat conversations, written directly (the bench is about delivery, not setup). */
async function seedVisitors(dbUrl, accountId, count) {
  return withClient(dbUrl, async (c) => {
    const { rows } = await c.query(
      `WITH cu AS (
         INSERT INTO customers (account_id, name, first_seen) SELECT $1, 'Visitor ' || g, current_date
         FROM generate_series(1, $2) g RETURNING id)
       INSERT INTO conversations (account_id, customer_id, status, source, last_activity_at)
       SELECT $1, id, 'open', 'chat', now() FROM cu RETURNING id, customer_id`,
      [accountId, count],
    );
    return rows;
  });
}

async function connectVisitors(servers, accountId, visitors, onShout) {
  const sockets = [];
  const BATCH = 100;
  for (let i = 0; i < visitors.length; i += BATCH) {
    await Promise.all(
      visitors.slice(i, i + BATCH).map(
        (v, j) =>
          new Promise((resolve, reject) => {
            const server = servers[(i + j) % servers.length];
            const socket = new Socket(`${server.url.replace('http', 'ws')}/socket`, {
              transport: WebSocket,
              params: { account_id: accountId },
              reconnectAfterMs: () => 60_000,
            });
            socket.connect();
            const channel = socket.channel(`conversation:${v.id}`, { customer_id: v.customer_id });
            channel.on('shout', (message) => onShout(message));
            channel
              .join()
              .receive('ok', () => resolve())
              .receive('error', (e) => reject(new Error(`join refused: ${JSON.stringify(e)}`)))
              .receive('timeout', () => reject(new Error('join timed out')));
            sockets.push(socket);
          }),
      ),
    );
  }
  return sockets;
}

async function run(dbBase, instances, { sockets: SOCKETS, duration: DURATION_S, concurrency: CONCURRENCY }) {
  const name = `fanout_${instances}_${Date.now()}`;
  const url = await createDatabase(dbBase, name);
  const servers = [];
  let sockets = [];
  try {
    for (let i = 0; i < instances; i++) {
      servers.push(
        await startProcess(`server${i + 1}`, 'dist/src/main.js', serverEnv(url), await freePort(), '/api/ping'),
      );
    }
    const { accountId, apiKey } = await registerAccount(servers[0].url, 1);
    const visitors = await seedVisitors(url, accountId, SOCKETS);
    await sleep(500);
    const rssBefore = servers.map((s) => rssMiB(s.pid));

    const sent = new Map(); // message body -> send time (ms, this process's clock)
    const latencies = [];
    let delivered = 0;
    const onShout = (message) => {
      const t0 = sent.get(message.body);
      if (t0 === undefined) return;
      latencies.push(performance.now() - t0);
      delivered++;
    };
    const connectStart = performance.now();
    sockets = await connectVisitors(servers, accountId, visitors, onShout);
    const connectS = (performance.now() - connectStart) / 1000;
    await sleep(1000);
    const rssAfter = servers.map((s) => rssMiB(s.pid));
    const perSocketKiB =
      ((rssAfter.reduce((a, b) => a + b, 0) - rssBefore.reduce((a, b) => a + b, 0)) * 1024) / SOCKETS;

    // Agents reply: CONCURRENCY loops, each creating messages in random visitors' conversations.
    let created = 0;
    let failed = 0;
    let n = 0;
    const deadline = performance.now() + DURATION_S * 1000;
    const agent = async () => {
      while (performance.now() < deadline) {
        const visitor = visitors[Math.floor(Math.random() * visitors.length)];
        const body = `bench ${n++}`;
        sent.set(body, performance.now());
        const res = await fetch(`${servers[0].url}/api/v1/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
          body: JSON.stringify({ message: { conversation_id: visitor.id, body } }),
        });
        await res.arrayBuffer();
        if (res.status === 201) created++;
        else failed++;
      }
    };
    const replyStart = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, agent));
    const replyS = (performance.now() - replyStart) / 1000;
    const settle = performance.now() + 5000;
    while (delivered < created && performance.now() < settle) await sleep(50);
    latencies.sort((a, b) => a - b);
    return {
      instances,
      sockets: SOCKETS,
      connectS: connectS.toFixed(1),
      created,
      failed,
      delivered,
      msgsPerS: Math.round(delivered / replyS),
      p50: latencies.length ? percentile(latencies, 50).toFixed(1) : '-',
      p99: latencies.length ? percentile(latencies, 99).toFixed(1) : '-',
      perSocketKiB: perSocketKiB.toFixed(1),
      rss: rssAfter.join(' + '),
    };
  } finally {
    for (const socket of sockets) socket.disconnect();
    for (const server of servers) await server.stop().catch(() => undefined);
    await dropDatabase(dbBase, name).catch(() => undefined);
  }
}

/** One run per instance count on the PostgreSQL server at `dbBase` (a database of its own each). */
export async function fanout(dbBase, options = {}) {
  const settings = { ...FANOUT_DEFAULTS, ...options };
  const results = [];
  for (const instances of settings.instances) results.push(await run(dbBase, instances, settings));
  return results;
}

export const fanoutOk = (results) => results.every((r) => r.failed === 0 && r.delivered === r.created);

export function printFanout(results, { sockets, concurrency, duration }) {
  console.log(
    `\n### live chat fan-out: ${sockets} visitor sockets, agents replying through REST (${concurrency} concurrent, ${duration} s)\n`,
  );
  console.log(
    '| instances | connect | replies created / delivered (errors) | delivered msgs/s | REST → socket p50 / p99 ms | server memory per socket | RSS MiB |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(
      `| ${r.instances} | ${r.connectS} s | ${r.created} / ${r.delivered} (${r.failed}) | ${r.msgsPerS} | ${r.p50} / ${r.p99} | ${r.perSocketKiB} KiB | ${r.rss} |`,
    );
  }
}

// Run directly (npm run bench:fanout): its own PostgreSQL, the table, exit 1 when a reply was lost.
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      sockets: { type: 'string', default: String(FANOUT_DEFAULTS.sockets) },
      duration: { type: 'string', default: String(FANOUT_DEFAULTS.duration) },
      concurrency: { type: 'string', default: String(FANOUT_DEFAULTS.concurrency) },
      instances: { type: 'string', default: FANOUT_DEFAULTS.instances.join(',') },
    },
  });
  const settings = {
    sockets: Number(values.sockets),
    duration: Number(values.duration),
    concurrency: Number(values.concurrency),
    instances: values.instances.split(',').map(Number),
  };
  const db = await startServer();
  let results;
  try {
    results = await fanout(db.url, settings);
  } finally {
    await db.stop();
  }
  printFanout(results, settings);
  process.exit(fanoutOk(results) ? 0 : 1);
}
