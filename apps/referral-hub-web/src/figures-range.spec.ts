import { apiRange, defaultRange, periodLabel, publishedValue } from './figures-range';

describe('figures page range', () => {
  it('defaults to twelve months up to today', () => {
    expect(defaultRange(new Date('2026-11-23T15:00:00Z'))).toEqual({ first: '2025-12-01', last: '2026-11-23' });
  });

  it('sends the last day included as an exclusive end the day after', () => {
    expect(apiRange({ first: '2026-02-01', last: '2026-02-28' })).toEqual({ from: '2026-02-01', to: '2026-03-01' });
    expect(apiRange({ first: '2026-12-01', last: '2026-12-31' })).toEqual({ from: '2026-12-01', to: '2027-01-01' });
  });

  it('names months and days in the reader’s language', () => {
    expect(periodLabel('2026-11', 'en-CA')).toMatch(/Nov/);
    expect(periodLabel('2026-11', 'fr-CA')).toMatch(/nov/);
    expect(periodLabel('2026-11-23', 'en-CA')).toMatch(/23/);
  });

  it('keeps a suppressed count as its text, with no bar', () => {
    expect(publishedValue(7)).toEqual({ value: 7 });
    expect(publishedValue('<5')).toEqual({ value: null, label: '<5' });
  });
});
