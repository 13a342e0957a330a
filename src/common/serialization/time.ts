/** Papercups' `inserted_at`/`updated_at` (Ecto naive_datetime): "2021-02-24T17:24:37", no zone, no fraction. */
export const toNaive = (value: Date): string => value.toISOString().slice(0, 19);

/** Papercups' `:utc_datetime` fields: "2021-02-24T17:24:37Z". */
export const toUtc = (value: Date | null | undefined): string | null =>
  value ? `${value.toISOString().slice(0, 19)}Z` : null;

/** A UTC calendar date, "2021-02-24". */
export const toDate = (value: Date): string => value.toISOString().slice(0, 10);
