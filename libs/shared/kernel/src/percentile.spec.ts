import { median, percentile } from './percentile';

describe('percentile', () => {
  it('interpolates between closest ranks', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBeCloseTo(9.1, 10);
    expect(percentile([7], 90)).toBe(7);
  });

  it('has no value for no data and refuses a p outside 0–100', () => {
    expect(median([])).toBeUndefined();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});
