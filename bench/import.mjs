// npm run bench:import [-- --messages 1000000 --batch-size 2000 --jobs 2]
// Builds a Papercups database (test/fixtures/papercups/schema.sql) holding --messages messages (one per
// twenty in a conversation, one customer per five conversations, ten agents), imports it into an empty
// database with the real command, and prints rows per second per table. See README "Moving from Papercups".
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabase, dropDatabase, startServer, withClient } from './lib/database.mjs';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '1000000' },
    'batch-size': { type: 'string', default: '2000' },
    jobs: { type: 'string', default: '2' },
    keep: { type: 'boolean', default: false },
  },
});
const MESSAGES = Number(values.messages);
const CONVERSATIONS = Math.max(1, Math.floor(MESSAGES / 20));
const CUSTOMERS = Math.max(1, Math.floor(CONVERSATIONS / 5));
const ROOT = join(import.meta.dirname, '..');
const ACCOUNT = 'c4f0e9d2-6f1a-4b0e-9a55-3c2b1d7e8f01';

/** A year of history (2021), in Papercups' naive UTC timestamps, every row's own second. */
async function seedPapercups(url) {
  await withClient(url, async (c) => {
    await c.query(readFileSync(join(ROOT, 'test', 'fixtures', 'papercups', 'schema.sql'), 'utf8'));
    await c.query(
      `INSERT INTO accounts (id, company_name, inserted_at, updated_at) VALUES ($1, 'Bench', '2021-01-01', '2021-01-01')`,
      [ACCOUNT],
    );
    await c.query(
      `INSERT INTO users (id, email, password_hash, account_id, role, inserted_at, updated_at)
       SELECT g, 'agent' || g || '@bench.test', '$pbkdf2-sha512$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAA', $1, 'user', '2021-01-01', '2021-01-01'
         FROM generate_series(1, 10) g`,
      [ACCOUNT],
    );
    await c.query(
      `CREATE TABLE bench_customers AS SELECT g AS n, gen_random_uuid() AS id FROM generate_series(1, $1) g`,
      [CUSTOMERS],
    );
    await c.query(
      `INSERT INTO customers (id, first_seen, last_seen, account_id, inserted_at, updated_at, email, name, last_seen_at, browser, os, metadata)
       SELECT id, date '2021-01-01' + (n % 365), date '2021-01-01' + (n % 365), $1,
              timestamp '2021-01-01' + n * interval '1 second', timestamp '2021-01-01' + n * interval '1 second',
              'customer' || n || '@example.test', 'Customer ' || n, timestamp '2021-06-01' + n * interval '1 second',
              'Chrome', 'Mac OS', jsonb_build_object('plan', 'pro', 'n', n)
         FROM bench_customers`,
      [ACCOUNT],
    );
    await c.query(
      `CREATE TABLE bench_conversations AS
       SELECT g AS n, gen_random_uuid() AS id, cu.id AS customer_id,
              timestamp '2021-01-01' + g * (interval '1 year' / $1) AS at
         FROM generate_series(1, $1) g JOIN bench_customers cu ON cu.n = 1 + g % $2`,
      [CONVERSATIONS, CUSTOMERS],
    );
    await c.query(
      `INSERT INTO conversations (id, status, inserted_at, updated_at, assignee_id, priority, read, account_id, customer_id,
                                  closed_at, first_replied_at, source, last_activity_at)
       SELECT id, CASE WHEN n % 3 = 0 THEN 'open' ELSE 'closed' END, at, at, 1 + n % 10, 'not_priority', true, $1, customer_id,
              CASE WHEN n % 3 = 0 THEN NULL ELSE at + interval '2 hours' END, at + interval '5 minutes', 'chat', at + interval '2 hours'
         FROM bench_conversations`,
      [ACCOUNT],
    );
    await c.query(
      `INSERT INTO messages (id, body, inserted_at, updated_at, conversation_id, account_id, customer_id, user_id, seen_at, source, type, private, content_type)
       SELECT gen_random_uuid(),
              'Message ' || g || ': thanks for getting back to me, the widget works again after clearing the cache.',
              cv.at + (g / $2) * interval '1 minute', cv.at + (g / $2) * interval '1 minute', cv.id, $1,
              CASE WHEN g % 2 = 0 THEN cv.customer_id END, CASE WHEN g % 2 = 1 THEN 1 + g % 10 END,
              CASE WHEN g % 4 = 1 THEN cv.at + interval '1 hour' END, 'chat', CASE WHEN g % 50 = 0 THEN 'note' ELSE 'reply' END,
              g % 50 = 0, 'text'
         FROM generate_series(1, $3) g JOIN bench_conversations cv ON cv.n = 1 + g % $2`,
      [ACCOUNT, CONVERSATIONS, MESSAGES],
    );
    await c.query('DROP TABLE bench_customers, bench_conversations');
    await c.query('ANALYZE');
  });
}

const runImport = (from, to) =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    execFile(
      process.execPath,
      [
        join(ROOT, 'dist', 'src', 'papercups-import', 'main.js'),
        '--from',
        from,
        '--to',
        to,
        '--json',
        '--batch-size',
        values['batch-size'],
      ],
      { maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`import failed:\n${stderr}`));
        resolve({ report: JSON.parse(stdout), seconds: (performance.now() - started) / 1000 });
      },
    );
  });

const server = await startServer();
try {
  const sourceUrl = await createDatabase(server.url, 'bench_papercups_source');
  const targetUrl = await createDatabase(server.url, 'bench_papercups_target');
  const seedStarted = performance.now();
  await seedPapercups(sourceUrl);
  console.log(
    `seeded ${MESSAGES.toLocaleString('en-US')} messages, ${CONVERSATIONS.toLocaleString('en-US')} conversations, ` +
      `${CUSTOMERS.toLocaleString('en-US')} customers in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
  );
  const { report, seconds } = await runImport(sourceUrl, targetUrl);
  const rows = report.tables.filter((t) => t.source > 0);
  console.log('\ntable                rows   seconds    rows/s');
  for (const t of rows) {
    const s = t.elapsedMs / 1000;
    console.log(
      `${t.table.padEnd(16)}${String(t.imported).padStart(9)}${s.toFixed(1).padStart(10)}${Math.round(
        t.imported / Math.max(s, 0.001),
      )
        .toLocaleString('en-US')
        .padStart(10)}`,
    );
  }
  const total = rows.reduce((sum, t) => sum + t.imported, 0);
  console.log(
    `\nwhole command: ${total.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s ` +
      `(${Math.round(total / seconds).toLocaleString('en-US')} rows/s, migrations and connection included)`,
  );
  const again = await runImport(sourceUrl, targetUrl);
  console.log(`second run (nothing to import, every row checked): ${again.seconds.toFixed(1)} s`);
  if (!values.keep) {
    await dropDatabase(server.url, 'bench_papercups_source');
    await dropDatabase(server.url, 'bench_papercups_target');
  }
} finally {
  await server.stop();
}
