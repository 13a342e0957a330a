import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badRequest } from '../errors';
import { isCursorTimestamp } from '../validation/timestamp';
import { countCapped } from '../queries/count-capped';
import { Page } from './page';
import { DEFAULT_LIMIT, PageQuery } from './page-query.dto';

export interface KeysetOrder<T> {
  /** SQL expression of the sort column, e.g. `c.last_activity_at` (must not be NULL: wrap it in COALESCE). */
  column: string;
  /** SQL expression of the unique tie-breaker, e.g. `c.id`. */
  idColumn: string;
  /** Reads the cursor values back from an entity. */
  read: (item: T) => [Date | string, Id];
  /** The tie-breaker is an integer (users) rather than a UUID; a cursor must carry the same kind. */
  numericId?: boolean;
  /** Sort direction of both columns; default DESC. */
  direction?: 'ASC' | 'DESC';
  /** What the sort column holds (default a timestamp); a cursor's value is checked against it. */
  type?: 'timestamp' | 'text';
  /** Names the sort inside cursors, so a cursor only works with the sort that made it (default `column`). */
  key?: string;
}

type Id = string | number;
type Cursor = [string, Id];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Integer ids are PostgreSQL `integer`s (a larger one would fail the query, not match nothing). */
const validId = (id: unknown, numeric: boolean) =>
  numeric ? Number.isInteger(id) && Math.abs(id as number) <= 2_147_483_647 : typeof id === 'string' && UUID.test(id);
/** A cursor is only ever what encode() made: a text sort value PostgreSQL can compare, or toISOString(). */
const validValue = (value: unknown, type: KeysetOrder<never>['type']) =>
  typeof value === 'string' &&
  ((type ?? 'timestamp') === 'text' ? value.length <= 10_000 && !value.includes('\u0000') : isCursorTimestamp(value));

const keyOf = (order: KeysetOrder<never>) => order.key ?? order.column;

export function encode(order: KeysetOrder<never>, [value, id]: [Date | string, Id]): string {
  const raw = value instanceof Date ? value.toISOString() : value;
  return Buffer.from(JSON.stringify([keyOf(order), raw, id])).toString('base64url');
}

export function decode(order: KeysetOrder<never>, cursor: string, param: 'after' | 'before'): Cursor {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const valid =
      Array.isArray(value) &&
      value.length === 3 &&
      value[0] === keyOf(order) &&
      validValue(value[1], order.type) &&
      validId(value[2], Boolean(order.numericId));
    if (valid) return [value[1], value[2]];
  } catch {
    // fall through to the 400
  }
  throw badRequest('Invalid cursor', { [param]: ['is invalid'] });
}

/** How a page's rows are read from its query: TypeORM's hydration by default, or a hot read's own. */
export type FetchRows<T extends ObjectLiteral> = (rows: SelectQueryBuilder<T>) => Promise<T[]>;

/**
 * The one pagination helper: keyset ("seek") pages over `(column, id)` (DESC unless the order says ASC),
 * so page N costs the same as page 1 and rows inserted meanwhile never shift a page. Two queries: the
 * page and a capped count.
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  order: KeysetOrder<T>,
  page: PageQuery,
  fetch: FetchRows<T> = (rows) => rows.getMany(),
): Promise<Page<T>> {
  if (page.after && page.before) throw badRequest('Use either after or before', { before: ['is invalid'] });
  const limit = page.limit ?? DEFAULT_LIMIT;
  const backwards = Boolean(page.before);
  const cursor = page.after
    ? decode(order, page.after, 'after')
    : page.before
      ? decode(order, page.before, 'before')
      : null;
  const ascending = order.direction === 'ASC';
  const rows = query.clone();
  if (cursor) seek(rows, order, cursor, backwards !== ascending ? '>' : '<');
  const direction = backwards !== ascending ? 'ASC' : 'DESC';
  rows
    .orderBy(order.column, direction)
    .addOrderBy(order.idColumn, direction)
    .limit(limit + 1);

  const [fetched, total] = await Promise.all([fetch(rows), countCapped(query)]);
  const hasMore = fetched.length > limit;
  const items = fetched.slice(0, limit);
  if (backwards) items.reverse();
  const first = items[0];
  const last = items[items.length - 1];
  const next = (backwards ? last : hasMore && last) ? encode(order, order.read(last)) : null;
  const previous = (backwards ? hasMore && first : cursor && first) ? encode(order, order.read(first)) : null;
  return new Page(items, next, previous, limit, total);
}

/**
 * Every row of the query in keyset order, fetched `batchSize` at a time (for exports): memory stays
 * constant however many rows match, and each batch is an index seek.
 */
export async function* keysetBatches<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  order: KeysetOrder<T>,
  batchSize = 500,
): AsyncGenerator<T[]> {
  const direction = order.direction ?? 'DESC';
  let cursor: Cursor | null = null;
  for (;;) {
    const rows = query.clone();
    if (cursor) seek(rows, order, cursor, direction === 'ASC' ? '>' : '<');
    const batch = await rows
      .orderBy(order.column, direction)
      .addOrderBy(order.idColumn, direction)
      .limit(batchSize)
      .getMany();
    if (batch.length) yield batch;
    if (batch.length < batchSize) return;
    const [value, id] = order.read(batch[batch.length - 1]);
    cursor = [value instanceof Date ? value.toISOString() : value, id];
  }
}

function seek<T extends ObjectLiteral>(
  rows: SelectQueryBuilder<T>,
  order: KeysetOrder<T>,
  cursor: Cursor,
  operator: '<' | '>',
) {
  rows.andWhere(`(${order.column}, ${order.idColumn}) ${operator} (:cursorValue, :cursorId)`, {
    cursorValue: cursor[0],
    cursorId: cursor[1],
  });
}
