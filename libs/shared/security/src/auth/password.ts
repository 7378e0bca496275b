import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;

/**
 * argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane): about 30 ms per hash here, and a
 * GPU guesser pays for the memory on every guess. The parameters are kept in the PHC string, so
 * raising them later leaves older hashes verifiable (and `passwordNeedsRehash` upgrades them).
 */
export const ARGON2_PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a staff password: a PHC string `$argon2id$v=19$m=…,t=…,p=…$salt$hash`. */
export function hashPassword(password: string): Promise<string> {
  return argon2Hash(password, ARGON2_PARAMS);
}

/**
 * Checks a password against a stored hash: argon2id, or the `scrypt$N$r$p$salt$hash` format of
 * accounts created before argon2 (staff files, older rows), which `passwordNeedsRehash` flags.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('$argon2')) {
    try {
      return await argon2Verify(stored, password);
    } catch {
      return false; // a malformed stored hash never verifies
    }
  }
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  try {
    const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  } catch {
    return false; // parameters scrypt refuses (a damaged row) never verify
  }
}

/** True when the hash is not argon2id with the current parameters: rehash it at the next good sign-in. */
export function passwordNeedsRehash(stored: string): boolean {
  const { memoryCost, timeCost, parallelism } = ARGON2_PARAMS;
  return !stored.startsWith(`$argon2id$v=19$m=${memoryCost},t=${timeCost},p=${parallelism}$`);
}

/**
 * A real argon2id hash of a random password, verified against when the username is unknown so
 * that an unknown user costs the same time as a wrong password.
 */
let dummyHash: Promise<string> | undefined;
export function unknownUserHash(): Promise<string> {
  return (dummyHash ??= hashPassword(randomBytes(24).toString('base64')));
}
