import type { ReportSubmittedV1 } from '@vigil/contracts';
import type { ReportSnapshot } from '../../domain/report';

/** What hash-detection is told of a new report, public or industry: digests only, never media bytes. */
export function reportSubmittedPayload(state: ReportSnapshot): ReportSubmittedV1 {
  return {
    reportId: state.id,
    reference: state.reference,
    incidentType: state.incidentType,
    source: state.source,
    urls: state.urls,
    media: state.media.map(({ mediaId, sha256, md5, pdq, pdqQuality, bytes, contentType }) => ({ mediaId, sha256, md5, pdq, pdqQuality, bytes, contentType })),
    priority: state.priority,
    priorityReasons: state.priorityReasons.map((reason) => `${reason.rule}: ${reason.detail}`),
  };
}
