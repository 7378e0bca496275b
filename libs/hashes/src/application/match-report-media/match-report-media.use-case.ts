import { envelope, MEDIA_MATCHED_V1, MEDIA_UNKNOWN_V1, type EventEnvelope, type MediaMatchedV1, type MediaUnknownV1, type ReportSubmittedV1 } from '@vigil/contracts';
import type { Clock } from '@vigil/kernel';
import { decideMatch } from '../../domain/banks/match-decision';
import type { HashBankRepository } from '../../ports/hash-bank.repository';
import type { PdqCandidateFinder } from '../../ports/pdq-candidate-finder';

/** PDQ hashes below this quality are not matched on, as PDQ specifies. */
const MIN_PDQ_QUALITY = 50;
/** The widest distance asked of the index; each bank's own threshold then applies. */
const PDQ_SEARCH_DISTANCE = 31;

/**
 * Matches every media item of a submitted report against the banks and answers each with
 * `media.matched.v1` or `media.unknown.v1` (unknown items are for human review).
 */
export class MatchReportMediaUseCase {
  constructor(private readonly banks: HashBankRepository, private readonly clock: Clock, private readonly pdq?: PdqCandidateFinder) {}

  async execute(report: ReportSubmittedV1, correlationId: string): Promise<EventEnvelope[]> {
    const events: EventEnvelope[] = [];
    for (const media of report.media) {
      const candidates = await this.banks.findExact([
        { type: 'sha256', value: media.sha256 },
        { type: 'md5', value: media.md5 },
      ]);
      if (this.pdq && media.pdq && (media.pdqQuality ?? 0) >= MIN_PDQ_QUALITY) {
        const near = await this.pdq.findNear(media.pdq, PDQ_SEARCH_DISTANCE);
        const distances = new Map(near.map((hit) => [hit.entryId, hit.distance]));
        const entries = await this.banks.findEntries([...distances.keys()]);
        candidates.push(...entries.map((found) => ({ ...found, distance: distances.get(found.entry.id) ?? Number.MAX_SAFE_INTEGER })));
      }
      const decision = decideMatch(candidates);
      const at = this.clock.now();
      if (decision.matched && decision.best) {
        const { bank, entry, distance, kind, reason } = decision.best;
        const payload: MediaMatchedV1 = {
          reportId: report.reportId,
          mediaId: media.mediaId,
          sha256: media.sha256,
          matchKind: kind,
          distance,
          bankId: bank.id,
          bankName: bank.name,
          entryId: entry.id,
          classification: entry.classification,
          reason,
          series: entry.series,
        };
        events.push(envelope(MEDIA_MATCHED_V1, 'hash-detection', payload, { correlationId, occurredAt: at }));
      } else {
        const payload: MediaUnknownV1 = { reportId: report.reportId, mediaId: media.mediaId, sha256: media.sha256 };
        events.push(envelope(MEDIA_UNKNOWN_V1, 'hash-detection', payload, { correlationId, occurredAt: at }));
      }
    }
    await this.banks.publish(events);
    return events;
  }
}
