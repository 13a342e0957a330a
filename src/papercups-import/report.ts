import { TableMapping } from './mapping';
import { COLUMNS_NOT_IMPORTED } from './tables';

export interface TableReport {
  table: string;
  target: string;
  /** Rows in the Papercups table. */
  source: number;
  /** Inserted (a dry run: would be). */
  imported: number;
  /** Already in the target (an earlier run). */
  present: number;
  skipped: number;
  /** Values changed on the way (see notes). */
  adjusted: number;
  elapsedMs: number;
}

export interface Conflict {
  table: string;
  id: string | number;
  message: string;
}

export interface ImportReport {
  dryRun: boolean;
  tables: TableReport[];
  skipped: { table: string; id: string | number; reason: string }[];
  notes: { key: string; table: string; column: string; reason: string; count: number; ids: (string | number)[] }[];
  notImported: { table: string; reason: string; rows: number }[];
  columnsNotImported: Record<string, string[]>;
  conflicts: Conflict[];
  elapsedMs: number;
}

/** The target holds data that is not this import's: nothing (more) is written. */
export class ConflictError extends Error {
  /** `midway`: found while writing (a concurrent change), after earlier batches were committed. */
  constructor(
    readonly conflicts: Conflict[],
    readonly midway = false,
  ) {
    super(
      `The target database already holds conflicting data:\n${conflicts.map((c) => `  - ${c.message}`).join('\n')}`,
    );
    this.name = 'ConflictError';
  }
}

export const newReport = (dryRun: boolean, tables: TableMapping[]): ImportReport => ({
  dryRun,
  tables: tables.map((t) => ({
    table: t.source,
    target: t.target,
    source: 0,
    imported: 0,
    present: 0,
    skipped: 0,
    adjusted: 0,
    elapsedMs: 0,
  })),
  skipped: [],
  notes: [],
  notImported: [],
  columnsNotImported: COLUMNS_NOT_IMPORTED,
  conflicts: [],
  elapsedMs: 0,
});

const pad = (value: string | number, width: number, left = false) =>
  left ? String(value).padEnd(width) : String(value).padStart(width);

/** The human-readable summary: a count per table, every skipped row, every kind of adjusted value. */
export function formatReport(report: ImportReport): string {
  const lines: string[] = [];
  const verb = report.dryRun ? 'would import' : 'imported';
  lines.push(
    `${pad('table', 22, true)}${pad('papercups', 11)}${pad(verb, 14)}${pad('present', 9)}${pad('skipped', 9)}${pad('adjusted', 10)}`,
  );
  for (const t of report.tables) {
    const name = t.table === t.target ? t.table : `${t.table} -> ${t.target}`;
    lines.push(
      `${pad(name, 22, true)}${pad(t.source, 11)}${pad(t.imported, 14)}${pad(t.present, 9)}${pad(t.skipped, 9)}${pad(t.adjusted, 10)}`,
    );
  }
  if (report.conflicts.length) {
    lines.push('', `Conflicts (${report.conflicts.length}): the target already holds other data under these keys`);
    for (const c of report.conflicts) lines.push(`  ${c.message}`);
  }
  if (report.skipped.length) {
    lines.push('', `Skipped rows (${report.skipped.length}):`);
    for (const s of report.skipped) lines.push(`  ${s.table} ${s.id}: ${s.reason}`);
  }
  if (report.notes.length) {
    lines.push('', 'Adjusted values:');
    for (const n of report.notes) lines.push(`  ${n.key} (${n.count}; e.g. ${n.ids.join(', ')})`);
  }
  const unimported = report.notImported.filter((n) => n.rows > 0);
  if (unimported.length) {
    lines.push('', 'Not imported (no home in this server yet):');
    for (const n of unimported) lines.push(`  ${pad(n.table, 32, true)}${pad(n.rows, 8)} rows: ${n.reason}`);
  }
  const seconds = (report.elapsedMs / 1000).toFixed(1);
  const total = report.tables.reduce((sum, t) => sum + t.imported, 0);
  lines.push('', `${report.dryRun ? 'Dry run: nothing written' : `${total} rows imported`} in ${seconds} s.`);
  return lines.join('\n');
}
