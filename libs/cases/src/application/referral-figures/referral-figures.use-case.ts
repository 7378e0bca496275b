import { assembleReferralFigures, checkFiguresRange, figureGranularity, figurePeriods, type ReferralFigures } from '../../domain/referral-figures';
import type { IdentifiedVictimFigures, ReferralFigureSource } from '../../ports/referral-figures.ports';

/** The hub's program figures over [from, to): per day for short ranges, per month otherwise. */
export class ReferralFiguresUseCase {
  constructor(private readonly source: ReferralFigureSource, private readonly victims: IdentifiedVictimFigures) {}

  async execute(from: Date, to: Date): Promise<ReferralFigures> {
    checkFiguresRange(from, to);
    const granularity = figureGranularity(from, to);
    const [counts, victims] = await Promise.all([
      this.source.counts(from, to, granularity),
      this.victims.identifiedPerPeriod(from, to, granularity, figurePeriods(from, to, granularity)),
    ]);
    return assembleReferralFigures({ from, to, granularity }, counts, victims);
  }
}
