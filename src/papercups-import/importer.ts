import type { ClientBase, Pool } from 'pg';
import { countRows, hasRows, tableExists } from './databases';
import { classifyBatchSql, classifyColumns, insertBatchSql, selectBatchSql } from './batch-sql';
import { SourceRow, TableMapping } from './mapping';
import { Progress } from './progress';
import { mapRow, Mapped, SkippedIds } from './row-mapper';
import { Conflict, ConflictError, ImportReport, newReport, TableReport } from './report';
import { NOT_IMPORTED, TABLES } from './tables';
import { Writes } from './writes';

export interface ImportOptions {
  dryRun: boolean;
  batchSize: number;
  /** Batches written at once, each on its own connection. */
  jobs: number;
  progress: Progress;
}

type Ok = { id: string | number; values: unknown[] };
type Verdict = 'new' | 'present' | Conflict;

const isOk = (m: Mapped): m is Ok => 'values' in m;
const MAX_CONFLICTS = 50;

/**
 * Copies a Papercups database into this server's, table by table in dependency order. The source is read in
 * one REPEATABLE READ snapshot, in keyset batches of `batchSize`; each batch is written in its own
 * transaction with ON CONFLICT DO NOTHING (`jobs` of them at once), so an interrupted run leaves whole batches
 * behind and running it again inserts only what is missing (a second complete run changes nothing). A table
 * is complete before the next one starts. Before the first write, every
 * table whose target already has rows is checked: an id held by a different row, or an email / tag name /
 * API key / primary inbox taken by someone else's row, is a conflict and nothing is written.
 */
export class PapercupsImporter {
  private readonly report: ImportReport;
  private skipped: SkippedIds = new Map();

  constructor(
    private readonly source: ClientBase,
    private readonly target: Pool,
    private readonly options: ImportOptions,
    private readonly tables: TableMapping[] = TABLES,
  ) {
    this.report = newReport(options.dryRun, tables);
  }

  async run(): Promise<ImportReport> {
    const started = Date.now();
    await this.source.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      await this.countSource();
      // The check pass: the whole report for a dry run, the conflict check before a real one.
      await this.pass('check');
      if (this.report.conflicts.length) {
        if (this.options.dryRun) return this.finish(started);
        throw new ConflictError(this.report.conflicts);
      }
      if (!this.options.dryRun) {
        this.skipped = new Map();
        this.report.skipped = [];
        this.report.notes = [];
        for (const table of this.report.tables)
          Object.assign(table, { skipped: 0, imported: 0, present: 0, adjusted: 0 });
        await this.pass('write');
      }
      return this.finish(started);
    } finally {
      await this.source.query('ROLLBACK').catch(() => undefined);
    }
  }

  private finish(started: number): ImportReport {
    this.report.elapsedMs = Date.now() - started;
    return this.report;
  }

  private async countSource(): Promise<void> {
    for (const table of this.report.tables) table.source = await countRows(this.source, table.table);
    for (const entry of NOT_IMPORTED) {
      const rows = (await tableExists(this.source, entry.table)) ? await countRows(this.source, entry.table) : 0;
      this.report.notImported.push({ ...entry, rows });
    }
  }

  private async pass(mode: 'check' | 'write'): Promise<void> {
    for (const [index, mapping] of this.tables.entries()) {
      const table = this.report.tables[index];
      const targetRows =
        (await tableExists(this.target, mapping.target)) && (await hasRows(this.target, mapping.target));
      // A check of an empty target can find nothing: the write pass alone reads the table then.
      if (mode === 'check' && !targetRows && !this.options.dryRun) continue;
      const started = Date.now();
      const label = `${mode === 'check' && !this.options.dryRun ? 'checking ' : ''}${mapping.source}`;
      this.options.progress.start(label, table.source);
      let done = 0;
      const writes = new Writes(this.options.jobs);
      const note = this.noter(mapping, table);
      for await (const rows of this.batches(mapping)) {
        const mapped = rows.map((row) => mapRow(mapping, row, this.skipped, note));
        this.recordSkips(mapping, table, mapped);
        const ok = mapped.filter(isOk);
        if (mode === 'write') {
          if (!(await writes.add(() => this.write(mapping, table, ok)))) break;
        } else {
          this.tally(table, ok, targetRows ? await this.classify(mapping, ok) : ok.map(() => 'new'));
        }
        done += rows.length;
        this.options.progress.tick(done);
        if (this.report.conflicts.length >= MAX_CONFLICTS) break;
      }
      await writes.settle();
      this.options.progress.end();
      if (mode === 'write') await this.target.query(`ANALYZE "${mapping.target}"`);
      if (mode === 'write' || this.options.dryRun) table.elapsedMs = Date.now() - started;
    }
  }

  /** Keyset pages, the next one read while the current one is written. */
  private async *batches(mapping: TableMapping): AsyncGenerator<SourceRow[]> {
    const read = (after: unknown) =>
      this.source
        .query<SourceRow>(selectBatchSql(mapping, after === undefined), [
          ...(after === undefined ? [] : [after]),
          this.options.batchSize,
        ])
        .then((r) => r.rows);
    let next = read(undefined);
    for (;;) {
      const rows = await next;
      if (!rows.length) return;
      next = rows.length < this.options.batchSize ? Promise.resolve([]) : read(rows[rows.length - 1].id);
      yield rows;
    }
  }

  private noter(mapping: TableMapping, table: TableReport) {
    return (column: string, reason: string, id: string | number) => {
      const key = `${mapping.target}.${column}: ${reason}`;
      let entry = this.report.notes.find((n) => n.key === key);
      if (!entry) this.report.notes.push((entry = { key, table: mapping.target, column, reason, count: 0, ids: [] }));
      entry.count++;
      if (entry.ids.length < 5) entry.ids.push(id);
      table.adjusted++;
    };
  }

  private recordSkips(mapping: TableMapping, table: TableReport, mapped: Mapped[]): void {
    let set = this.skipped.get(mapping.source);
    if (!set) this.skipped.set(mapping.source, (set = new Set()));
    for (const m of mapped) {
      if (isOk(m)) continue;
      set.add(m.id);
      table.skipped++;
      this.report.skipped.push({ table: mapping.source, id: m.id, reason: m.skip });
    }
  }

  private tally(table: TableReport, ok: Ok[], verdicts: Verdict[]): void {
    for (const verdict of verdicts) {
      if (verdict === 'new') table.imported++;
      else if (verdict === 'present') table.present++;
      else this.report.conflicts.push(verdict);
    }
  }

  /** One transaction: insert what is missing, then make sure every row not inserted is this row, already there. */
  private async write(mapping: TableMapping, table: TableReport, ok: Ok[]): Promise<void> {
    if (!ok.length) return;
    const columns = mapping.columns.map((_, i) => ok.map((row) => row.values[i]));
    const client = await this.target.connect();
    try {
      await client.query('BEGIN');
      const inserted = await client.query<{ id: string | number }>(insertBatchSql(mapping), columns);
      const ids = new Set(inserted.rows.map((r) => String(r.id)));
      const rest = ok.filter((row) => !ids.has(String(row.id)));
      const verdicts = rest.length ? await this.classify(mapping, rest, client) : [];
      const conflicts = verdicts.filter((v): v is Conflict => typeof v === 'object');
      if (conflicts.length) throw new ConflictError(conflicts, true);
      if (mapping.sequence) await this.advanceSequence(client, mapping.target, mapping.sequence);
      await client.query('COMMIT');
      table.imported += ids.size;
      table.present += rest.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (error instanceof ConflictError) throw error;
      throw new Error(
        `${mapping.source}: the batch starting at id ${ok[0].id} failed (${(error as Error).message}). ` +
          'The batches written before it are committed; run the same command again to resume.',
        { cause: error },
      );
    } finally {
      client.release();
    }
  }

  private async classify(
    mapping: TableMapping,
    rows: Ok[],
    client: ClientBase | Pool = this.target,
  ): Promise<Verdict[]> {
    const columns = classifyColumns(mapping);
    const result = await client.query(
      classifyBatchSql(mapping),
      columns.map((c) => rows.map((row) => row.values[c.index])),
    );
    return result.rows.map((r: Record<string, unknown>): Verdict => {
      const row = rows[Number(r.n) - 1];
      const id = row.id;
      if (r.id_taken) {
        if (r.same_row) return 'present';
        const theirs = mapping.identity.map((c) => `${c} ${format(r[`t_${c}`])}`).join(', ');
        const ours = mapping.identity
          .map((c) => `${c} ${format(row.values[index(mapping, c)], kindOf(mapping, c))}`)
          .join(', ');
        return {
          table: mapping.target,
          id,
          message: `${mapping.target}: id ${id} is a different row in the target (${theirs}; Papercups: ${ours})`,
        };
      }
      for (const [i, key] of (mapping.unique ?? []).entries()) {
        const other = r[`u${i}`];
        if (other == null) continue;
        if (key.meansPresent) return 'present';
        const values = key.columns.map((c) => format(row.values[index(mapping, c)], kindOf(mapping, c))).join(', ');
        return {
          table: mapping.target,
          id,
          message: `${mapping.target}: the ${key.label} ${values} of Papercups row ${id} is taken by row ${other} in the target`,
        };
      }
      return 'new';
    });
  }

  /** The sequence behind `column` never hands out an imported id (nor goes back below one it handed out). */
  private async advanceSequence(client: ClientBase, table: string, column: string): Promise<void> {
    const [{ seq }] = (await client.query('SELECT pg_get_serial_sequence($1, $2) AS seq', [table, column])).rows;
    await client.query(
      `SELECT setval($1::regclass, GREATEST((SELECT coalesce(max("${column}"), 1) FROM "${table}"),
         (SELECT last_value FROM ${seq})))`,
      [seq],
    );
  }
}

const index = (mapping: TableMapping, column: string) => mapping.columns.findIndex((c) => c.name === column);
const kindOf = (mapping: TableMapping, column: string) => mapping.columns[index(mapping, column)].kind;
/** Both sides' timestamps in one notation: the target's Date, the source's naive UTC string. */
const format = (value: unknown, kind?: string) =>
  value instanceof Date
    ? value.toISOString()
    : kind === 'timestamp' && typeof value === 'string'
      ? `${value.replace(' ', 'T')}Z`
      : JSON.stringify(value);
