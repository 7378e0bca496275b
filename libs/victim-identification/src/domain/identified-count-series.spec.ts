import { publishCountSeries } from './identified-count-series';

describe('identifications per period, published', () => {
  it('shows counts of 5 and more, and every smaller one (zero included) as "<5"', () => {
    const series = publishCountSeries(['2026-01', '2026-02', '2026-03'], new Map([['2026-01', 6], ['2026-03', 2]]));
    expect(series.perPeriod).toEqual({ '2026-01': 6, '2026-02': '<5', '2026-03': '<5' });
    expect(series.total).toBe(8);
  });

  it('hides the smallest shown count when one hidden count could be worked out from the total', () => {
    const series = publishCountSeries(['2026-01', '2026-02', '2026-03'], new Map([['2026-01', 9], ['2026-02', 6], ['2026-03', 3]]));
    expect(series.perPeriod).toEqual({ '2026-01': 9, '2026-02': 'x', '2026-03': '<5' });
    expect(series.total).toBe(18);
  });

  it('hides a small total too', () => {
    const series = publishCountSeries(['2026-11-01', '2026-11-02'], new Map([['2026-11-02', 1]]));
    expect(series).toMatchObject({ perPeriod: { '2026-11-01': '<5', '2026-11-02': '<5' }, total: '<5' });
    expect(series.suppressionNote).toContain('<5');
  });
});
