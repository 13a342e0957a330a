import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { queryObjects } from './hot-query';

/** Counting stops here: a filter matching millions of rows must not scan them all for `total`. */
export const TOTAL_CAP = 10_000;

/** How many rows the query matches, counted up to TOTAL_CAP (its ORDER BY and selection are dropped). */
export async function countCapped(query: SelectQueryBuilder<ObjectLiteral>): Promise<number> {
  const [sql, params] = query.clone().orderBy().select('1').limit(TOTAL_CAP).getQueryAndParameters();
  const [{ total }] = await queryObjects(
    query.connection.manager,
    `SELECT count(*)::int AS total FROM (${sql}) capped`,
    params,
  );
  return total as number;
}
