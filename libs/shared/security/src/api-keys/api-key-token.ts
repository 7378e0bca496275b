import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `vgl_<keyId>_<secret>`: the key id (16 hex characters) names the row, the
 * secret (32 random bytes, base64url) proves possession. Only a SHA-256 of the secret is kept.
 *
 * Why SHA-256 and not scrypt like staff passwords: a password is low-entropy, so its hash must
 * be slow to resist guessing; this secret is 256 random bits, so no guessing attack exists and a
 * slow hash would only cost milliseconds of CPU on every partner request (the match API's hot
 * path). A fast hash of a high-entropy secret is what GitHub and Stripe do for their tokens.
 */
export const API_KEY_PREFIX = 'vgl_';
const KEY_ID_PATTERN = /^[0-9a-f]{16}$/;
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface ApiKeyToken {
  keyId: string;
  secret: string;
}

export function generateApiKeyToken(): ApiKeyToken & { token: string } {
  const keyId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { keyId, secret, token: `${API_KEY_PREFIX}${keyId}_${secret}` };
}

/** The key id and secret of a presented key, or undefined when it is not shaped like one of ours. */
export function parseApiKeyToken(token: string): ApiKeyToken | undefined {
  if (!token.startsWith(API_KEY_PREFIX)) return undefined;
  const keyId = token.slice(API_KEY_PREFIX.length, API_KEY_PREFIX.length + 16);
  const separator = token.charAt(API_KEY_PREFIX.length + 16);
  const secret = token.slice(API_KEY_PREFIX.length + 17);
  if (separator !== '_' || !KEY_ID_PATTERN.test(keyId) || !SECRET_PATTERN.test(secret)) return undefined;
  return { keyId, secret };
}

export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Constant-time comparison of a presented secret with the stored hash. */
export function apiKeySecretMatches(secret: string, storedHash: string): boolean {
  const actual = Buffer.from(hashApiKeySecret(secret), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
