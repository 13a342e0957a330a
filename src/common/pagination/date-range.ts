import { ApiPropertyOptional } from '@nestjs/swagger';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Optional, Timestamp } from '../validation/fields';
import { PageQuery, WHOLE_LIST_CEILING } from './page-query.dto';

/**
 * The list query every list shares: `limit`/`after`/`before` plus `created_after`, `created_before`,
 * `updated_after`, `updated_before` (ISO 8601 timestamps, UTC when no offset is given; a bad one is a 400).
 * Bounds are exclusive. Lists extend it and call applyDateRange() on their query builder. (This file is not
 * one the Swagger plugin reads, hence the explicit `ApiPropertyOptional`.)
 */
export class DateRangeQuery extends PageQuery {
  @ApiPropertyOptional() @Optional() @Timestamp() created_after?: Date | null;
  @ApiPropertyOptional() @Optional() @Timestamp() created_before?: Date | null;
  @ApiPropertyOptional() @Optional() @Timestamp() updated_after?: Date | null;
  @ApiPropertyOptional() @Optional() @Timestamp() updated_before?: Date | null;
}

/**
 * The query of a list that Papercups returns whole (users, messages, tags, issues, notes, companies): a client
 * that sends no `limit` (the official ones never do) gets every row up to WHOLE_LIST_CEILING, and `next` when
 * there are more. With `limit`, the usual pages.
 */
export class WholeListQuery extends DateRangeQuery {
  constructor() {
    super();
    this.limit = WHOLE_LIST_CEILING;
  }
}

const BOUNDS = [
  ['created_after', 'createdAt', '>'],
  ['created_before', 'createdAt', '<'],
  ['updated_after', 'updatedAt', '>'],
  ['updated_before', 'updatedAt', '<'],
] as const;

/** Adds the date-range conditions of `query` on `alias.createdAt` / `alias.updatedAt`. */
export function applyDateRange<T extends ObjectLiteral>(
  rows: SelectQueryBuilder<T>,
  alias: string,
  query: Pick<DateRangeQuery, (typeof BOUNDS)[number][0]>,
): SelectQueryBuilder<T> {
  for (const [param, property, operator] of BOUNDS) {
    const value = query[param];
    if (value) rows.andWhere(`${alias}.${property} ${operator} :${alias}_${param}`, { [`${alias}_${param}`]: value });
  }
  return rows;
}
