import { createHmac, randomBytes } from 'node:crypto';

const ONE_HOUR_MS = 3_600_000;

/**
 * Turns a client IP into an opaque rate-limit key: HMAC-SHA-256 under a random salt that lives
 * only in memory and is replaced every `rotateEveryMs`. The IP itself is never kept, and a key
 * cannot be linked to an IP once its salt is gone (nor across rotations, nor across restarts).
 */
export class RotatingIpHasher {
  private salt = randomBytes(32);
  private saltSince: number;

  constructor(private readonly rotateEveryMs = ONE_HOUR_MS, private readonly now: () => number = Date.now) {
    this.saltSince = now();
  }

  key(ip: string): string {
    const now = this.now();
    if (now - this.saltSince >= this.rotateEveryMs) {
      this.salt = randomBytes(32);
      this.saltSince = now;
    }
    return createHmac('sha256', this.salt).update(ip).digest('base64url');
  }
}
