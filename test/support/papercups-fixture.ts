import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase } from './database';
import { ensureBuilt, ROOT } from './server-process';

/** An empty database (no template): Papercups' schema, or a target the importer migrates itself. */
export const createEmptyDatabase = () => createTestDatabase('papercups', process.env.DATABASE_URL, { empty: true });

/** The rows of test/fixtures/papercups/data.sql a spec refers to by name. */
export const PAPERCUPS = {
  accounts: {
    acme: 'c4f0e9d2-6f1a-4b0e-9a55-3c2b1d7e8f01',
    globex: '5b7a2c1e-94d3-4e6f-8a21-7d0c9b3e4f12',
    edge: '9e1d3c5b-7a2f-4c8e-b613-2f4a6c8e0d23',
  },
  /** Users' passwords, hashed in the fixture as Pow does (PBKDF2-SHA512, 100,000 iterations). */
  passwords: {
    alice: { id: 1, email: 'alice@acme.test', password: 'alice-papercups-pw' },
    carol: { id: 3, email: 'carol@acme.test', password: 'carol-papercups-pw' },
    erin: { id: 5, email: 'erin@globex.test', password: 'erin-papercups-pw' },
    grace: { id: 8, email: 'grace@edge.test', password: 'grace-papercups-pw' },
  },
  /** Papercups' personal API keys, stored there in plain text. */
  keys: {
    alice: 'SFMyNTY.g2gDaAJkAAd1c2VyX2lkbQAAAAEYWxpY2U.pTVUGadUnO6_NB7VyYnWvLHprOu8PC6JVtfU5IEnhk0',
    erin: 'SFMyNTY.g2gDaAJkAAd1c2VyX2lkbQAAAAEZXJpbg.HnHh0Ye9EhG28z_6q4DNK1TsnuqtamSmnej8MDLBO1o',
    /** Belongs to a user of another account: skipped. */
    stray: 'SFMyNTY.g2gDaAJkAAd1c2VyX2lkbQAAAAEc3RyYXk.l6YnPMf8lKn-s-yQ_erjr3ESZtBMjd7YalJXYF2rbwE',
  },
  conversations: {
    c1: '8b000000-03ff-4021-8021-00000003fccf',
    c4: '8b000000-045c-4024-8024-00000004599c',
    c6: '8b000000-049a-4026-8026-00000004977a',
  },
  messages: { m10: '9c000000-06a9-4037-8037-00000006a559', m14: '9c000000-0725-403b-803b-000000072115' },
};

export const fixtureSql = (name: 'schema' | 'data') =>
  readFileSync(join(ROOT, 'test', 'fixtures', 'papercups', `${name}.sql`), 'utf8');

export async function withClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A database of its own holding Papercups' schema (and, unless `empty`, the fixture rows). */
export async function createPapercupsDatabase({ empty = false } = {}) {
  const db = await createEmptyDatabase();
  await withClient(db.url, async (client) => {
    await client.query(fixtureSql('schema'));
    if (!empty) await client.query(fixtureSql('data'));
  });
  return db;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real command (`dist/src/papercups-import/main.js`, built when stale), as a child process. */
export function runImportCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  ensureBuilt();
  const merged: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, ...env })) if (value !== undefined) merged[key] = value;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'dist', 'src', 'papercups-import', 'main.js'), ...args],
      { cwd: ROOT, env: merged, timeout: 180_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The tables the importer writes, in its order. */
export const IMPORTED_TABLES = [
  'accounts',
  'users',
  'user_profiles',
  'user_settings',
  'personal_api_keys',
  'inboxes',
  'companies',
  'customers',
  'tags',
  'conversations',
  'messages',
  'mentions',
  'conversation_tags',
  'customer_tags',
  'notes',
  'issues',
  'event_subscriptions',
  'canned_responses',
  'user_invitations',
  'customer_issues',
  'widget_settings',
  'files',
  'message_files',
];

/**
 * One digest per imported table over every row and column (event subscriptions' random signing secrets
 * left out when `withSecrets` is false): equal digests, equal contents.
 */
export async function digestTables(url: string, { withSecrets = true } = {}): Promise<Record<string, string>> {
  return withClient(url, async (client) => {
    const out: Record<string, string> = {};
    for (const table of IMPORTED_TABLES) {
      const drop = !withSecrets && table === 'event_subscriptions' ? " - 'secret'" : '';
      const { rows } = await client.query(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg((to_jsonb(t)${drop})::text, ',' ORDER BY t.id::text), ''))
           AS digest FROM ${table} t`,
      );
      out[table] = `${rows[0].n}:${rows[0].digest}`;
    }
    return out;
  });
}
