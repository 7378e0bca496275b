import { isMatchableQuality, PDQ_MIN_MATCHABLE_QUALITY } from './pdq-quality';

describe('PDQ quality threshold', () => {
  it('is 50, inclusive', () => {
    expect(PDQ_MIN_MATCHABLE_QUALITY).toBe(50);
    expect(isMatchableQuality(50)).toBe(true);
    expect(isMatchableQuality(100)).toBe(true);
    expect(isMatchableQuality(49)).toBe(false);
    expect(isMatchableQuality(0)).toBe(false);
    expect(isMatchableQuality(Number.NaN)).toBe(false);
  });
});
