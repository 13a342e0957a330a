import { scryptSync } from 'node:crypto';
import { hashPassword, needsRehash, verifyPassword } from '../../src/auth/password';
import { arrayLiteral, TableMapping } from '../../src/papercups-import/mapping';
import { parseOptions, UsageError } from '../../src/papercups-import/options';
import { streamProgress } from '../../src/papercups-import/progress';
import { mapRow } from '../../src/papercups-import/row-mapper';

const hex64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');

/**
 * Pow's format (Pow.Ecto.Schema.Password.encode/4, pow 1.0.20 as locked by Papercups):
 * `$pbkdf2-<digest>$<iterations>$<Base.encode64(salt)>$<Base.encode64(hash)>`. The hashes are the published
 * PBKDF2 test vectors (RFC 6070's inputs; the SHA-512 and SHA-256 outputs as widely reproduced), so the
 * verifier is checked against values this code did not produce.
 */
const POW_VECTORS = [
  // PBKDF2-HMAC-SHA512("password", "salt", 1, 64)
  {
    password: 'password',
    hash: `$pbkdf2-sha512$1$${Buffer.from('salt').toString('base64')}$${hex64(
      '867f70cf1ade02cff3752599a3a53dc4af34c7a669815ae5d513554e1c8cf252c02d470a285a0501bad999bfe943c08f050235d7d68b1da55e63f73b60a57fce',
    )}`,
  },
  // PBKDF2-HMAC-SHA512("passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 64)
  {
    password: 'passwordPASSWORDpassword',
    hash: `$pbkdf2-sha512$4096$${Buffer.from('saltSALTsaltSALTsaltSALTsaltSALTsalt').toString('base64')}$${hex64(
      '8c0511f4c6e597c6ac6315d8f0362e225f3c501495ba23b868c005174dc4ee71115b59f9e60cd9532fa33e0f75aefe30225c583a186cd82bd4daea9724a3d3b8',
    )}`,
  },
  // PBKDF2-HMAC-SHA256("password", "salt", 1, 32): Pow's `digest: :sha256` option
  {
    password: 'password',
    hash: `$pbkdf2-sha256$1$c2FsdA==$${hex64('120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b')}`,
  },
];

describe('password hashes (Papercups / Pow and this server)', () => {
  it.each(POW_VECTORS)('verifies the Pow PBKDF2 vector %#', async ({ password, hash }) => {
    expect(await verifyPassword(password, hash)).toBe(true);
    expect(await verifyPassword(`${password}!`, hash)).toBe(false);
    expect(needsRehash(hash)).toBe(true);
  });

  it('rejects malformed or unreasonable hashes without throwing', async () => {
    const [{ hash }] = POW_VECTORS;
    const parts = hash.split('$');
    for (const bad of [
      '',
      '!',
      '$pbkdf2-sha512$1$c2FsdA==',
      parts.map((p, i) => (i === 2 ? '0' : p)).join('$'),
      parts.map((p, i) => (i === 2 ? '99999999999' : p)).join('$'),
      parts.map((p, i) => (i === 2 ? '1e3' : p)).join('$'),
      parts.map((p, i) => (i === 1 ? 'pbkdf2-md5' : p)).join('$'),
      parts.map((p, i) => (i === 3 ? 'not base64!' : p)).join('$'),
      '$2b$12$abcdefghijklmnopqrstuuWl9Oa3jJ2D8uYy8CzK2bXcQHgRkcDvW', // bcrypt: not a scheme Papercups used
    ]) {
      expect([bad, await verifyPassword('password', bad)]).toEqual([bad, false]);
    }
  });

  it("keeps this server's scrypt hashes current, and asks for a rehash when the parameters change", async () => {
    const current = await hashPassword('s3cret password');
    expect(current).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{86}==$/);
    expect(await verifyPassword('s3cret password', current)).toBe(true);
    expect(needsRehash(current)).toBe(false);
    // A hash made at another cost (what issue 11's raise of N leaves behind) still verifies, and is rehashed.
    const salt = Buffer.alloc(16, 7);
    const key = scryptSync('s3cret password', salt, 64, { N: 1024, r: 8, p: 1 });
    const cheaper = ['scrypt', 1024, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
    expect(await verifyPassword('s3cret password', cheaper)).toBe(true);
    expect(await verifyPassword('another password', cheaper)).toBe(false);
    expect(needsRehash(cheaper)).toBe(true);
    expect(needsRehash('garbage')).toBe(true);
  });
});

describe('import:papercups options', () => {
  const from = 'postgres://u@papercups.internal/papercups';

  it('parses the documented flags', () => {
    expect(parseOptions(['--from', from, '--dry-run', '--batch-size=500', '--json'], {})).toEqual({
      from,
      to: undefined,
      dryRun: true,
      batchSize: 500,
      jobs: 2,
      json: true,
    });
    expect(parseOptions(['--from', from, '--jobs', '4'], {})).toEqual(expect.objectContaining({ jobs: 4 }));
    expect(parseOptions(['--to', 'postgresql://x/y'], { PAPERCUPS_DATABASE_URL: from })).toEqual(
      expect.objectContaining({ from, to: 'postgresql://x/y', dryRun: false, batchSize: 2000 }),
    );
    expect(parseOptions(['--help'], {})).toBeNull();
  });

  it.each([
    [[], '--from <postgres url of the Papercups database> is required'],
    [['--from'], '--from needs a value'],
    [['--from', 'mysql://x'], '--from must be a postgres:// or postgresql:// URL'],
    [['--from', from, '--to', 'x'], '--to must be a postgres:// or postgresql:// URL'],
    [['--from', from, '--batch-size', '0'], '--batch-size must be 1..50000, got "0"'],
    [['--from', from, '--batch-size', '1e3'], '--batch-size must be 1..50000, got "1e3"'],
    [['--from', from, '--jobs', '17'], '--jobs must be 1..16, got "17"'],
    [['--from', from, '--force'], 'unknown argument "--force"'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseOptions(argv as string[], {})).toThrow(new UsageError(message));
  });
});

describe('mapping one row', () => {
  const mapping: TableMapping = {
    source: 'things',
    target: 'things',
    idKind: 'uuid',
    select: [],
    account: 'account_id',
    parents: [
      { column: 'owner_id', table: 'users', as: 'u', ifInvalid: 'skip', required: true },
      { column: 'company_id', table: 'companies', as: 'co', ifInvalid: 'clear' },
    ],
    columns: [
      { name: 'id', kind: 'uuid' },
      { name: 'company_id', kind: 'uuid' },
      { name: 'status', kind: 'text', ifNull: 'open', oneOf: ['open', 'closed'] },
      { name: 'color', kind: 'text', maxLength: 4 },
    ],
    identity: ['created_at'],
  };
  const row = (fields: Record<string, unknown>) => ({
    id: 't1',
    account_id: 'A',
    owner_id: 1,
    u__id: 1,
    u__account: 'A',
    company_id: 'c1',
    co__id: 'c1',
    co__account: 'A',
    status: 'closed',
    color: 'red',
    ...fields,
  });
  const run = (fields: Record<string, unknown>, skipped = new Map<string, Set<string | number>>()) => {
    const notes: string[] = [];
    const mapped = mapRow(mapping, row(fields), skipped, (column, reason) => notes.push(`${column}: ${reason}`));
    return { mapped, notes };
  };

  it('keeps a valid row as it is', () => {
    expect(run({})).toEqual({ mapped: { id: 't1', values: ['t1', 'c1', 'closed', 'red'] }, notes: [] });
  });

  it('skips a row whose required parent is missing, skipped or in another account', () => {
    expect(run({ owner_id: null }).mapped).toEqual({ id: 't1', skip: 'owner_id is null' });
    expect(run({ u__id: null }).mapped).toEqual({ id: 't1', skip: 'owner_id 1: no such user' });
    expect(run({}, new Map([['users', new Set([1])]])).mapped).toEqual({
      id: 't1',
      skip: 'owner_id 1: that user is skipped',
    });
    expect(run({ u__account: 'B' }).mapped).toEqual({
      id: 't1',
      skip: 'owner_id 1: that user belongs to another account',
    });
  });

  it('clears an optional reference instead, and says so', () => {
    expect(run({ co__account: 'B' })).toEqual({
      mapped: { id: 't1', values: ['t1', null, 'closed', 'red'] },
      notes: ['company_id: cleared: that company belongs to another account'],
    });
  });

  it("applies Papercups' default to null, and replaces values this server cannot hold", () => {
    expect(run({ status: null }).mapped).toEqual({ id: 't1', values: ['t1', 'c1', 'open', 'red'] });
    expect(run({ status: 'pending', color: 'crimson' })).toEqual({
      mapped: { id: 't1', values: ['t1', 'c1', 'open', null] },
      notes: [
        'status: "pending" is not one of open, closed: set to "open"',
        'color: longer than 4 characters: set to null',
      ],
    });
  });

  it('writes array values as PostgreSQL array literals', () => {
    expect(arrayLiteral(['a', 'b c', 'say "hi"', 'back\\slash'])).toBe('{"a","b c","say \\"hi\\"","back\\\\slash"}');
    expect(arrayLiteral([])).toBe('{}');
  });
});

describe('progress on stderr', () => {
  const sink = (isTTY: boolean) => {
    const chunks: string[] = [];
    return { stream: { isTTY, columns: 80, write: (c: string) => chunks.push(c) }, chunks };
  };

  it('prints plain lines when stderr is not a terminal: start, each tenth, done', () => {
    const { stream, chunks } = sink(false);
    const progress = streamProgress(stream);
    progress.start('messages', 1000);
    for (let done = 100; done <= 1000; done += 100) progress.tick(done);
    progress.end();
    const lines = chunks.join('').trimEnd().split('\n');
    expect(lines[0]).toBe('messages: 1,000 rows');
    expect(lines.slice(1, 10).map((l) => l.replace(/ [\d,]+ rows\/s$/, ''))).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `messages ${n * 100}/1,000 (${n * 10}%)`),
    );
    expect(lines[10]).toMatch(/^messages: done, 1,000 rows, [\d,]+ rows\/s$/);
    expect(lines).toHaveLength(11);
  });

  it('redraws one bar in place on a terminal', () => {
    const { stream, chunks } = sink(true);
    const progress = streamProgress(stream);
    progress.start('customers', 4);
    progress.tick(2);
    progress.end();
    expect(chunks[0]).toMatch(/^\r\[\.{30}\] customers 0\/4 \(0%\)/);
    expect(chunks.at(-2)).toMatch(/^\r\[#{15}\.{15}\] customers 2\/4 \(50%\) [\d,]+ rows\/s/);
    expect(chunks.at(-1)).toBe('\n');
    expect(chunks.every((c) => c === '\n' || (c.startsWith('\r') && c.length <= 80))).toBe(true);
  });
});
