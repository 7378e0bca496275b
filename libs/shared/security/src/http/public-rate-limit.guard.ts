import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerGuard, type ThrottlerModuleOptions } from '@nestjs/throttler';
import { integerSetting } from '@vigil/kernel';
import { FixedWindowThrottlerStorage } from '../api-keys/fixed-window-throttler.storage';
import { PUBLIC_ROUTE } from '../auth/auth.decorators';
import { RotatingIpHasher } from './rotating-ip-hasher';

const ONE_MINUTE_MS = 60_000;
export const DEFAULT_PUBLIC_RATE_LIMIT_PER_MINUTE = 30;

/** `PUBLIC_RATE_LIMIT_PER_MINUTE`: requests per minute per client to public write routes. */
export function publicRateLimitFromEnv(env: NodeJS.ProcessEnv): number {
  return integerSetting(env, 'PUBLIC_RATE_LIMIT_PER_MINUTE', { fallback: DEFAULT_PUBLIC_RATE_LIMIT_PER_MINUTE, min: 1 });
}

/**
 * Throttler options for the public write routes (the report form, staff login): one budget per
 * client per minute, the client known only by a salted, rotating hash of its address (see
 * RotatingIpHasher), counted in memory and never logged or stored. Behind a proxy, set Express's
 * `trust proxy` so the address is the client's, not the proxy's.
 */
export function publicRateLimitOptions(perMinute: number, hasher = new RotatingIpHasher(), storage = new FixedWindowThrottlerStorage()): ThrottlerModuleOptions {
  return {
    // Named 'default' so a 429 carries a plain Retry-After (other names suffix the header).
    throttlers: [{ name: 'default', ttl: ONE_MINUTE_MS, limit: perMinute }],
    storage,
    getTracker: (request: Record<string, unknown>) => hasher.key(String((request as { ip?: string }).ip ?? (request as { socket?: { remoteAddress?: string } }).socket?.remoteAddress ?? '')),
    generateKey: (_context: ExecutionContext, tracker: string) => `public:${tracker}`,
    // The message names neither the address nor its key.
    errorMessage: (_context, detail) => `too many requests: at most ${detail.limit} per minute; retry after ${detail.timeToBlockExpire} s`,
  };
}

/**
 * Limits only @Public() routes that change something (POST and the like): reads such as health
 * stay unlimited, staff and partner routes have their own controls. A 429 carries Retry-After.
 * Built by a factory (SecurityModule): its options are its own, not the module-wide throttler's.
 */
export class PublicRateLimitGuard extends ThrottlerGuard {
  constructor(options: ThrottlerModuleOptions, private readonly routes: Reflector) {
    const resolved = options as Exclude<ThrottlerModuleOptions, unknown[]>;
    super(options, resolved.storage as FixedWindowThrottlerStorage, routes);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.routes.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]);
    const method = context.switchToHttp().getRequest<{ method: string }>().method;
    return !isPublic || method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
  }
}
