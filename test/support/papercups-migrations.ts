import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The schema Papercups' Ecto migrations produce, derived by reading them: each migration's `change`/`up`
 * (never `down`) is parsed for `create table`, `alter table` (add / modify / remove), `timestamps`,
 * `create [unique_]index`, `drop[_if_exists]` and `drop constraint`, and ecto_sql 3.4.5's PostgreSQL rules
 * (lib/ecto/adapters/postgres/connection.ex) give each column's type, nullability and default as
 * PostgreSQL's format_type()/pg_get_expr() print them. Anything else in a migration body that is not data
 * (execute, Repo calls) makes it throw, so a construct it does not understand cannot be skipped silently.
 */

export interface ColumnShape {
  type: string;
  nullable: boolean;
  default: string | null;
}
export interface ForeignKeyShape {
  table: string;
  column: string;
  references: string;
  onDelete: 'CASCADE' | 'SET NULL' | 'RESTRICT' | 'NO ACTION';
}
export interface IndexShape {
  table: string;
  columns: string[];
  unique: boolean;
}
export interface SchemaShape {
  migrations: string[];
  tables: Record<string, Record<string, ColumnShape>>;
  foreignKeys: Record<string, ForeignKeyShape>;
  indexes: Record<string, IndexShape>;
  notes: string[];
}

/** config/config.exs: `config :chat_api, ChatApi.Repo, migration_timestamps: [type: :utc_datetime_usec]`. */
const REPO_TIMESTAMPS_TYPE = 'utc_datetime_usec';

// ---- a small reader for the Elixir terms migrations use ----------------------------------------------------

type Term =
  | { atom: string }
  | { str: string }
  | { num: number }
  | { bool: boolean }
  | { nil: true }
  | { list: Term[] }
  | { tuple: Term[] }
  | { call: string; args: Term[] }
  | { keywords: Record<string, Term> };

class Reader {
  private i = 0;
  constructor(private readonly s: string) {}

  private ws() {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }
  private peek() {
    this.ws();
    return this.s[this.i];
  }
  private expect(ch: string) {
    if (this.peek() !== ch) throw new Error(`expected ${ch} at ${this.i} in ${this.s}`);
    this.i++;
  }
  done() {
    this.ws();
    return this.i >= this.s.length;
  }

  /** Comma-separated arguments; trailing `key: value` pairs become one keywords term. */
  args(close?: string): Term[] {
    const out: Term[] = [];
    let keywords: Record<string, Term> | null = null;
    while (!this.done() && this.peek() !== close) {
      const key = /^([a-z_][a-zA-Z0-9_?]*):\s/.exec(this.s.slice(this.i));
      if (key) {
        this.i += key[1].length + 1;
        keywords ??= {};
        keywords[key[1]] = this.term();
      } else {
        out.push(this.term());
      }
      if (this.peek() === ',') this.i++;
      else break;
    }
    if (keywords) out.push({ keywords });
    return out;
  }

  term(): Term {
    const ch = this.peek();
    const rest = this.s.slice(this.i);
    if (ch === ':') {
      const m = /^:([a-zA-Z_][a-zA-Z0-9_?]*)/.exec(rest)!;
      this.i += m[0].length;
      return { atom: m[1] };
    }
    if (ch === '"') {
      const m = /^"((?:[^"\\]|\\.)*)"/.exec(rest)!;
      this.i += m[0].length;
      return { str: m[1] };
    }
    if (ch === '[') {
      this.i++;
      const items = this.args(']');
      this.expect(']');
      // [key: value] is a keyword list
      return items.length === 1 && 'keywords' in items[0] ? items[0] : { list: items };
    }
    if (ch === '{') {
      this.i++;
      const items = this.args('}');
      this.expect('}');
      return { tuple: items };
    }
    const num = /^-?\d[\d_]*/.exec(rest);
    if (num) {
      this.i += num[0].length;
      return { num: Number(num[0].replace(/_/g, '')) };
    }
    const word = /^[a-zA-Z_][a-zA-Z0-9_.?!]*/.exec(rest);
    if (word) {
      this.i += word[0].length;
      if (word[0] === 'true' || word[0] === 'false') return { bool: word[0] === 'true' };
      if (word[0] === 'nil') return { nil: true };
      if (this.peek() === '(') {
        this.i++;
        const args = this.args(')');
        this.expect(')');
        return { call: word[0], args };
      }
      return { call: word[0], args: [] };
    }
    throw new Error(`cannot read a term at "${rest.slice(0, 40)}"`);
  }
}

const readArgs = (text: string): Term[] => {
  const reader = new Reader(text);
  const args = reader.args();
  if (!reader.done()) throw new Error(`unread input in ${text}`);
  return args;
};
const name = (t: Term | undefined): string => {
  if (t && 'atom' in t) return t.atom;
  if (t && 'str' in t) return t.str;
  throw new Error(`expected a name, got ${JSON.stringify(t)}`);
};
const options = (args: Term[]): Record<string, Term> => {
  const last = args[args.length - 1];
  return last && 'keywords' in last ? last.keywords : {};
};

// ---- ecto_sql 3.4.5's PostgreSQL rules ----------------------------------------------------------------------

const SIMPLE_TYPES: Record<string, string> = {
  string: 'character varying(255)',
  text: 'text',
  boolean: 'boolean',
  integer: 'integer',
  bigint: 'bigint',
  date: 'date',
  map: 'jsonb',
  binary_id: 'uuid',
  uuid: 'uuid',
  id: 'integer',
  serial: 'integer',
  bigserial: 'bigint',
  binary: 'bytea',
  bytea: 'bytea',
  utc_datetime: 'timestamp(0) without time zone',
  naive_datetime: 'timestamp(0) without time zone',
  utc_datetime_usec: 'timestamp without time zone',
  naive_datetime_usec: 'timestamp without time zone',
};

function columnType(type: Term, opts: Record<string, Term>): string {
  if ('tuple' in type && name(type.tuple[0]) === 'array') return `${columnType(type.tuple[1], {})}[]`;
  const atom = name(type);
  const size = opts.size && 'num' in opts.size ? opts.size.num : undefined;
  if (atom === 'string' && size) return `character varying(${size})`;
  const pg = SIMPLE_TYPES[atom];
  if (!pg) throw new Error(`unknown column type :${atom}`);
  return pg;
}

interface Reference {
  table: string;
  type: Term;
  onDelete: ForeignKeyShape['onDelete'];
  name?: string;
}

function reference(term: Term): Reference | null {
  if (!('call' in term) || term.call !== 'references') return null;
  const opts = options(term.args);
  const onDelete = opts.on_delete ? name(opts.on_delete) : 'nothing';
  return {
    table: name(term.args[0]),
    // Reference's struct fields only: `null:` given here is dropped, as struct/2 does.
    type: opts.type ?? { atom: 'bigserial' },
    onDelete:
      ({ delete_all: 'CASCADE', nilify_all: 'SET NULL', restrict: 'RESTRICT' } as const)[onDelete] ?? 'NO ACTION',
    name: opts.name ? name(opts.name) : undefined,
  };
}

/** reference_column_type/2: serial -> integer, bigserial -> bigint, otherwise the type itself. */
const referenceColumnType = (ref: Reference) => columnType(ref.type, {});

function defaultExpr(value: Term, pgType: string): string | null {
  if ('nil' in value) return null;
  if ('bool' in value) return String(value.bool);
  if ('num' in value) return String(value.num);
  // pg_get_expr() prints the cast without the length: 'open'::character varying
  if ('str' in value) return `'${value.str.replace(/'/g, "''")}'::${pgType.replace(/\(\d+\)$/, '')}`;
  if ('list' in value && value.list.length === 0) return `ARRAY[]::${pgType}`;
  throw new Error(`unsupported default ${JSON.stringify(value)}`);
}

// ---- applying migrations ----------------------------------------------------------------------------------

class Schema {
  readonly shape: SchemaShape = { migrations: [], tables: {}, foreignKeys: {}, indexes: {}, notes: [] };

  private table(t: string) {
    const table = this.shape.tables[t];
    if (!table) throw new Error(`table ${t} does not exist`);
    return table;
  }

  createTable(t: string, opts: Record<string, Term>) {
    if (this.shape.tables[t]) throw new Error(`table ${t} exists`);
    this.shape.tables[t] = {};
    if (!(opts.primary_key && 'bool' in opts.primary_key && !opts.primary_key.bool)) {
      this.shape.tables[t].id = { type: 'bigint', nullable: false, default: `nextval('${t}_id_seq'::regclass)` };
      this.shape.indexes[`${t}_pkey`] = { table: t, columns: ['id'], unique: true };
    }
  }

  add(t: string, column: string, type: Term, opts: Record<string, Term>) {
    const table = this.table(t);
    if (table[column]) throw new Error(`${t}.${column} exists`);
    const ref = reference(type);
    const pgType = ref ? referenceColumnType(ref) : columnType(type, opts);
    const primary = opts.primary_key && 'bool' in opts.primary_key && opts.primary_key.bool;
    const notNull = primary || (opts.null && 'bool' in opts.null && !opts.null.bool);
    const isSerial = !ref && 'atom' in type && (type.atom === 'serial' || type.atom === 'bigserial');
    table[column] = {
      type: pgType,
      nullable: !notNull,
      default: isSerial
        ? `nextval('${t}_${column}_seq'::regclass)`
        : opts.default
          ? defaultExpr(opts.default, pgType)
          : null,
    };
    if (primary) this.shape.indexes[`${t}_pkey`] = { table: t, columns: [column], unique: true };
    if (ref) this.addForeignKey(t, column, ref);
  }

  modify(t: string, column: string, type: Term, opts: Record<string, Term>) {
    const existing = this.table(t)[column];
    if (!existing) throw new Error(`${t}.${column} does not exist`);
    const ref = reference(type);
    existing.type = ref ? referenceColumnType(ref) : columnType(type, opts);
    if (opts.null && 'bool' in opts.null) existing.nullable = opts.null.bool;
    if (opts.default) existing.default = defaultExpr(opts.default, existing.type);
    if (ref) this.addForeignKey(t, column, ref);
  }

  remove(t: string, column: string) {
    delete this.table(t)[column];
    for (const [key, fk] of Object.entries(this.shape.foreignKeys)) {
      if (fk.table === t && fk.column === column) delete this.shape.foreignKeys[key];
    }
    for (const [key, index] of Object.entries(this.shape.indexes)) {
      if (index.table === t && index.columns.includes(column)) delete this.shape.indexes[key];
    }
  }

  timestamps(t: string, opts: Record<string, Term>) {
    const type = opts.type ?? { atom: REPO_TIMESTAMPS_TYPE };
    const nullable = opts.null && 'bool' in opts.null ? opts.null.bool : false;
    for (const column of ['inserted_at', 'updated_at']) {
      this.add(t, column, type, nullable ? {} : { null: { bool: false } });
    }
  }

  private addForeignKey(t: string, column: string, ref: Reference) {
    const key = ref.name ?? `${t}_${column}_fkey`;
    if (this.shape.foreignKeys[key]) throw new Error(`constraint ${key} exists`);
    this.shape.foreignKeys[key] = { table: t, column, references: ref.table, onDelete: ref.onDelete };
  }

  dropConstraint(t: string, constraint: string) {
    const fk = this.shape.foreignKeys[constraint];
    if (!fk || fk.table !== t) throw new Error(`constraint ${constraint} on ${t} does not exist`);
    delete this.shape.foreignKeys[constraint];
  }

  index(args: Term[], unique: boolean, create: boolean, ifExists = false) {
    const t = name(args[0]);
    const columns = 'list' in args[1] ? args[1].list.map(name) : [name(args[1])];
    const opts = options(args);
    const indexName = opts.name ? name(opts.name) : `${t}_${columns.join('_')}_index`;
    if (create) {
      if (this.shape.indexes[indexName]) throw new Error(`index ${indexName} exists`);
      this.table(t);
      this.shape.indexes[indexName] = {
        table: t,
        columns,
        unique: unique || Boolean(opts.unique && 'bool' in opts.unique && opts.unique.bool),
      };
    } else {
      if (!this.shape.indexes[indexName] && !ifExists) throw new Error(`index ${indexName} does not exist`);
      delete this.shape.indexes[indexName];
    }
  }
}

/** The statements of a migration's change/up, one per entry: multi-line calls joined, comments and heredocs gone. */
function statements(source: string): string[] {
  const text = source.replace(/"""[\s\S]*?"""/g, '""').replace(/#.*$/gm, '');
  const start = /\n\s*def (change|up)(\(\))? do\n/.exec(text);
  if (!start) throw new Error('no change/up function');
  const body = text.slice(start.index + start[0].length);
  const next = /\n\s{2}defp? /.exec(body);
  const lines = (next ? body.slice(0, next.index) : body).split('\n');
  const out: string[] = [];
  let current = '';
  let depth = 0;
  for (const line of lines) {
    current += (current ? ' ' : '') + line.trim();
    for (const ch of line) {
      if ('([{'.includes(ch)) depth++;
      if (')]}'.includes(ch)) depth--;
    }
    if (depth === 0 && current && !current.endsWith(',')) {
      out.push(current);
      current = '';
    }
  }
  return out.concat(current ? [current] : []);
}

/** `f(args)` or `f args`: the arguments as terms. */
function callArgs(statement: string, fn: string): Term[] | null {
  const withParens = new RegExp(`^${fn}\\((.*)\\)$`).exec(statement);
  if (withParens) return readArgs(withParens[1]);
  const bare = new RegExp(`^${fn}\\s+(.*)$`).exec(statement);
  return bare ? readArgs(bare[1]) : null;
}

export function applyMigration(schema: Schema, file: string, source: string): void {
  let block: { table: string; kind: 'create' | 'alter' } | null = null;
  for (const statement of statements(source)) {
    const opening = /^(create|alter)\s*\(?\s*table\((.*)\)\)?\s+do$/.exec(statement);
    if (opening) {
      const args = readArgs(opening[2]);
      block = { table: name(args[0]), kind: opening[1] as 'create' | 'alter' };
      if (block.kind === 'create') schema.createTable(block.table, options(args));
      continue;
    }
    if (statement === 'end' || statement.startsWith('end ')) {
      block = null;
      continue;
    }
    const closing = statement.endsWith(' end') && block;
    const body = closing ? statement.slice(0, -4).trim() : statement;
    if (block && body) {
      const handled = applyColumnChange(schema, block.table, body);
      if (!handled) throw new Error(`${file}: unexpected statement in table block: ${body}`);
      if (closing) block = null;
      continue;
    }
    applyTopLevel(schema, file, statement);
  }
}

function applyColumnChange(schema: Schema, table: string, statement: string): boolean {
  for (const fn of ['add', 'modify', 'remove'] as const) {
    const args = callArgs(statement, fn);
    if (!args) continue;
    const column = name(args[0]);
    if (fn === 'add') schema.add(table, column, args[1], options(args.slice(2)));
    if (fn === 'modify') schema.modify(table, column, args[1], options(args.slice(2)));
    if (fn === 'remove') schema.remove(table, column);
    return true;
  }
  if (/^timestamps(\(.*\))?$/.test(statement)) {
    const inner = /^timestamps\((.*)\)$/.exec(statement)?.[1];
    schema.timestamps(table, inner ? options(readArgs(inner)) : {});
    return true;
  }
  return false;
}

function applyTopLevel(schema: Schema, file: string, statement: string): void {
  const unwrap = (s: string, fn: string) => /^\w+\s*\((.*)\)$/.exec(s)?.[1] ?? s.slice(fn.length).trim();
  if (/^(create|drop|drop_if_exists)\b/.test(statement)) {
    const verb = /^(create|drop_if_exists|drop)/.exec(statement)![1];
    const inner = unwrap(statement, verb);
    const [term] = readArgs(inner);
    if (!('call' in term)) throw new Error(`${file}: cannot read ${statement}`);
    if (term.call === 'index' || term.call === 'unique_index') {
      schema.index(term.args, term.call === 'unique_index', verb === 'create', verb === 'drop_if_exists');
      return;
    }
    if (term.call === 'constraint' && verb === 'drop') {
      schema.dropConstraint(name(term.args[0]), name(term.args[1]));
      return;
    }
    throw new Error(`${file}: unsupported ${statement}`);
  }
  if (statement === 'Oban.Migrations.up()') {
    schema.shape.notes.push(`${file}: Oban.Migrations.up() (the oban package's own tables)`);
    return;
  }
  // Data changes and module plumbing, no schema.
  if (/^(use|import|alias|require) /.test(statement) || /^execute\(/.test(statement)) return;
  if (/^(Conversation|Repo|Enum|Logger)\b/.test(statement) || statement.startsWith('{n, _}')) return;
  if (/^\|>/.test(statement) || /^[a-z_]+ = /.test(statement) || /^[a-z_]+\(/.test(statement)) return;
  throw new Error(`${file}: unexpected statement: ${statement}`);
}

/** The migration files of a Papercups checkout, or of a bare git mirror of it (read at HEAD). */
export function readMigrations(repo: string): { file: string; source: string }[] {
  const dir = join(repo, 'priv', 'repo', 'migrations');
  if (existsSync(dir)) {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.exs') && /^\d+_/.test(f))
      .sort()
      .map((file) => ({ file, source: readFileSync(join(dir, file), 'utf8') }));
  }
  const git = (...args: string[]) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' });
  return git('ls-tree', '--name-only', 'HEAD', 'priv/repo/migrations/')
    .split('\n')
    .filter((path) => /\/\d+_[^/]+\.exs$/.test(path))
    .sort()
    .map((path) => ({ file: path.split('/').pop()!, source: git('show', `HEAD:${path}`) }));
}

export function schemaFromMigrations(migrations: { file: string; source: string }[]): SchemaShape {
  const schema = new Schema();
  for (const { file, source } of migrations) {
    applyMigration(schema, file, source);
    schema.shape.migrations.push(file.split('_')[0]);
  }
  return schema.shape;
}

const ON_DELETE: Record<string, ForeignKeyShape['onDelete']> = {
  a: 'NO ACTION',
  c: 'CASCADE',
  n: 'SET NULL',
  r: 'RESTRICT',
};

/** The same shape read from a live database's catalog (public schema, Ecto's schema_migrations left out). */
export async function schemaOfDatabase(
  query: <T>(sql: string) => Promise<T[]>,
): Promise<Omit<SchemaShape, 'migrations' | 'notes'>> {
  const shape: Omit<SchemaShape, 'migrations' | 'notes'> = { tables: {}, foreignKeys: {}, indexes: {} };
  const skip = "c.relname <> 'schema_migrations'";
  const columns = await query<{ table: string; column: string; type: string; nullable: boolean; default: string }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
            NOT a.attnotnull AS nullable, pg_get_expr(d.adbin, d.adrelid) AS default
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND ${skip}
      ORDER BY c.relname, a.attnum`,
  );
  for (const c of columns) {
    (shape.tables[c.table] ??= {})[c.column] = { type: c.type, nullable: c.nullable, default: c.default };
  }
  const fks = await query<{ name: string; table: string; column: string; references: string; action: string }>(
    `SELECT k.conname AS name, c.relname AS table, a.attname AS column, r.relname AS references, k.confdeltype AS action
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
       JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND k.contype = 'f'`,
  );
  for (const fk of fks) {
    shape.foreignKeys[fk.name] = {
      table: fk.table,
      column: fk.column,
      references: fk.references,
      onDelete: ON_DELETE[fk.action],
    };
  }
  const indexes = await query<{ name: string; table: string; columns: string[]; unique: boolean }>(
    `SELECT i.relname AS name, c.relname AS table, x.indisunique AS unique,
            array(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(attnum, n)
                  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum ORDER BY k.n)::text[] AS columns
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND ${skip}`,
  );
  for (const index of indexes) {
    shape.indexes[index.name] = { table: index.table, columns: index.columns, unique: index.unique };
  }
  return shape;
}
