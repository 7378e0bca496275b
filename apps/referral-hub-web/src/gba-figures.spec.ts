import type { VictimFigures } from './api';
import { chartLabels, chartValue, figureTable, hasPublishedCount } from './gba-figures';

const figures: VictimFigures = {
  year: 2026,
  total: 14,
  byAgeBandAndGender: [
    { ageBand: '0-3', gender: 'girl', count: '<5' },
    { ageBand: '0-3', gender: 'boy', count: 'x' },
    { ageBand: '12-14', gender: 'girl', count: 9 },
  ],
  suppression: { threshold: 5, note: 'counts below 5 are shown as "<5"' },
};

describe('the GBA Plus figures', () => {
  it('lays the cells out by age band (rows) and gender (columns), keeping suppressed values', () => {
    expect(figureTable(figures, ['0-3', '12-14'], ['girl', 'boy'])).toEqual([
      { ageBand: '0-3', counts: ['<5', 'x'] },
      { ageBand: '12-14', counts: [9, 0] },
    ]);
  });

  it('tells a table with some published number from one that is all suppression', () => {
    expect(hasPublishedCount(figureTable(figures, ['0-3', '12-14'], ['girl', 'boy']))).toBe(true);
    expect(hasPublishedCount([{ counts: ['<5', 'x'] }, { counts: ['<5'] }])).toBe(false);
  });

  it('draws no bar for a suppressed cell', () => {
    expect(chartValue(9)).toBe(9);
    expect(chartValue(0)).toBe(0);
    expect(chartValue('<5')).toBeNull();
    expect(chartValue('x')).toBeNull();
  });

  it('labels a suppressed cell with its published text, a number with nothing', () => {
    expect(chartLabels(['girl', 'boy', 'unknown'], ['<5', 7, 'x'])).toEqual({ girl: '<5', unknown: 'x' });
    expect(chartLabels(['girl'], [0])).toEqual({});
  });
});
