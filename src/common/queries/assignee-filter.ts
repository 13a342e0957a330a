import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { MSG } from '../validation/fields';

const ASSIGNEE = /^(|me|\d{1,15})$/;

/** `assignee_id` in a list query: `""` = unassigned, `me` = the caller, or a user id. */
export const AssigneeFilter = () =>
  applyDecorators(
    ApiPropertyOptional({ type: 'string', pattern: ASSIGNEE.source }),
    IsOptional(),
    Matches(ASSIGNEE, { message: MSG.invalid }),
  );

/** Adds the `assignee_id` condition of a list query on `column` (e.g. `c.assigneeId`). */
export function applyAssigneeFilter<T extends ObjectLiteral>(
  rows: SelectQueryBuilder<T>,
  column: string,
  assignee: string | undefined,
  callerId: number,
): SelectQueryBuilder<T> {
  if (assignee === '') rows.andWhere(`${column} IS NULL`);
  else if (assignee !== undefined) {
    rows.andWhere(`${column} = :assigneeId`, { assigneeId: assignee === 'me' ? callerId : Number(assignee) });
  }
  return rows;
}
