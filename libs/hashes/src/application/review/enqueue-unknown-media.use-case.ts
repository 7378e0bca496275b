import { MEDIA_UNKNOWN_V1, type EventEnvelope, type MediaUnknownV1, type ReportSubmittedV1 } from '@vigil/contracts';
import type { Clock } from '@vigil/kernel';
import { toUrgency } from '../../domain/review/review-classification';
import { ReviewItem } from '../../domain/review/review-item';
import type { ReviewItemRepository } from '../../ports/review-item.repository';

/**
 * Media that matched nothing go to human review, with the report's urgency. Known material
 * (matched) never enters the queue, so no one is shown it again. Only files the tipline holds
 * can be reviewed: a reviewer classifies what they see, and an industry report gives its files
 * by hash, never the bytes (the platform keeps them), so such a file would wait in the queue
 * with nothing to show. It stays recorded as unknown (media.unknown.v1), as before.
 */
export class EnqueueUnknownMediaUseCase {
  constructor(private readonly items: ReviewItemRepository, private readonly clock: Clock, private readonly newId: () => string) {}

  /** `published` is what matching answered for this report (MatchReportMediaUseCase.execute's result). */
  async execute(report: ReportSubmittedV1, published: readonly EventEnvelope[]): Promise<ReviewItem[]> {
    if (report.source === 'industry') return [];
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
      // A public report's files are digested at intake; one without both digests was not received as bytes.
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
