import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { PartnerPrincipal } from './partner-access.decorator';
import { FixedWindowThrottlerStorage } from './fixed-window-throttler.storage';

const ONE_MINUTE_MS = 60_000;

function partnerOf(context: ExecutionContext): PartnerPrincipal | undefined {
  return context.switchToHttp().getRequest<{ partner?: PartnerPrincipal }>().partner;
}

/**
 * Throttler options: one budget per API key per minute, across every partner route of the
 * service (the key's own limit, else the service default). Staff requests are not limited here.
 */
export function partnerThrottlerOptions(defaultPerMinute: number, storage = new FixedWindowThrottlerStorage()): ThrottlerModuleOptions {
  return {
    throttlers: [{ ttl: ONE_MINUTE_MS, limit: (context: ExecutionContext) => partnerOf(context)?.rateLimitPerMinute ?? defaultPerMinute }],
    storage,
    getTracker: (request: Record<string, unknown>) => (request as { partner?: PartnerPrincipal }).partner?.keyId ?? '',
    // The default key hashes class, handler and tracker with SHA-256 on every request; one budget
    // per key needs only the key id.
    generateKey: (_context: ExecutionContext, tracker: string) => `api-key:${tracker}`,
    errorMessage: (_context, detail) => `rate limit exceeded for this API key: ${detail.limit} requests per minute; retry after ${detail.timeToBlockExpire} s`,
  };
}

/**
 * Runs after StaffAuthGuard (registered after it), so the partner is known; a 429 carries
 * Retry-After in seconds.
 */
@Injectable()
export class PartnerThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return partnerOf(context) === undefined;
  }
}
