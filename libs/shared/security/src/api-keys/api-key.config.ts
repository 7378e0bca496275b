/** Default requests per minute per API key: generous, so a partner's batch scan is not cut short. */
export const DEFAULT_PARTNER_RATE_LIMIT_PER_MINUTE = 600_000;

/**
 * Reads MATCH_RATE_LIMIT_PER_MINUTE (each key's default budget per minute, on every partner
 * route; a key created with its own rateLimitPerMinute keeps that), refusing a bad value at start.
 */
export function partnerRateLimitFromEnv(env: Record<string, string | undefined>): number {
  const raw = env.MATCH_RATE_LIMIT_PER_MINUTE;
  if (raw === undefined || raw === '') return DEFAULT_PARTNER_RATE_LIMIT_PER_MINUTE;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`MATCH_RATE_LIMIT_PER_MINUTE must be a positive integer, got "${raw}"`);
  return value;
}
