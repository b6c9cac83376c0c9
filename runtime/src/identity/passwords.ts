/** Password hashing with scrypt from node:crypto (no native add-on), in a self-describing format. */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const N = 16384, R = 8, P = 1, KEYLEN = 32;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEYLEN, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** Hashes a password as `scrypt$N$r$p$salt$hash` (base64). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

/**
 * A well-formed hash of no one's password: an unknown user, a user without a password or a
 * malformed stored hash is checked against it, so every login costs one scrypt and the answer
 * time does not tell which usernames exist.
 */
const DUMMY = ['scrypt', N, R, P, randomBytes(16).toString('base64'), randomBytes(KEYLEN).toString('base64')].join('$');

/** Checks a password against a stored hash in constant time; false (after the same work) for a missing or malformed hash. */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  let parts = (stored ?? '').split('$');
  const [n0, r0, p0] = parts.slice(1, 4).map(Number) as [number, number, number];
  // stored parameters within sane bounds (older hashes may use other costs; none may cost a denial of service)
  const usable = parts.length === 6 && parts[0] === 'scrypt' && n0 >= 1024 && n0 <= 2 ** 20 && (n0 & (n0 - 1)) === 0 && r0 >= 1 && r0 <= 32 && p0 >= 1 && p0 <= 16;
  if (!usable) parts = DUMMY.split('$');
  const [, n, r, p, salt, hash] = parts;
  const expected = Buffer.from(hash!, 'base64');
  const key = await derive(password, Buffer.from(salt!, 'base64'), Number(n), Number(r), Number(p));
  return usable && key.length === expected.length && timingSafeEqual(key, expected);
}
