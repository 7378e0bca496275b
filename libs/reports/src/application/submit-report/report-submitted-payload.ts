import type { MediaDigestV1, ReportSubmittedV1 } from '@vigil/contracts';
import type { ReportMedia, ReportSnapshot } from '../../domain/report';

/** What hash-detection is told of a new report, public or industry: digests only, never media bytes. */
export function reportSubmittedPayload(state: ReportSnapshot): ReportSubmittedV1 {
  return {
    reportId: state.id,
    reference: state.reference,
    incidentType: state.incidentType,
    source: state.source,
    urls: state.urls,
    media: mediaDigests(state.media),
    priority: state.priority,
    priorityReasons: state.priorityReasons.map((reason) => `${reason.rule}: ${reason.detail}`),
  };
}

/** The digests present, and no keys for those absent (a partner's file may have only an MD5). */
export function mediaDigests(media: readonly ReportMedia[]): MediaDigestV1[] {
  return media.map(({ mediaId, sha256, md5, sha1, pdq, pdqQuality, bytes, contentType }) => ({
    mediaId,
    ...(sha256 ? { sha256 } : {}),
    ...(md5 ? { md5 } : {}),
    ...(sha1 ? { sha1 } : {}),
    ...(pdq ? { pdq } : {}),
    ...(pdqQuality !== undefined ? { pdqQuality } : {}),
    bytes,
    contentType,
  }));
}
