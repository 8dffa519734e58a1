import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt's cost: N = 2^15, r = 8, p = 1 (OWASP Password Storage Cheat Sheet, 2023: N ≥ 2^17 with p = 1,
 * or this with more memory-time traded; 2^15 keeps a login near 100 ms on this 2-core machine). maxmem
 * must exceed 128 · N · r bytes (32 MiB here).
 */
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions & { N: number; r: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, { ...options, maxmem: 256 * options.N * options.r }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/**
 * A password as the users table keeps it: `scrypt$N$r$p$salt$key`, salt (16 random bytes) and key (32 bytes)
 * in base64. The password is NFC-normalised first, so the same Chinese password typed on two systems matches.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/**
 * Whether `password` is the one `stored` (hashPassword's string) was made from, compared in constant time.
 * A stored string of another form is false, never an error: a damaged row locks its account, nothing more.
 */
export async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (![cost.N, cost.r, cost.p].every((value) => Number.isInteger(value) && value > 0)) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), cost);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A password the desk accepts: 10 characters at least (NIST SP 800-63B asks for 8; shared desks get more). */
export const MIN_PASSWORD_LENGTH = 10;
