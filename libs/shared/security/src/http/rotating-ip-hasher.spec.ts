import { RotatingIpHasher } from './rotating-ip-hasher';
import { publicRateLimitFromEnv } from './public-rate-limit.guard';
import { corsOriginsFromEnv } from './http-hardening';

describe('RotatingIpHasher', () => {
  it('gives one opaque key per address within a period, never the address itself', () => {
    const hasher = new RotatingIpHasher(60_000, () => 0);
    const key = hasher.key('203.0.113.7');
    expect(hasher.key('203.0.113.7')).toBe(key);
    expect(hasher.key('203.0.113.8')).not.toBe(key);
    expect(key).not.toContain('203');
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('changes the salt once the period is over, so old keys cannot be linked to new ones', () => {
    let now = 0;
    const hasher = new RotatingIpHasher(60_000, () => now);
    const before = hasher.key('198.51.100.1');
    now = 59_999;
    expect(hasher.key('198.51.100.1')).toBe(before);
    now = 60_000;
    expect(hasher.key('198.51.100.1')).not.toBe(before);
  });
});

describe('HTTP hardening configuration', () => {
  it('reads the public rate limit, refusing nonsense', () => {
    expect(publicRateLimitFromEnv({})).toBe(30);
    expect(publicRateLimitFromEnv({ PUBLIC_RATE_LIMIT_PER_MINUTE: '5' })).toBe(5);
    expect(() => publicRateLimitFromEnv({ PUBLIC_RATE_LIMIT_PER_MINUTE: '0' })).toThrow(/PUBLIC_RATE_LIMIT_PER_MINUTE/);
    expect(() => publicRateLimitFromEnv({ PUBLIC_RATE_LIMIT_PER_MINUTE: 'lots' })).toThrow(/whole number/);
  });

  it('keeps CORS closed unless origins are listed', () => {
    expect(corsOriginsFromEnv({})).toEqual([]);
    expect(corsOriginsFromEnv({ CORS_ORIGINS: ' https://a.example , https://b.example,' })).toEqual(['https://a.example', 'https://b.example']);
  });
});
