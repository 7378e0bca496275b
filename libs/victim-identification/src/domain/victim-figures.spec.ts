import type { AgeBand, Gender } from './identified-victim';
import { victimFiguresForYear } from './victim-figures';

const victims = (n: number, ageBand: AgeBand, gender: Gender, identifiedOn = '2026-05-01') => Array.from({ length: n }, () => ({ ageBand, gender, identifiedOn }));
const cell = (figures: ReturnType<typeof victimFiguresForYear>, ageBand: AgeBand, gender: Gender) =>
  figures.byAgeBandAndGender.find((row) => row.ageBand === ageBand && row.gender === gender)?.count;

describe('victim figures (GBA Plus, small cells suppressed)', () => {
  it('counts one year by age band × gender, every combination present, cells under 5 shown as "<5"', () => {
    const figures = victimFiguresForYear(
      [...victims(7, '12-14', 'girl'), ...victims(5, '8-11', 'boy'), ...victims(3, '15-17', 'another-gender'), ...victims(6, '12-14', 'girl', '2025-12-31')],
      2026,
    );
    expect(figures.year).toBe(2026);
    expect(figures.total).toBe(15);
    expect(figures.byAgeBandAndGender).toHaveLength(20);
    expect(cell(figures, '12-14', 'girl')).toBe(7);
    expect(cell(figures, '8-11', 'boy')).toBe(5);
    expect(cell(figures, '15-17', 'another-gender')).toBe('<5');
    expect(cell(figures, '0-3', 'unknown')).toBe('<5');
    expect(figures.suppression.threshold).toBe(5);
  });

  it('suppresses a small total too', () => {
    const figures = victimFiguresForYear(victims(4, '4-7', 'girl'), 2026);
    expect(figures.total).toBe('<5');
    expect(figures.byAgeBandAndGender.every((row) => row.count === '<5')).toBe(true);
  });

  it('hides a second cell when a single hidden one could be worked out from the total', () => {
    const everyCell = (['0-3', '4-7', '8-11', '12-14', '15-17'] as AgeBand[]).flatMap((ageBand) =>
      (['girl', 'boy', 'another-gender', 'unknown'] as Gender[]).flatMap((gender) => victims(ageBand === '0-3' && gender === 'unknown' ? 2 : gender === 'boy' && ageBand === '4-7' ? 6 : 8, ageBand, gender)),
    );
    const figures = victimFiguresForYear(everyCell, 2026);
    expect(figures.total).toBe(2 + 6 + 18 * 8);
    expect(cell(figures, '0-3', 'unknown')).toBe('<5');
    expect(cell(figures, '4-7', 'boy')).toBe('x');
    expect(figures.byAgeBandAndGender.filter((row) => typeof row.count === 'number')).toHaveLength(18);
  });
});
