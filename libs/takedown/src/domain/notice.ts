/**
 * A takedown notice to a hosting provider about one URL. It stays open, and is re-sent every
 * resend interval (24 h by default), until removal is confirmed or a person closes it.
 */
export interface NoticeProps {
  id: string;
  urlId: string;
  providerId: string;
  issuedAt: string;
  issuedBy: string;
  reason: string;
  /** Delivery attempts so far, failed ones included. */
  attempts: number;
  firstSentAt?: string;
  lastSentAt?: string;
  /** "sent by webhook (HTTP 202)", "failed: connection refused"… */
  lastOutcome?: string;
  /** When the next (re-)send is due; none once the notice is closed. */
  nextDueAt?: string;
  confirmedRemovedAt?: string;
  closedAt?: string;
  closedReason?: string;
}

export interface ResendPolicy {
  /** Between deliveries of an open notice (24 h). */
  resendMs: number;
  /** After a failed delivery: sooner than a resend, so a provider's outage does not cost a day. */
  retryAfterFailureMs: number;
}

export const DEFAULT_RESEND_POLICY: ResendPolicy = { resendMs: 24 * 3600_000, retryAfterFailureMs: 15 * 60_000 };

export function newNotice(input: { id: string; urlId: string; providerId: string; at: Date; issuedBy: string; reason: string }): NoticeProps {
  const at = input.at.toISOString();
  // Due at once: the sweep (or the "issue now" request) sends it.
  return { id: input.id, urlId: input.urlId, providerId: input.providerId, issuedAt: at, issuedBy: input.issuedBy, reason: input.reason, attempts: 0, nextDueAt: at };
}

/** When the notice is due again after a delivery attempt. */
export function nextNoticeDue(at: Date, delivered: boolean, policy: ResendPolicy): Date {
  return new Date(at.getTime() + (delivered ? policy.resendMs : Math.min(policy.retryAfterFailureMs, policy.resendMs)));
}

export function isOpen(notice: NoticeProps): boolean {
  return notice.closedAt === undefined;
}

/**
 * Hours from the first delivery (or the issue, if no delivery succeeded) to the confirmed
 * removal; undefined while the content is up. The figure is an upper bound: removal is
 * noticed at the next check, not the moment the provider acted.
 */
export function hoursToRemoval(notice: Pick<NoticeProps, 'issuedAt' | 'firstSentAt' | 'confirmedRemovedAt'>): number | undefined {
  if (!notice.confirmedRemovedAt) return undefined;
  const start = Date.parse(notice.firstSentAt ?? notice.issuedAt);
  return Math.max(0, Date.parse(notice.confirmedRemovedAt) - start) / 3600_000;
}
