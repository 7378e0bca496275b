/**
 * The person on whose behalf evidence is fetched. Their own credentials travel with the request
 * so the service holding the evidence (the tipline) authorises and audits that person, not us.
 */
export interface OnBehalfOf {
  bearerToken: string;
}

export interface EvidenceBytes {
  contentType: string;
  content: Uint8Array;
}

/** Where the media of a review item are fetched from. Rejects with NotFoundError or ForbiddenError. */
export interface EvidenceSource {
  fetch(mediaId: string, onBehalfOf: OnBehalfOf): Promise<EvidenceBytes>;
}

export const EVIDENCE_SOURCE = Symbol('EvidenceSource');
