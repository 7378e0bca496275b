import { hoursToRemoval, nextNoticeDue, DEFAULT_RESEND_POLICY } from './notice';
import { median, percentile, removalFigures } from './time-to-removal';

describe('time to removal', () => {
  it('median of an odd count is the middle value, of an even count the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeUndefined();
  });

  it('p90 interpolates between closest ranks', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBeCloseTo(9.1, 10);
    expect(percentile([10, 20], 90)).toBeCloseTo(19, 10);
    expect(percentile([3, 1, 2], 90)).toBeCloseTo(2.8, 10);
    expect(percentile([42], 90)).toBe(42);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('counts notices, removals, and leaves still-open notices out of the time figures', () => {
    expect(removalFigures([2, undefined, 6, 4])).toEqual({ notices: 4, removed: 3, medianHours: 4, p90Hours: 5.6 });
    expect(removalFigures([undefined])).toEqual({ notices: 1, removed: 0, medianHours: undefined, p90Hours: undefined });
  });

  it('measures from the first delivery, or from the issue when none succeeded', () => {
    expect(hoursToRemoval({ issuedAt: '2026-11-23T10:00:00Z', firstSentAt: '2026-11-23T12:00:00Z', confirmedRemovedAt: '2026-11-24T00:00:00Z' })).toBe(12);
    expect(hoursToRemoval({ issuedAt: '2026-11-23T10:00:00Z', confirmedRemovedAt: '2026-11-23T11:30:00Z' })).toBe(1.5);
    expect(hoursToRemoval({ issuedAt: '2026-11-23T10:00:00Z' })).toBeUndefined();
  });

  it('re-sends after 24 h, retries a failed delivery after 15 minutes', () => {
    const at = new Date('2026-11-23T10:00:00Z');
    expect(nextNoticeDue(at, true, DEFAULT_RESEND_POLICY).toISOString()).toBe('2026-11-24T10:00:00.000Z');
    expect(nextNoticeDue(at, false, DEFAULT_RESEND_POLICY).toISOString()).toBe('2026-11-23T10:15:00.000Z');
  });
});
