// npm run bench:profile [-- --only <scenario> --duration 5 --top 25 --inclusive]
// Runs the benchmark scenarios against the built server started with `node --cpu-prof`, then prints, per
// scenario, where the server's CPU time went: self time by package (or src/ file) and the top functions.
// See README "Benchmarks" → "Where the time goes".
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createDatabase, dropDatabase, freePort, startServer } from './lib/database.mjs';
import { cpuMicros, serverEnv, startProcess } from './lib/processes.mjs';
import { autocannonOptions, SCENARIOS } from './lib/scenarios.mjs';
import { seed } from './lib/seed.mjs';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    top: { type: 'string', default: '20' },
    inclusive: { type: 'boolean', default: false },
  },
});
const ROOT = process.cwd();

/** Where a profile node's code lives: `pkg:<name>` for node_modules, the path under the root for ours. */
function owner(url) {
  if (!url) return '(native / gc)';
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = path.slice(modules + 13).split('/');
    return 'pkg:' + (rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]);
  }
  return path.startsWith(ROOT) ? relative(ROOT, path) : path;
}

/**
 * Self time per owner and per function from one .cpuprofile, counting only samples inside `window` (µs on the
 * monotonic clock V8 and process.hrtime share), so start-up and shutdown stay out; idle time is left out.
 */
function summarise(profile, window) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at >= window.from && at <= window.to) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const owners = new Map();
  const functions = new Map();
  let busy = 0;
  for (const [id, micros] of self) {
    const { callFrame } = byId.get(id);
    if (callFrame.functionName === '(idle)' || callFrame.functionName === '(program)') continue;
    busy += micros;
    const who = callFrame.functionName === '(garbage collector)' ? '(gc)' : owner(callFrame.url);
    owners.set(who, (owners.get(who) ?? 0) + micros);
    const fn = `${callFrame.functionName || '(anonymous)'} ${who}:${callFrame.lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + micros);
  }
  // Inclusive time: each sample counts once for every distinct function on its stack.
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map();
  for (const [id, micros] of self) {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const { callFrame } = byId.get(at);
      if (!callFrame.url) continue;
      const fn = `${callFrame.functionName || '(anonymous)'} ${owner(callFrame.url)}:${callFrame.lineNumber + 1}`;
      if (seen.has(fn)) continue;
      seen.add(fn);
      inclusive.set(fn, (inclusive.get(fn) ?? 0) + micros);
    }
  }
  const sorted = (map) => [...map].sort((a, b) => b[1] - a[1]);
  return { busy, owners: sorted(owners), functions: sorted(functions), inclusive: sorted(inclusive) };
}

async function profileScenario(dbUrl, seeded, scenario) {
  const dir = mkdtempSync(join(tmpdir(), 'papercups-profile-'));
  const server = await startProcess('ours', 'dist/src/main.js', serverEnv(dbUrl), await freePort(), '/api/v1/me', [
    '--cpu-prof',
    `--cpu-prof-dir=${dir}`,
  ]);
  const options = autocannonOptions(scenario, server.url, seeded, {
    connections: Number(values.connections),
    duration: Number(values.duration),
  });
  await autocannon({ ...options, duration: 2 });
  const now = () => Number(process.hrtime.bigint() / 1000n);
  const window = { from: now() };
  const cpuBefore = cpuMicros(server.pid);
  const result = await autocannon(options);
  const cpu = cpuMicros(server.pid) - cpuBefore;
  window.to = now();
  await server.stop();
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  const summary = summarise(JSON.parse(readFileSync(join(dir, file), 'utf8')), window);
  rmSync(dir, { recursive: true, force: true });
  const requests = result.requests.total;
  const top = Number(values.top);
  const pct = (micros) => ((100 * micros) / summary.busy).toFixed(1).padStart(5) + ' %';
  console.log(
    `\n### ${scenario.name}: ${Math.round(result.requests.average)} req/s; CPU per request: ` +
      `${(cpu / 1000 / requests).toFixed(3)} ms process, ${(summary.busy / 1000 / requests).toFixed(3)} ms main thread\n`,
  );
  console.log('self time by owner:');
  for (const [who, micros] of summary.owners.slice(0, 12)) console.log(`  ${pct(micros)}  ${who}`);
  if (values.inclusive) {
    console.log('inclusive (with callees):');
    for (const [fn, micros] of summary.inclusive.slice(0, top)) console.log(`  ${pct(micros)}  ${fn}`);
  }
  console.log('top functions:');
  for (const [fn, micros] of summary.functions.slice(0, top)) console.log(`  ${pct(micros)}  ${fn}`);
}

const dbServer = await startServer();
try {
  const dbUrl = await createDatabase(dbServer.url, 'bench_profile');
  const seeder = await startProcess('ours', 'dist/src/main.js', serverEnv(dbUrl), await freePort(), '/api/v1/me');
  const seeded = await seed(dbUrl, seeder.url, 'small');
  await seeder.stop();
  for (const scenario of SCENARIOS.filter((s) => !values.only || s.name.includes(values.only))) {
    await profileScenario(dbUrl, seeded, scenario);
  }
  await dropDatabase(dbServer.url, 'bench_profile');
} finally {
  await dbServer.stop();
}
process.exit(0);
