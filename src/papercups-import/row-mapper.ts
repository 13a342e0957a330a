import { Column, SourceRow, TableMapping } from './mapping';

export type Mapped = { id: string | number; values: unknown[] } | { id: string | number; skip: string };

/** Rows of earlier tables that were skipped in this run, by Papercups table. */
export type SkippedIds = Map<string, Set<string | number>>;

/** A changed value: the same reason (no ids in it) is counted once per table and column. */
export type NoteSink = (column: string, reason: string, id: string | number) => void;

const singular = (table: string) =>
  table.endsWith('ies') ? `${table.slice(0, -3)}y` : table.slice(0, table.endsWith('xes') ? -2 : -1);

/**
 * One source row to the target's column values, or the reason it is skipped: references first (a missing,
 * skipped or foreign parent skips the row or clears the reference), then the mapping's own rule, then each
 * column's null default, allowed values and length limit.
 */
export function mapRow(mapping: TableMapping, row: SourceRow, skipped: SkippedIds, note: NoteSink): Mapped {
  const id = row.id as string | number;
  for (const parent of mapping.parents) {
    const value = row[parent.column] as string | number | null;
    if (value == null) {
      if (parent.required) return { id, skip: `${parent.column} is null` };
      continue;
    }
    const sameAccount = parent.sameAccount ?? true;
    let problem: string | null = null;
    if (row[`${parent.as}__id`] == null) problem = `no such ${singular(parent.table)}`;
    else if (skipped.get(parent.table)?.has(value)) problem = `that ${singular(parent.table)} is skipped`;
    else if (sameAccount && mapping.account && row[`${parent.as}__account`] !== row[mapping.account]) {
      problem = `that ${singular(parent.table)} belongs to another account`;
    }
    if (!problem) continue;
    if (parent.ifInvalid === 'skip') return { id, skip: `${parent.column} ${value}: ${problem}` };
    row[parent.column] = null;
    note(parent.column, `cleared: ${problem}`, id);
  }
  const reason = mapping.skipIf?.(row);
  if (reason) return { id, skip: reason };
  return { id, values: mapping.columns.map((column) => columnValue(column, row, (r) => note(column.name, r, id))) };
}

function columnValue(column: Column, row: SourceRow, note: (reason: string) => void): unknown {
  let value = column.value ? column.value(row, note) : row[column.from ?? column.name];
  const fallback = column.ifNull ?? null;
  if (value == null) return fallback;
  if (column.oneOf && !column.oneOf.includes(value as string)) {
    note(`"${String(value)}" is not one of ${column.oneOf.join(', ')}: set to ${JSON.stringify(fallback)}`);
    value = fallback;
  }
  if (column.maxLength && typeof value === 'string' && value.length > column.maxLength) {
    note(`longer than ${column.maxLength} characters: set to ${JSON.stringify(fallback)}`);
    value = fallback;
  }
  return value;
}
