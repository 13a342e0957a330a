import { join } from 'node:path';
import { Client, type ClientBase, type Pool, types as pgTypes } from 'pg';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app.config';
import { migrate } from '../database/database.module';
import { startEmbeddedPostgres, stopEmbeddedPostgres } from '../database/embedded-postgres';
import { buildTypeOrmOptions, MIGRATIONS } from '../database/typeorm.options';
import { TableMapping } from './mapping';

type Queryable = ClientBase | Pool;

const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;
const DATE = 1082;
const JSON_OID = 114;
const JSONB = 3802;
const INT8 = 20;
const AS_PRINTED = new Set([TIMESTAMP, TIMESTAMPTZ, DATE, JSON_OID, JSONB]);

/** `postgres://user@host:port/db`: what to show of a URL (never its password). */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.username ? `${u.username}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * The Papercups database. Timestamps, dates and JSON arrive as PostgreSQL prints them (naive UTC
 * timestamps are never reinterpreted in the local time zone, JSON is never parsed and re-serialised).
 */
export async function connectSource(url: string): Promise<Client> {
  const client = new Client({
    connectionString: url,
    application_name: 'papercups-import',
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (AS_PRINTED.has(oid)) return (value: string) => value;
        if (oid === INT8) return (value: string) => Number(value);
        return pgTypes.getTypeParser(oid, format);
      }) as typeof pgTypes.getTypeParser,
    },
  });
  await client.connect();
  return client;
}

/** Every source column the mappings read, so an older or foreign schema is refused before anything is read. */
export async function checkSourceSchema(source: Client, tables: TableMapping[]): Promise<void> {
  const { rows } = await source.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()`,
  );
  const present = new Set(rows.map((r) => `${r.table_name}.${r.column_name}`));
  const missing: string[] = [];
  for (const mapping of tables) {
    const columns = [...mapping.select.filter((e) => /^\w+$/.test(e)), ...mapping.parents.map((p) => p.column)];
    for (const column of new Set(columns)) {
      if (!present.has(`${mapping.source}.${column}`)) missing.push(`${mapping.source}.${column}`);
    }
  }
  if (missing.length) {
    throw new Error(
      `The source is not a Papercups database at its final schema (migration 20211004192852): missing ${missing
        .slice(0, 10)
        .join(', ')}${missing.length > 10 ? ', …' : ''}. Run Papercups' migrations on it first (mix ecto.migrate).`,
    );
  }
}

export interface Target {
  url: string;
  /** Migrations of this server not applied yet (a dry run does not apply them). */
  pendingMigrations: string[];
  close(): Promise<void>;
}

/**
 * This server's database, found as the server finds it: DATABASE_URL, or the embedded PostgreSQL under
 * DATA_DIR (the server must be stopped then: one data directory has one PostgreSQL). Unless `dryRun`, the
 * server's migrations are applied first, exactly as at boot.
 */
export async function openTarget(config: AppConfig, explicitUrl: string | undefined, dryRun: boolean): Promise<Target> {
  const embedded = !explicitUrl && !config.databaseUrl;
  const url =
    explicitUrl ??
    config.databaseUrl ??
    (await startEmbeddedPostgres(join(config.dataDir, 'pg'), config.embeddedPgPort).catch((error: Error) => {
      throw new Error(`${error.message} (stop the server first, or set DATABASE_URL / --to)`, { cause: error });
    }));
  const close = async () => {
    if (embedded) await stopEmbeddedPostgres();
  };
  try {
    const dataSource = await new DataSource({ ...buildTypeOrmOptions(url, config), logging: false }).initialize();
    try {
      // Ecto's bookkeeping table (version bigint) where TypeORM keeps its own under the same name: Papercups' database.
      const [ecto] = await dataSource.query(
        `SELECT 1 FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = 'schema_migrations' AND column_name = 'version'`,
      );
      if (ecto) {
        throw new Error(
          `the target ${describeUrl(url)} is a Papercups database: give this server's database as --to or DATABASE_URL`,
        );
      }
      if (!dryRun) await migrate(dataSource);
      const applied = await dataSource
        .query(`SELECT name FROM schema_migrations`)
        .then((rows: { name: string }[]) => new Set(rows.map((r) => r.name)))
        .catch(() => new Set<string>());
      const pendingMigrations = MIGRATIONS.map((m) => m.name).filter((name) => !applied.has(name));
      return { url, pendingMigrations, close };
    } finally {
      await dataSource.destroy();
    }
  } catch (error) {
    await close();
    throw error;
  }
}

export async function tableExists(client: Queryable, table: string): Promise<boolean> {
  return (await client.query('SELECT to_regclass($1) IS NOT NULL AS e', [`public.${table}`])).rows[0].e;
}

export async function countRows(client: Queryable, table: string): Promise<number> {
  return Number((await client.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);
}

export async function hasRows(client: Queryable, table: string): Promise<boolean> {
  return (await client.query(`SELECT EXISTS (SELECT 1 FROM "${table}") AS e`)).rows[0].e;
}
