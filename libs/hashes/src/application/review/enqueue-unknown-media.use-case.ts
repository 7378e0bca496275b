import { MEDIA_UNKNOWN_V1, type EventEnvelope, type MediaUnknownV1, type ReportSubmittedV1 } from '@vigil/contracts';
import type { Clock } from '@vigil/kernel';
import { toUrgency } from '../../domain/review/review-classification';
import { ReviewItem } from '../../domain/review/review-item';
import type { ReviewItemRepository } from '../../ports/review-item.repository';

/**
 * Media that matched nothing go to human review, with the report's urgency. Known material
 * (matched) never enters the queue, so no one is shown it again.
 */
export class EnqueueUnknownMediaUseCase {
  constructor(private readonly items: ReviewItemRepository, private readonly clock: Clock, private readonly newId: () => string) {}

  /** `published` is what matching answered for this report (MatchReportMediaUseCase.execute's result). */
  async execute(report: ReportSubmittedV1, published: readonly EventEnvelope[]): Promise<ReviewItem[]> {
    const unknown = new Set(
      published
        .filter((event) => event.type === MEDIA_UNKNOWN_V1)
        .map((event) => event.payload as MediaUnknownV1)
        .filter((payload) => payload.reportId === report.reportId)
        .map((payload) => payload.mediaId),
    );
    const enqueuedAt = this.clock.now().toISOString();
    const items = report.media
      .filter((media) => unknown.has(media.mediaId))
      // A file known to us only by some of its hashes (a partner's) has no bytes for a reviewer to look at.
      .filter((media): media is typeof media & { sha256: string; md5: string } => Boolean(media.sha256 && media.md5))
      .map((media) =>
        ReviewItem.enqueue({
          id: this.newId(),
          mediaId: media.mediaId,
          reportId: report.reportId,
          reportReference: report.reference,
          incidentType: report.incidentType,
          urgency: toUrgency(report.priority),
          sha256: media.sha256,
          md5: media.md5,
          pdq: media.pdq,
          pdqQuality: media.pdqQuality,
          contentType: media.contentType,
          bytes: media.bytes,
          enqueuedAt,
        }),
      );
    if (items.length > 0) await this.items.enqueue(items);
    return items;
  }
}
