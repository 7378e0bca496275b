import { ServiceUnavailableException } from '@nestjs/common';
import type { EvidenceBytes, EvidenceSource, OnBehalfOf } from '@vigil/hashes';
import { ForbiddenError, NotFoundError } from '@vigil/kernel';

/** The tipline takes files up to 20 MB; anything much bigger is not one of its evidence files. */
const MAX_EVIDENCE_BYTES = 25 * 1024 * 1024;

/**
 * Fetches review media from the tipline's `GET /api/v1/evidence/:mediaId` with the reviewer's
 * own bearer token (the services share the JWT secret), so the tipline authorises and audits the
 * reviewer, not this service. hash-detection keeps no copy: the bytes live only while a preview
 * is rendered.
 */
export class TiplineEvidenceSource implements EvidenceSource {
  constructor(private readonly tiplineUrl: string, private readonly timeoutMs = 10_000) {}

  async fetch(mediaId: string, onBehalfOf: OnBehalfOf): Promise<EvidenceBytes> {
    let response: Response;
    try {
      response = await fetch(`${this.tiplineUrl}/api/v1/evidence/${encodeURIComponent(mediaId)}`, {
        headers: { authorization: `Bearer ${onBehalfOf.bearerToken}` },
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new ServiceUnavailableException(`the tipline's evidence store could not be reached (${(error as Error).message}); try again shortly`);
    }
    if (response.status === 404) throw new NotFoundError('evidence file', mediaId);
    if (response.status === 401 || response.status === 403) throw new ForbiddenError(`the tipline refused to hand over evidence ${mediaId} to you (${response.status})`);
    if (!response.ok) throw new ServiceUnavailableException(`the tipline's evidence store answered ${response.status}; try again shortly`);
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > MAX_EVIDENCE_BYTES) throw new ServiceUnavailableException(`evidence ${mediaId} is larger than any evidence file should be`);
    const content = new Uint8Array(await response.arrayBuffer());
    if (content.length > MAX_EVIDENCE_BYTES) throw new ServiceUnavailableException(`evidence ${mediaId} is larger than any evidence file should be`);
    return { contentType: response.headers.get('content-type') ?? 'application/octet-stream', content };
  }
}
