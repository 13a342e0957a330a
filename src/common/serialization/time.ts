/** Papercups' `inserted_at`/`updated_at` (Ecto naive_datetime): "2021-02-24T17:24:37", no zone, no fraction. */
export const toNaive = (value: Date): string => value.toISOString().slice(0, 19);
export const NAIVE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$';

/** Papercups' `:utc_datetime` fields: "2021-02-24T17:24:37Z". */
export function toUtc(value: Date): string;
export function toUtc(value: Date | null | undefined): string | null;
export function toUtc(value: Date | null | undefined): string | null {
  return value ? `${value.toISOString().slice(0, 19)}Z` : null;
}
export const UTC_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$';

/** A UTC calendar date, "2021-02-24". */
export const toDate = (value: Date): string => value.toISOString().slice(0, 10);
