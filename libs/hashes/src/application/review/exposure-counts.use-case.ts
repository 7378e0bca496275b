import type { Clock } from '@vigil/kernel';
import { exposureWindows, type ExposureCounts } from '../../domain/review/exposure';
import type { ReviewExposureLog } from '../../ports/review-exposure-log';

/** Per reviewer: unblurred previews today, this week and in total, and items decided. */
export class ExposureCountsUseCase {
  constructor(private readonly log: ReviewExposureLog, private readonly clock: Clock) {}

  async forReviewer(reviewer: string): Promise<ExposureCounts> {
    const [counts] = await this.log.counts(exposureWindows(this.clock.now()), reviewer);
    return counts ?? { reviewer, revealsToday: 0, revealsThisWeek: 0, revealsTotal: 0, itemsDecided: 0 };
  }

  async forEveryone(): Promise<ExposureCounts[]> {
    return this.log.counts(exposureWindows(this.clock.now()));
  }
}
