import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badRequest } from '../errors';
import { Page } from './page';
import { DEFAULT_LIMIT, PageQuery } from './page-query.dto';

/** Counting stops here: a filter matching millions of rows must not scan them all for `total`. */
export const TOTAL_CAP = 10_000;

export interface KeysetOrder<T> {
  /** SQL expression of the sort column, e.g. `c.last_activity_at`. */
  column: string;
  /** SQL expression of the unique tie-breaker, e.g. `c.id`. */
  idColumn: string;
  /** Reads the cursor values back from an entity. */
  read: (item: T) => [Date, string | number];
  /** The tie-breaker is an integer (users) rather than a UUID; a cursor must carry the same kind. */
  numericId?: boolean;
}

type Cursor = [string, string | number];

const encode = ([at, id]: [Date, string | number]) =>
  Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');

const validId = (id: unknown, numeric: boolean) =>
  numeric ? Number.isSafeInteger(id) : typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id);

function decode(cursor: string, param: 'after' | 'before', numericId: boolean): Cursor {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const valid =
      Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' &&
      !Number.isNaN(Date.parse(value[0])) && validId(value[1], numericId);
    if (valid) return value as Cursor;
  } catch {
    // fall through to the 400
  }
  throw badRequest('Invalid cursor', { [param]: ['is invalid'] });
}

/**
 * The one pagination helper: keyset ("seek") pages over `(column DESC, id DESC)` (UUID or integer ids), so page N costs the same
 * as page 1 and rows inserted meanwhile never shift a page. Two queries: the page and a capped count.
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  order: KeysetOrder<T>,
  page: PageQuery,
): Promise<Page<T>> {
  if (page.after && page.before) throw badRequest('Use either after or before', { before: ['is invalid'] });
  const limit = page.limit ?? DEFAULT_LIMIT;
  const countQuery = query.clone().orderBy().select('1').limit(TOTAL_CAP);
  const backwards = Boolean(page.before);
  const numeric = Boolean(order.numericId);
  const cursor = page.after
    ? decode(page.after, 'after', numeric)
    : page.before ? decode(page.before, 'before', numeric) : null;
  const rows = query.clone();
  if (cursor) {
    rows.andWhere(`(${order.column}, ${order.idColumn}) ${backwards ? '>' : '<'} (:cursorAt, :cursorId)`, {
      cursorAt: cursor[0],
      cursorId: cursor[1],
    });
  }
  const direction = backwards ? 'ASC' : 'DESC';
  rows.orderBy(order.column, direction).addOrderBy(order.idColumn, direction).limit(limit + 1);

  const [fetched, total] = await Promise.all([rows.getMany(), countRows(countQuery)]);
  const hasMore = fetched.length > limit;
  const items = fetched.slice(0, limit);
  if (backwards) items.reverse();
  const first = items[0];
  const last = items[items.length - 1];
  const next = (backwards ? last : hasMore && last) ? encode(order.read(last)) : null;
  const previous = (backwards ? hasMore && first : cursor && first) ? encode(order.read(first)) : null;
  return new Page(items, next, previous, limit, total);
}

async function countRows(query: SelectQueryBuilder<ObjectLiteral>): Promise<number> {
  const [sql, params] = query.getQueryAndParameters();
  const [{ total }] = await query.connection.query(`SELECT count(*)::int AS total FROM (${sql}) capped`, params);
  return total;
}
