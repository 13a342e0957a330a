import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** A row as pg reads it with `rowMode: 'array'`: the SELECT's values in order. */
export type ArrayRow = readonly unknown[];

/**
 * The hot reads' statements are prepared: each connection parses and plans a statement once, then sends
 * only its parameters (as Ecto, and so Papercups, does). Parsing and planning the long SELECTs of an
 * expanded conversation on every request halved what the server and PostgreSQL could answer on two cores
 * (retrieve: 526 → 1,017 requests/s). Names are given in the order texts are first seen, up to MAX_PREPARED
 * texts (query builders make one per filter combination and limit), which also bounds what each connection
 * keeps prepared; past that a statement runs unnamed.
 */
export const MAX_PREPARED = 500;
const names = new Map<string, string>();
let prepared = true;

/** DATABASE_PREPARED_STATEMENTS=false: every statement unnamed (poolers that do not keep prepared statements). */
export function usePreparedStatements(enabled: boolean): void {
  prepared = enabled;
}

function statementName(text: string): string | undefined {
  if (!prepared) return undefined;
  let name = names.get(text);
  if (name === undefined && names.size < MAX_PREPARED) names.set(text, (name = `hot_${names.size}`));
  return name;
}

/**
 * Runs a prepared SELECT through TypeORM (its connection, transaction and logging): TypeORM hands the
 * query config to pg as it is, and `toString` keeps its logs (and the tests' query-count spies) reading the
 * SQL. `rowMode: 'array'` rows: pg builds no object per row, whose dozens of keys were a third of a hot
 * read's decoding.
 */
function run<T>(manager: EntityManager, text: string, values: unknown[], rowMode?: 'array'): Promise<T[]> {
  const query = { text, name: statementName(text), rowMode, toString: () => text };
  return manager.query(query as unknown as string, values);
}

/** A hot read's rows as arrays (read them with EntityColumns / JoinedColumns). */
export const queryArrays = (manager: EntityManager, text: string, values: unknown[]) =>
  run<ArrayRow>(manager, text, values, 'array');

/** A hot read's rows as objects keyed by column name (small rows: counts, flags). */
export const queryObjects = (manager: EntityManager, text: string, values: unknown[]) =>
  run<Record<string, unknown>>(manager, text, values);

/**
 * A page read in one statement: `keys` (a query builder with the list's filters, keyset order and limit,
 * selecting only the id) finds the page, and `rows(page)` reads what is rendered of each, `ORDER BY
 * page.position` keeping the keys' order (an ARRAY of a subquery keeps its ORDER BY). TypeORM composes only
 * the small statement: its SQL generation costs more with every joined alias and selected column.
 */
export function pageArrays(keys: SelectQueryBuilder<ObjectLiteral>, rows: (page: string) => string) {
  const [sql, params] = keys.getQueryAndParameters();
  const page = `unnest(ARRAY(SELECT k.* FROM (${sql}) k)) WITH ORDINALITY AS page(id, position)`;
  return queryArrays(keys.connection.manager, rows(page), params);
}
