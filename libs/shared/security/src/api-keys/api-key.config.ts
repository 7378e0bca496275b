import { integerSetting } from '@vigil/kernel';

/** Default requests per minute per API key: generous, so a partner's batch scan is not cut short. */
export const DEFAULT_PARTNER_RATE_LIMIT_PER_MINUTE = 600_000;

/**
 * Reads MATCH_RATE_LIMIT_PER_MINUTE (each key's default budget per minute, on every partner
 * route; a key created with its own rateLimitPerMinute keeps that), refusing a bad value at start.
 */
export function partnerRateLimitFromEnv(env: Record<string, string | undefined>): number {
  return integerSetting(env, 'MATCH_RATE_LIMIT_PER_MINUTE', { fallback: DEFAULT_PARTNER_RATE_LIMIT_PER_MINUTE, min: 1 });
}
