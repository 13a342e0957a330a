/**
 * Hostile values for the OpenAPI-driven fuzzer (test/e2e/fuzz.e2e-spec.ts): a seeded generator that reads a
 * parameter's or property's schema and answers either a plausible value or one chosen to break a parser of
 * that type (impossible dates, out-of-range numbers, NaN, lone surrogates, NUL, wrong types, deep nesting,
 * long arrays). Deep nesting is a marker, written out textually by toJson()/toForm(), so that 10 000 levels
 * never go through a recursive serializer.
 */

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  nullable?: boolean;
  minimum?: number;
  maxLength?: number;
  example?: unknown;
};

/** mulberry32: small, fast, and the same sequence for the same seed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}
export type Rng = ReturnType<typeof rng>;

/** A value nested `depth` levels deep in arrays or objects. */
export class Deep {
  constructor(
    readonly depth: number,
    readonly kind: 'array' | 'object',
  ) {}
}

export const ODD_DATES = [
  '2021-02-31',
  '2021-02-29T00:00:00Z',
  '0000-01-01',
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00+01:00',
  '9999-12-31T23:59:59-23:59',
  '1',
  '99999',
  '-1',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '2021-02-24T17:24:37+99:00',
  '2021-02-24T24:00:00Z',
  '2021-02-24T23:59:60Z',
  '2021-13-01',
  '2021-00-00',
  '20210224',
  '2021-02-24T17:24:37.1234567890123Z',
  'NaN',
  'Infinity',
  'yesterday',
  '',
];
const NUMBERS: unknown[] = [
  -1,
  0,
  1.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  -(2 ** 63),
  1e308,
  -1e308,
  5e-324,
  '1e3',
  '0x10',
  '9'.repeat(40),
  '-9'.repeat(20),
  'NaN',
  'Infinity',
  '-0',
  ' 1',
  '1 ',
];
const STRINGS = [
  'a\u0000b',
  '\u0000',
  '\uD800',
  'x\uDC00y',
  '\uFFFE',
  '😀'.repeat(200),
  'x'.repeat(70_000),
  '%',
  '%ff',
  '%00',
  '__proto__',
  'constructor',
  "'; DROP TABLE customers; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '${7*7}',
  ' ',
  '',
  '=cmd|/C calc!A0',
  'http://127.0.0.1:1/x',
  'http://169.254.169.254/latest/meta-data',
  'http://[::ffff:127.0.0.1]/x',
  'http://[64:ff9b::a00:1]/x',
  'https://hooks.invalid/x',
  'file:///etc/passwd',
];
const IDS = [
  '00000000-0000-0000-0000-000000000000',
  '------------------------------------',
  'ffffffff-ffff-ffff-ffff-fffffffffffff',
  'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
  '-1',
  '0',
  '2147483648',
  '1e99',
  'me',
  'x'.repeat(300),
];
const WRONG_TYPES: unknown[] = [null, true, 0, -1, 'string', [], {}, [1, 2], { a: 1 }];

export class SchemaFuzzer {
  constructor(
    private readonly random: Rng,
    private readonly components: Record<string, Schema>,
  ) {}

  resolve(schema: Schema | undefined): Schema {
    let s = schema ?? {};
    for (let i = 0; i < 10 && s.$ref; i++) s = this.components[s.$ref.split('/').pop()!] ?? {};
    if (s.allOf?.length) return this.resolve(s.allOf[0]);
    if (s.oneOf?.length) return this.resolve(this.random.pick(s.oneOf));
    if (s.anyOf?.length) return this.resolve(this.random.pick(s.anyOf));
    return s;
  }

  /** A hostile structure: deep nesting (up to 10 000 levels), a long array, or a wrong type. */
  structure(): unknown {
    const r = this.random;
    return r.pick([
      () => new Deep(r.pick([33, 100, 1000, 10_000]), r.pick(['array', 'object'] as const)),
      () => Array.from({ length: r.pick([101, 1000, 5000]) }, () => r.pick(['x', 1, null, {}])),
      () => r.pick(WRONG_TYPES),
    ])();
  }

  /** A value for `schema`: plausible half the time, hostile for its type otherwise. */
  value(schema: Schema | undefined, depth = 0): unknown {
    const s = this.resolve(schema);
    const r = this.random;
    if (r.chance(0.08)) return this.structure();
    const plausible = r.chance(0.5);
    if (s.enum?.length) return plausible ? r.pick(s.enum) : r.pick([...STRINGS, ...WRONG_TYPES]);
    switch (s.type) {
      case 'string':
        if (s.format === 'date-time' || s.format === 'date') {
          return plausible
            ? r.pick(['2021-02-24', '2021-02-24T17:24:37Z', '2024-02-29T00:00:00+02:00'])
            : r.pick(ODD_DATES);
        }
        if (s.format === 'uuid') return plausible ? r.pick(IDS.slice(0, 1)) : r.pick(IDS);
        return plausible
          ? r.pick(['hello', 'Acme', 'a@example.com', 'message:created'])
          : r.pick([...STRINGS, ...NUMBERS]);
      case 'integer':
      case 'number':
        return plausible ? r.pick([1, 5, 50, 100]) : r.pick(NUMBERS);
      case 'boolean':
        return plausible ? r.pick([true, false, 'true', '0']) : r.pick(['yes', 2, 'true ', null, 'TRUE', '']);
      case 'array':
        if (!plausible) return this.structure();
        return Array.from({ length: r.int(4) }, () => this.value(s.items, depth + 1));
      case 'object':
      default:
        if (!s.properties || depth > 4) return plausible ? { a: r.pick(STRINGS) } : this.structure();
        return this.object(s, depth);
    }
  }

  object(schema: Schema, depth = 0): Record<string, unknown> {
    const s = this.resolve(schema);
    const out: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(s.properties ?? {})) {
      if ((s.required ?? []).includes(key) ? this.random.chance(0.9) : this.random.chance(0.6)) {
        out[key] = this.value(property, depth + 1);
      }
    }
    if (this.random.chance(0.1)) out[this.random.pick(['__proto__', 'constructor', 'account_id', 'id'])] = 'x';
    return out;
  }
}

/** JSON text, with Deep markers written out without recursion. */
export function toJson(value: unknown): string {
  if (value instanceof Deep) {
    return value.kind === 'array'
      ? '['.repeat(value.depth) + ']'.repeat(value.depth)
      : '{"a":'.repeat(value.depth) + '1' + '}'.repeat(value.depth);
  }
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`)
      .join(',')}}`;
  }
  // Lone surrogates stay lone (JSON.stringify escapes them as \udXXX, which JSON.parse reads back alone).
  return JSON.stringify(value) ?? 'null';
}

/** Percent-encodes every byte (lone surrogates included, which encodeURIComponent refuses). */
export const pct = (s: string) => [...Buffer.from(s)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

/** Bracket-key form/query pairs (`a[b][0]=x`), Deep markers as that many bracket levels. */
export function toForm(value: unknown, prefix = ''): string[] {
  if (value instanceof Deep) return [`${pct(prefix)}${'%5Ba%5D'.repeat(value.depth)}=1`];
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (!entries.length) return [`${pct(prefix)}=`];
    return entries.flatMap(([k, v]) => toForm(v, prefix ? `${prefix}[${k}]` : k));
  }
  const text = typeof value === 'string' ? value : value === null ? '' : String(value);
  return [`${pct(prefix)}=${pct(text)}`];
}
