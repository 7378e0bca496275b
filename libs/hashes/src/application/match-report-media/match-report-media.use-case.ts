import { envelope, MEDIA_MATCHED_V1, MEDIA_UNKNOWN_V1, type EventEnvelope, type MediaMatchedV1, type MediaUnknownV1, type ReportSubmittedV1 } from '@vigil/contracts';
import type { Clock } from '@vigil/kernel';
import type { HashBankRepository } from '../../ports/hash-bank.repository';
import type { PdqCandidateFinder } from '../../ports/pdq-candidate-finder';
import { KnownMediaLookup } from '../match-hashes/known-media-lookup';

/**
 * Matches every media item of a submitted report against the banks and answers each with
 * `media.matched.v1` or `media.unknown.v1` (unknown items are for human review).
 */
export class MatchReportMediaUseCase {
  private readonly lookup: KnownMediaLookup;

  constructor(private readonly banks: Pick<HashBankRepository, 'findExact' | 'findEntries' | 'publish'>, private readonly clock: Clock, pdq?: PdqCandidateFinder) {
    this.lookup = new KnownMediaLookup(banks, pdq);
  }

  async execute(report: ReportSubmittedV1, correlationId: string): Promise<EventEnvelope[]> {
    const lookups = await this.lookup.lookupMany(
      report.media.map((media) => ({
        // Whichever digests the item has: a partner's file may come with only an MD5, or only a PDQ.
        digests: (['sha256', 'sha1', 'md5'] as const).flatMap((type) => (media[type] ? [{ type, value: media[type] }] : [])),
        // A report's PDQ without a quality is not matched on (quality unknown counts as too low).
        pdq: media.pdq ? { value: media.pdq, quality: media.pdqQuality ?? 0 } : undefined,
      })),
    );
    const at = this.clock.now();
    const events = report.media.map((media, index): EventEnvelope => {
      const { decision } = lookups[index];
      if (decision.matched && decision.best) {
        const { bank, entry, distance, kind, reason } = decision.best;
        const payload: MediaMatchedV1 = {
          reportId: report.reportId,
          mediaId: media.mediaId,
          ...(media.sha256 ? { sha256: media.sha256 } : {}),
          matchKind: kind,
          distance,
          bankId: bank.id,
          bankName: bank.name,
          entryId: entry.id,
          classification: entry.classification,
          reason,
          series: entry.series,
        };
        return envelope(MEDIA_MATCHED_V1, 'hash-detection', payload, { correlationId, occurredAt: at });
      }
      const payload: MediaUnknownV1 = { reportId: report.reportId, mediaId: media.mediaId, ...(media.sha256 ? { sha256: media.sha256 } : {}) };
      return envelope(MEDIA_UNKNOWN_V1, 'hash-detection', payload, { correlationId, occurredAt: at });
    });
    await this.banks.publish(events);
    return events;
  }
}
