import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPapercupsDatabase, withClient } from '../support/papercups-fixture';
import { readMigrations, schemaFromMigrations, schemaOfDatabase, SchemaShape } from '../support/papercups-migrations';
import { ROOT } from '../support/server-process';

/**
 * test/fixtures/papercups/schema.sql (written by hand) against the schema Papercups' 91 migrations produce
 * (test/fixtures/papercups/migrations-schema.json, derived from them by test/support/papercups-migrations.ts).
 * The comparison with the committed JSON always runs; only with PAPERCUPS_REPO set (a checkout or git mirror
 * of papercups-io/papercups) is the JSON also derived again from the migrations themselves.
 */
const DIGEST = join(ROOT, 'test', 'fixtures', 'papercups', 'migrations-schema.json');
const PAPERCUPS_REPO = process.env.PAPERCUPS_REPO;
const digest = (): SchemaShape => JSON.parse(readFileSync(DIGEST, 'utf8'));

/** Every difference between two shapes, one line each (empty: equal). */
function differences(
  expected: Omit<SchemaShape, 'migrations' | 'notes'>,
  actual: Omit<SchemaShape, 'migrations' | 'notes'>,
) {
  const out: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    const objects = a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a);
    if (!objects) return void out.push(`${path}: migrations ${JSON.stringify(a)}, fixture ${JSON.stringify(b)}`);
    for (const key of new Set([...Object.keys(a), ...Object.keys(b as object)])) {
      walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
    }
  };
  for (const part of ['tables', 'foreignKeys', 'indexes'] as const) walk(expected[part], actual[part], part);
  return out;
}

describe("the Papercups fixture schema is Papercups' own", () => {
  let db: { url: string; drop: () => Promise<void> };
  let fixture: Omit<SchemaShape, 'migrations' | 'notes'>;

  beforeAll(async () => {
    db = await createPapercupsDatabase({ empty: true });
    fixture = await withClient(db.url, (c) => schemaOfDatabase(async (sql) => (await c.query(sql)).rows));
  });
  afterAll(() => db?.drop());

  (PAPERCUPS_REPO ? it : it.skip)('the digest is what the migrations produce (PAPERCUPS_REPO)', () => {
    expect(schemaFromMigrations(readMigrations(PAPERCUPS_REPO!))).toEqual(digest());
  });

  it('has every table, column (type, null, default), foreign key and index the migrations create', () => {
    const expected = digest();
    expect(expected.migrations).toHaveLength(91);
    expect(Object.keys(expected.tables)).toHaveLength(40);
    expect(differences(expected, fixture)).toEqual([]);
  });

  it('records the 91 migrations as applied, as Ecto does', async () => {
    const { rows } = await withClient(db.url, (c) => c.query('SELECT version::text FROM schema_migrations ORDER BY 1'));
    expect(rows.map((r) => r.version)).toEqual(digest().migrations);
  });

  it('notices a difference (the comparison can fail)', () => {
    const changed = JSON.parse(JSON.stringify(fixture));
    changed.tables.tags.account_id.nullable = false;
    changed.tables.messages.body.type = 'character varying(255)';
    delete changed.indexes.users_email_index;
    changed.foreignKeys.notes_author_id_fkey.onDelete = 'NO ACTION';
    expect(differences(digest(), changed)).toEqual([
      'tables.messages.body.type: migrations "text", fixture "character varying(255)"',
      'tables.tags.account_id.nullable: migrations true, fixture false',
      'foreignKeys.notes_author_id_fkey.onDelete: migrations "CASCADE", fixture "NO ACTION"',
      'indexes.users_email_index: migrations {"table":"users","columns":["email"],"unique":true}, fixture undefined',
    ]);
  });
});
