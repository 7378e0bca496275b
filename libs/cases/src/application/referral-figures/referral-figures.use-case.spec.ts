import { ValidationError } from '@vigil/kernel';
import { figureGranularity, figurePeriods, type FigureGranularity, type IdentifiedVictimSeries, type ReferralFigureCounts } from '../../domain/referral-figures';
import type { IdentifiedVictimFigures, ReferralFigureSource } from '../../ports/referral-figures.ports';
import { ReferralFiguresUseCase } from './referral-figures.use-case';

/** A fake of each port that records what it was asked and answers what the test gave it. */
class FakeFigureSource implements ReferralFigureSource {
  asked: Array<{ from: string; to: string; granularity: FigureGranularity }> = [];
  constructor(private readonly answer: ReferralFigureCounts) {}
  async counts(from: Date, to: Date, granularity: FigureGranularity): Promise<ReferralFigureCounts> {
    this.asked.push({ from: from.toISOString(), to: to.toISOString(), granularity });
    return this.answer;
  }
}

class FakeVictimFigures implements IdentifiedVictimFigures {
  periodsAsked: readonly string[] = [];
  constructor(private readonly answer: IdentifiedVictimSeries) {}
  async identifiedPerPeriod(_from: Date, _to: Date, _granularity: FigureGranularity, periods: readonly string[]): Promise<IdentifiedVictimSeries> {
    this.periodsAsked = periods;
    return this.answer;
  }
}

const noCounts: ReferralFigureCounts = { received: [], sent: [], decisions: [], hoursToFirstDissemination: [] };
const noVictims: IdentifiedVictimSeries = { perPeriod: {}, total: '<5', suppressionNote: 'counts below 5 are shown as "<5"' };

describe('referral figures', () => {
  it('counts per day up to two months and per month beyond', () => {
    expect(figureGranularity(new Date('2026-11-01T00:00:00Z'), new Date('2026-11-08T00:00:00Z'))).toBe('day');
    expect(figureGranularity(new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'))).toBe('month');
  });

  it('lists every period the range touches, a partial first and last one included', () => {
    expect(figurePeriods(new Date('2026-11-29T12:00:00Z'), new Date('2026-12-02T00:00:00Z'), 'day')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01']);
    expect(figurePeriods(new Date('2026-10-15T00:00:00Z'), new Date('2027-01-10T00:00:00Z'), 'month')).toEqual(['2026-10', '2026-11', '2026-12', '2027-01']);
  });

  it('lays counts out by source and kind over every month, zeros included, with totals', async () => {
    const source = new FakeFigureSource({
      received: [
        { period: '2026-01', source: 'tipline', count: 3 },
        { period: '2026-01', source: 'ncmec', count: 2 },
        { period: '2026-03', source: 'police', count: 1 },
        { period: '2026-03', source: 'industry', count: 4 },
      ],
      sent: [
        { period: '2026-01', kind: 'package', count: 2 },
        { period: '2026-03', kind: 'lead', count: 5 },
        { period: '2026-03', kind: 'package', count: 1 },
      ],
      decisions: [
        { period: '2026-01', actionable: true, count: 4 },
        { period: '2026-01', actionable: false, count: 1 },
        { period: '2026-03', actionable: false, count: 2 },
      ],
      hoursToFirstDissemination: [],
    });
    const victims = new FakeVictimFigures({ perPeriod: { '2026-03': 7 }, total: 7, suppressionNote: 'note' });
    const figures = await new ReferralFiguresUseCase(source, victims).execute(new Date('2026-01-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'));

    expect(source.asked).toEqual([{ from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', granularity: 'month' }]);
    expect(victims.periodsAsked).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(figures.granularity).toBe('month');
    expect(figures.periods.map((period) => [period.period, period.receivedTotal, period.packagesSent, period.leadsSent, period.notActionable, period.victimsIdentified])).toEqual([
      ['2026-01', 5, 2, 0, 1, 0],
      ['2026-02', 0, 0, 0, 0, 0],
      ['2026-03', 5, 1, 5, 2, 7],
    ]);
    expect(figures.periods[0].received).toEqual({ tipline: 3, ncmec: 2, industry: 0, police: 0 });
    expect(figures.totals).toEqual({
      received: { tipline: 3, ncmec: 2, industry: 4, police: 1 },
      receivedTotal: 10,
      packagesSent: 3,
      leadsSent: 5,
      triageDecisions: 7,
      notActionable: 3,
      victimsIdentified: 7,
    });
    expect(figures.victimsSuppression).toBe('note');
  });

  it('gives the median and 90th percentile of hours from intake to first dissemination', async () => {
    const hoursToFirstDissemination = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const figures = await new ReferralFiguresUseCase(new FakeFigureSource({ ...noCounts, hoursToFirstDissemination }), new FakeVictimFigures(noVictims)).execute(
      new Date('2026-11-01T00:00:00Z'),
      new Date('2026-11-08T00:00:00Z'),
    );
    expect(figures.intakeToDissemination).toEqual({ disseminated: 10, medianHours: 5.5, p90Hours: 9.1 });
    expect(figures.periods).toHaveLength(7);
  });

  it('has no median when nothing was disseminated, and keeps suppressed victim counts as published', async () => {
    const figures = await new ReferralFiguresUseCase(new FakeFigureSource(noCounts), new FakeVictimFigures({ ...noVictims, perPeriod: { '2026-11-02': '<5' } })).execute(
      new Date('2026-11-01T00:00:00Z'),
      new Date('2026-11-03T00:00:00Z'),
    );
    expect(figures.intakeToDissemination).toEqual({ disseminated: 0, medianHours: null, p90Hours: null });
    expect(figures.periods.map((period) => period.victimsIdentified)).toEqual([0, '<5']);
    expect(figures.totals.victimsIdentified).toBe('<5');
  });

  it.each([
    ['from', new Date('2026-11-08T00:00:00Z'), new Date('2026-11-01T00:00:00Z')],
    ['from', new Date('invalid'), new Date('2026-11-01T00:00:00Z')],
    ['to', new Date('2025-01-01T00:00:00Z'), new Date('2026-11-01T00:00:00Z')],
  ])('refuses a bad range, naming %s', async (field, from, to) => {
    const source = new FakeFigureSource(noCounts);
    const error = await new ReferralFiguresUseCase(source, new FakeVictimFigures(noVictims)).execute(from, to).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
    expect(source.asked).toEqual([]);
  });
});
