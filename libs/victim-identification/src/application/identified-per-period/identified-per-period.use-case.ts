import { publishCountSeries, type PublishedCountSeries } from '../../domain/identified-count-series';
import type { CountGranularity, IdentifiedVictimCounts } from '../../ports/identified-victim-counts';

/** Victims identified per period for the program's figures, small counts suppressed before they leave this context. */
export class IdentifiedPerPeriodUseCase {
  constructor(private readonly counts: IdentifiedVictimCounts) {}

  async identifiedPerPeriod(from: Date, to: Date, granularity: CountGranularity, periods: readonly string[]): Promise<PublishedCountSeries> {
    return publishCountSeries(periods, await this.counts.countPerPeriod(from, to, granularity));
  }
}
