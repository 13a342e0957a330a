import { pbkdf2, randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';

/** The scheme new hashes get; raising a parameter here rehashes every user at their next login. */
const PARAMS = { N: 16384, r: 8, p: 1, keylen: 64, saltBytes: 16 };

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

function derive(password: string, salt: Buffer, options: ScryptOptions, keylen: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, keylen, { ...options, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
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
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(PARAMS.saltBytes);
  const key = await derive(password, salt, PARAMS, PARAMS.keylen);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

async function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const [, n, r, p, salt, hash] = stored.split('$');
  if (!hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N: +n, r: +r, p: +p }, expected.length);
  return equal(actual, expected);
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
export function needsRehash(stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !hash) return true;
  return (
    +n !== PARAMS.N ||
    +r !== PARAMS.r ||
    +p !== PARAMS.p ||
    Buffer.from(salt, 'base64').length !== PARAMS.saltBytes ||
    Buffer.from(hash, 'base64').length !== PARAMS.keylen
  );
}

/** Compared against when the email is unknown, so a login takes as long either way. */
export const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$' + Buffer.alloc(64).toString('base64');
