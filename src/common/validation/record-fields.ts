/**
 * Base class of every object whose properties are record fields (the inside of `{"conversation": {...}}`).
 * Errors on its properties are 422 field errors; errors anywhere else (a missing or malformed wrapper,
 * query string, path id) are 400s, as in Papercups.
 */
export abstract class RecordFields {}

/**
 * Which entity property each wire field writes: every field of `F` must be listed, and only with a
 * property of `E` that can hold its (non-null) value, so a new field or a renamed column fails to compile.
 */
export type ColumnsOf<F, E> = {
  readonly [K in keyof F]-?: { [P in keyof E]-?: NonNullable<F[K]> extends E[P] ? P : never }[keyof E];
};

/** The entity properties the sent fields set; a field that was not sent (undefined) is left out. */
export function toColumns<F extends object, E>(fields: Partial<F>, columns: ColumnsOf<F, E>): Partial<E> {
  const values: Partial<Record<keyof E, unknown>> = {};
  for (const field of Object.keys(columns) as (keyof F)[]) {
    if (fields[field] !== undefined) values[columns[field]] = fields[field];
  }
  return values as Partial<E>;
}
