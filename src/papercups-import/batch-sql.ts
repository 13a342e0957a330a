import { ColumnKind, KIND_SQL, TableMapping } from './mapping';

const q = (name: string) => `"${name}"`;

/** A keyset page of the source table, with each parent's id (and account) joined in for the checks. */
export function selectBatchSql(mapping: TableMapping, first: boolean): string {
  const columns = mapping.select.map((e) => (/^\w+$/.test(e) ? `s.${q(e)}` : e));
  const joins: string[] = [];
  for (const parent of mapping.parents) {
    columns.push(`${parent.as}.id AS ${q(`${parent.as}__id`)}`);
    if (parent.sameAccount ?? true) columns.push(`${parent.as}.account_id AS ${q(`${parent.as}__account`)}`);
    joins.push(`LEFT JOIN ${q(parent.table)} ${parent.as} ON ${parent.as}.id = s.${q(parent.column)}`);
  }
  return `SELECT ${columns.join(', ')} FROM ${q(mapping.source)} s ${joins.join(' ')}
    ${first ? '' : 'WHERE s.id > $1'} ORDER BY s.id LIMIT ${first ? '$1' : '$2'}`;
}

function unnest(names: string[], kinds: ColumnKind[]): string {
  const args = kinds.map((kind, i) => `$${i + 1}::${KIND_SQL[kind].array}`);
  return `unnest(${args.join(', ')}) AS r(${names.map(q).join(', ')})`;
}

/** Inserts a batch in one statement; an id (or another unique key) already there is left as it is. */
export function insertBatchSql(mapping: TableMapping): string {
  const names = mapping.columns.map((c) => c.name);
  const reads = mapping.columns.map((c) => KIND_SQL[c.kind].read(`r.${q(c.name)}`));
  return `INSERT INTO ${q(mapping.target)} (${names.map(q).join(', ')})
    SELECT ${reads.join(', ')} FROM ${unnest(
      names,
      mapping.columns.map((c) => c.kind),
    )}
    ON CONFLICT DO NOTHING RETURNING id`;
}

/** The columns classify needs: id, the identity columns and every unique key's columns. */
export function classifyColumns(mapping: TableMapping) {
  const wanted = new Set(['id', ...mapping.identity, ...(mapping.unique ?? []).flatMap((u) => u.columns)]);
  for (const u of mapping.unique ?? []) if (u.where) wanted.add(u.where);
  return mapping.columns.map((c, index) => ({ ...c, index })).filter((c) => wanted.has(c.name));
}

/**
 * For each row: is its id already in the target, is that the same row (identity columns equal), and which
 * row of the target holds each of its other unique keys.
 */
export function classifyBatchSql(mapping: TableMapping): string {
  const columns = classifyColumns(mapping);
  const read = (name: string) => KIND_SQL[columns.find((c) => c.name === name)!.kind].read(`r.${q(name)}`);
  const identity = mapping.identity;
  const uniques = (mapping.unique ?? []).map((u, i) => {
    const match = u.columns.map((c) => `o.${q(c)} = ${read(c)}`);
    if (u.where) match.push(`o.${q(u.where)}`, read(u.where));
    return `(SELECT o.id FROM ${q(mapping.target)} o WHERE ${match.join(' AND ')} AND o.id <> r.id LIMIT 1) AS u${i}`;
  });
  const names = columns.map((c) => c.name);
  const source = unnest(
    names,
    columns.map((c) => c.kind),
  ).replace(/ AS r\((.*)\)$/, ' WITH ORDINALITY AS r($1, n)');
  return `SELECT r.n, t.id IS NOT NULL AS id_taken,
      ROW(${identity.map((c) => `t.${q(c)}`).join(', ')}) IS NOT DISTINCT FROM ROW(${identity.map(read).join(', ')})
        AS same_row,
      ${[...identity.map((c) => `t.${q(c)} AS ${q(`t_${c}`)}`), ...uniques].join(', ')}
    FROM ${source}
    -- LATERAL with LIMIT (never pulled up into a join): one index lookup per row, never a scan of the table.
    LEFT JOIN LATERAL (SELECT * FROM ${q(mapping.target)} WHERE id = r.id LIMIT 1) t ON true
    ORDER BY r.n`;
}
