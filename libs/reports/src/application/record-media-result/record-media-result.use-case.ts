import type { MediaMatchedV1, MediaUnknownV1 } from '@vigil/contracts';
import type { Clock } from '@vigil/kernel';
import type { ReportRepository } from '../../ports/report.repository';

/**
 * Applies hash-detection's verdict on one media item. Unknown reports are ignored with a
 * value rather than an error: the event may concern a report purged under retention rules.
 */
export class RecordMediaResultUseCase {
  constructor(private readonly reports: ReportRepository, private readonly clock: Clock) {}

  async matched(event: MediaMatchedV1): Promise<'applied' | 'report-not-found'> {
    const report = await this.reports.findById(event.reportId);
    if (!report) return 'report-not-found';
    report.recordMediaMatch(
      event.mediaId,
      { bankName: event.bankName, classification: event.classification, matchKind: event.matchKind, distance: event.distance, reason: event.reason },
      this.clock.now(),
    );
    await this.reports.save(report, []);
    return 'applied';
  }

  async unknown(event: MediaUnknownV1): Promise<'applied' | 'report-not-found'> {
    const report = await this.reports.findById(event.reportId);
    if (!report) return 'report-not-found';
    report.recordMediaUnknown(event.mediaId);
    await this.reports.save(report, []);
    return 'applied';
  }
}
