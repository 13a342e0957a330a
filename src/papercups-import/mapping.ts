/**
 * How one Papercups table becomes one table of this server. The engine (importer.ts) reads the source in
 * keyset batches, checks every reference against the rows already imported, applies the column rules below
 * and writes each batch with one `INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING`. A new table is one
 * more TableMapping in tables.ts.
 */

/** How a value travels: the unnest() array type and the expression that turns it into the target column. */
export type ColumnKind = 'uuid' | 'bigint' | 'integer' | 'boolean' | 'text' | 'date' | 'jsonb' | 'timestamp' | 'text[]';

/** A source row: columns by name; timestamps, dates and JSON stay the strings PostgreSQL printed. */
export type SourceRow = Record<string, unknown>;

/** Records that a value was changed on the way (reported with a count and example ids). */
export type Note = (reason: string) => void;

export interface Column {
  /** The target column. */
  name: string;
  kind: ColumnKind;
  /** The source column (default: the same name). */
  from?: string;
  /** A computed value instead of `from`. */
  value?: (row: SourceRow, note: Note) => unknown;
  /** Papercups' schema default, used silently when the source value is null. */
  ifNull?: unknown;
  /** Values this server accepts; anything else becomes `ifNull` (or null) and is reported. */
  oneOf?: readonly string[];
  /** The target's length limit; a longer value becomes `ifNull` (or null) and is reported. */
  maxLength?: number;
}

/** A reference to a row of another Papercups table that is imported earlier. */
export interface ParentRef {
  /** The source column holding the reference. */
  column: string;
  /** The Papercups table it points to. */
  table: string;
  /** Join alias, usable in `select`. */
  as: string;
  /** What happens when it points nowhere, at a skipped row or into another account: skip the row, or set null. */
  ifInvalid: 'skip' | 'clear';
  /** A null reference skips the row. */
  required?: boolean;
  /** The parent must belong to the row's account (default true; false for parents without account_id). */
  sameAccount?: boolean;
}

/** Another unique key of the target table (besides `id`). */
export interface UniqueKey {
  columns: string[];
  /** Partial index condition, in terms of the target table's columns (e.g. `is_primary`). */
  where?: string;
  /**
   * true: a row already holding this key is this row imported before (a profile per user, a tag per
   * conversation), so the source row counts as present; false: it is someone else's data, a conflict.
   */
  meansPresent: boolean;
  /** How the key is named in a conflict message. */
  label: string;
}

export interface TableMapping {
  /** The Papercups table. */
  source: string;
  /** This server's table. */
  target: string;
  /** Type of the source (and target) `id`, the keyset order of the batches. */
  idKind: 'uuid' | 'bigint';
  /** Source columns read (of alias `s`), plus extra expressions over the parents' aliases. */
  select: string[];
  /** The source column naming the row's account (null for accounts themselves). */
  account: string | null;
  parents: ParentRef[];
  columns: Column[];
  /** A reason to skip the row that no column rule covers (e.g. an API key without a value). */
  skipIf?: (row: SourceRow) => string | null;
  /** Target columns that must match when the id already exists there (else: a different row, a conflict). */
  identity: string[];
  unique?: UniqueKey[];
  /** A column of the target backed by a sequence, moved past the imported maximum. */
  sequence?: string;
}

/** A table of Papercups' schema that has no home in this server yet, and why. */
export interface NotImported {
  table: string;
  reason: string;
}

/** `{a,"b c"}`: a PostgreSQL array literal (unnest() cannot carry arrays of arrays of different lengths). */
export const arrayLiteral = (values: string[]) =>
  `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

/** The array element type each kind travels as, and the expression reading it back (`r.<col>`). */
export const KIND_SQL: Record<ColumnKind, { array: string; read: (col: string) => string }> = {
  uuid: { array: 'uuid[]', read: (c) => c },
  bigint: { array: 'int8[]', read: (c) => c },
  integer: { array: 'int4[]', read: (c) => c },
  boolean: { array: 'bool[]', read: (c) => c },
  text: { array: 'text[]', read: (c) => c },
  date: { array: 'date[]', read: (c) => c },
  jsonb: { array: 'text[]', read: (c) => `${c}::jsonb` },
  // Papercups' timestamps are naive UTC; truncating (not rounding) to the target's milliseconds never moves
  // a value into the next second (Ecto wrote whole seconds, so nothing is lost in practice).
  timestamp: { array: 'timestamp[]', read: (c) => `(date_trunc('milliseconds', ${c}) AT TIME ZONE 'UTC')` },
  'text[]': { array: 'text[]', read: (c) => `${c}::text[]` },
};
