import { FixedWindowThrottlerStorage } from './fixed-window-throttler.storage';

describe('FixedWindowThrottlerStorage', () => {
  it('lets `limit` requests through per window, then blocks with the seconds left, then resets', async () => {
    let now = 1_000_000;
    const storage = new FixedWindowThrottlerStorage(() => now);
    for (let i = 1; i <= 3; i++) expect(await storage.increment('k', 60_000, 3)).toMatchObject({ totalHits: i, isBlocked: false });
    now += 15_000;
    expect(await storage.increment('k', 60_000, 3)).toEqual({ totalHits: 4, timeToExpire: 45, isBlocked: true, timeToBlockExpire: 45 });
    expect((await storage.increment('other', 60_000, 3)).isBlocked).toBe(false);
    now += 45_000;
    expect(await storage.increment('k', 60_000, 3)).toMatchObject({ totalHits: 1, isBlocked: false });
  });
});
