import type { ThrottlerStorage } from '@nestjs/throttler';

interface Window {
  startedAt: number;
  hits: number;
}

/**
 * Counts requests per key in fixed windows: O(1) per request. The throttler's default storage
 * keeps one timestamp per request in the window and filters that list on every request, which
 * at thousands of requests per second per key costs more than the match itself. A fixed window
 * can let through up to twice the limit across a window boundary; for a per-minute partner
 * budget that is an acceptable price.
 *
 * In memory, per process: with several replicas each enforces the limit on its own share.
 */
export class FixedWindowThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private lastSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async increment(key: string, ttl: number, limit: number): Promise<{ totalHits: number; timeToExpire: number; isBlocked: boolean; timeToBlockExpire: number }> {
    const now = this.now();
    this.sweep(now, ttl);
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= ttl) {
      window = { startedAt: now, hits: 0 };
      this.windows.set(key, window);
    }
    const secondsLeft = Math.max(1, Math.ceil((window.startedAt + ttl - now) / 1000));
    if (window.hits >= limit) return { totalHits: window.hits + 1, timeToExpire: secondsLeft, isBlocked: true, timeToBlockExpire: secondsLeft };
    window.hits++;
    return { totalHits: window.hits, timeToExpire: secondsLeft, isBlocked: false, timeToBlockExpire: 0 };
  }

  /** Drops windows that ended, at most once per window length, so idle keys do not pile up. */
  private sweep(now: number, ttl: number): void {
    if (now - this.lastSweep < ttl) return;
    this.lastSweep = now;
    for (const [key, window] of this.windows) if (now - window.startedAt >= ttl) this.windows.delete(key);
  }
}
