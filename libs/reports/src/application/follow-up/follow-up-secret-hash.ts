import { createHash, timingSafeEqual } from 'node:crypto';
import { normaliseFollowUpSecret } from '../../domain/follow-up-secret';

/**
 * SHA-256 of the canonical secret. A plain hash is enough: the secret carries 120 random bits,
 * so there is no dictionary to try; a slow hash would only slow the public route down.
 */
export function hashFollowUpSecret(secret: string): string {
  const canonical = normaliseFollowUpSecret(secret);
  if (!canonical) throw new Error('not a follow-up secret');
  return createHash('sha256').update(canonical).digest('hex');
}

/** Constant-time comparison; a malformed secret or a missing hash is simply a mismatch. */
export function followUpSecretMatches(given: string, storedHash: string | undefined): boolean {
  const canonical = normaliseFollowUpSecret(given);
  const actual = createHash('sha256')
    .update(canonical ?? given)
    .digest();
  const expected = Buffer.from(storedHash ?? '0'.repeat(64), 'hex');
  return Boolean(canonical && storedHash) && expected.length === actual.length && timingSafeEqual(actual, expected);
}
