import { DomainError } from '@vigil/kernel';

/**
 * The secret a public reporter gets with their reference, to add information later without an
 * account. 24 Crockford base32 characters (120 random bits) in groups of four, so it can be
 * written down or read aloud; only its hash is stored.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 24;

export function newFollowUpSecret(randomBytes: Uint8Array): string {
  if (randomBytes.length < LENGTH) throw new Error(`a follow-up secret needs ${LENGTH} random bytes`);
  // 256 is a multiple of 32, so the low five bits of a random byte are uniform.
  const chars = Array.from(randomBytes.slice(0, LENGTH), (byte) => ALPHABET[byte & 31]);
  return Array.from({ length: LENGTH / 4 }, (_, group) => chars.slice(group * 4, group * 4 + 4).join('')).join('-');
}

/**
 * The canonical form that is hashed: upper case, without spaces or dashes, with the letters
 * people confuse read as Crockford does (I and L are 1, O is 0). Undefined when it cannot be a secret.
 */
export function normaliseFollowUpSecret(raw: string): string | undefined {
  const canonical = raw
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  return canonical.length === LENGTH && [...canonical].every((char) => ALPHABET.includes(char)) ? canonical : undefined;
}

/**
 * The same answer whether the reference does not exist or the secret is wrong, so the route
 * cannot be used to learn which references exist.
 */
export class FollowUpRefused extends DomainError {
  readonly kind = 'not-found' as const;
  constructor() {
    super('no report matches this reference and secret', 'secret');
  }
}
