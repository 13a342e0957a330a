import { pbkdf2, randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';

/**
 * The scheme new hashes get: scrypt at OWASP's recommended cost (N=2^17, r=8, p=1: 128 MiB and about a
 * second of one core per hash). PASSWORD_SCRYPT_N may change N; any other N in a stored hash is rehashed
 * at the next login.
 */
export const DEFAULT_SCRYPT_N = 2 ** 17;
const PARAMS = { r: 8, p: 1, keylen: 64, saltBytes: 16 };
/** A stored hash is data: costs above these are refused rather than run (memory is 128 * N * r bytes). */
const MAX_N = 2 ** 20;
const MAX_R = 16;
const MAX_P = 4;
/** At most this many derivations at once (each holds up to 128 MiB at the default cost); the rest queue. */
const CONCURRENT_DERIVATIONS = 2;

/** Pow's digests (Erlang :crypto names) as Node names. */
const POW_DIGESTS: Record<string, string> = {
  sha: 'sha1',
  sha224: 'sha224',
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
};
/** A stored hash is data, not code: refuse costs no real hash uses instead of spending minutes on one login. */
const MAX_PBKDF2_ITERATIONS = 10_000_000;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(run: () => Promise<T>): Promise<T> {
  if (running >= CONCURRENT_DERIVATIONS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await run();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function derive(password: string, salt: Buffer, options: ScryptOptions, keylen: number): Promise<Buffer> {
  const { N = 0, r = 0, p = 0 } = options;
  if (!Number.isInteger(N) || N < 2 || N > MAX_N || !(r >= 1 && r <= MAX_R) || !(p >= 1 && p <= MAX_P)) {
    return Promise.reject(new Error('unsupported scrypt parameters'));
  }
  const maxmem = 128 * N * r * p + 32 * 1024 * 1024;
  return limited(
    () =>
      new Promise((resolve, reject) =>
        scrypt(password, salt, keylen, { ...options, maxmem }, (err, key) => (err ? reject(err) : resolve(key))),
      ),
  );
}

const pbkdf2Async = (password: string, salt: Buffer, iterations: number, keylen: number, digest: string) =>
  new Promise<Buffer>((resolve, reject) =>
    pbkdf2(password, salt, iterations, keylen, digest, (err, key) => (err ? reject(err) : resolve(key))),
  );

const equal = (actual: Buffer, expected: Buffer) =>
  actual.length === expected.length && timingSafeEqual(actual, expected);

/** `scrypt$N$r$p$salt$hash`, so the cost can be raised later without breaking stored hashes. */
export async function hashPassword(password: string, N = DEFAULT_SCRYPT_N): Promise<string> {
  const salt = randomBytes(PARAMS.saltBytes);
  const key = await derive(password, salt, { N, r: PARAMS.r, p: PARAMS.p }, PARAMS.keylen);
  return ['scrypt', N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

async function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const [, n, r, p, salt, hash] = stored.split('$');
  if (!hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const options = { N: +n, r: +r, p: +p };
  const actual = await derive(password, Buffer.from(salt, 'base64'), options, expected.length).catch(() => null);
  return actual !== null && equal(actual, expected);
}

/**
 * Pow's default (Papercups' users): `$pbkdf2-<digest>$<iterations>$<salt>$<hash>`, salt and hash in standard
 * padded Base64 (Elixir's Base.encode64), PBKDF2-HMAC as in RFC 8018, 100,000 iterations of SHA-512 by default.
 */
async function verifyPowPbkdf2(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 5 || parts[0] !== '') return false;
  const [, scheme, iterationsText, salt, hash] = parts;
  const digest = POW_DIGESTS[scheme.slice('pbkdf2-'.length)];
  const iterations = Number(iterationsText);
  if (!digest || !/^\d+$/.test(iterationsText) || iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) return false;
  if (!BASE64.test(salt) || !BASE64.test(hash)) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await pbkdf2Async(password, Buffer.from(salt, 'base64'), iterations, expected.length, digest);
  return equal(actual, expected);
}

/** Verifies against the stored hash's own scheme: this server's scrypt, or Pow's PBKDF2 (imported from Papercups). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('scrypt$')) return verifyScrypt(password, stored);
  if (stored.startsWith('$pbkdf2-')) return verifyPowPbkdf2(password, stored);
  return false;
}

/** True when the hash is not this server's current scheme with its current parameters (rehash it at login). */
export function needsRehash(stored: string, N = DEFAULT_SCRYPT_N): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !hash) return true;
  return (
    +n !== N ||
    +r !== PARAMS.r ||
    +p !== PARAMS.p ||
    Buffer.from(salt, 'base64').length !== PARAMS.saltBytes ||
    Buffer.from(hash, 'base64').length !== PARAMS.keylen
  );
}

/** Compared against when the email is unknown, so a login takes as long either way. */
export const dummyHash = (N = DEFAULT_SCRYPT_N) =>
  `scrypt$${N}$8$1$AAAAAAAAAAAAAAAAAAAAAA==$${Buffer.alloc(64).toString('base64')}`;
