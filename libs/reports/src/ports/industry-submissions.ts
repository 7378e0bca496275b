/** What a partner sent, kept beside the report it became. */
export interface IndustrySubmission {
  partnerId: string;
  partnerName: string;
  partnerReference: string;
  reportId: string;
  format: 'json' | 'cybertip-xml';
  /** The body exactly as received (XML text or JSON). */
  original: string;
  /** The normalised intake: incidents, reported users, files… as the API documents them. */
  intake: unknown;
  receivedAt: string;
}

/** Another request recorded the same (partner, partnerReference) first. */
export class DuplicateSubmissionError extends Error {
  constructor(readonly partnerId: string, readonly partnerReference: string) {
    super(`partner ${partnerId} already sent report ${partnerReference}`);
  }
}

/**
 * Industry reports by (partner, partner reference): a partner's retry is recognised here. A
 * unique index makes concurrent retries safe: the second insert fails with
 * DuplicateSubmissionError and its transaction (report, outbox) rolls back.
 */
export interface IndustrySubmissions {
  findReportId(partnerId: string, partnerReference: string): Promise<string | undefined>;
  /** In the caller's transaction; throws DuplicateSubmissionError on a repeat. */
  record(submission: IndustrySubmission): Promise<void>;
  byReportId(reportId: string): Promise<IndustrySubmission | undefined>;
}

export const INDUSTRY_SUBMISSIONS = Symbol('IndustrySubmissions');
