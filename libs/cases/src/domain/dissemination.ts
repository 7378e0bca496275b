import { ConflictError, ValidationError } from '@vigil/kernel';
import type { PackageKind } from './investigation-package';

export const REFERRAL_OUTCOMES = ['investigation-opened', 'search-warrant', 'arrest', 'charges', 'child-safeguarded', 'victim-identified', 'no-further-action'] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

/** Referrals not acknowledged within this many hours are re-flagged in the staff queue (REFERRAL_ACK_HOURS). */
export const DEFAULT_ACK_HOURS = 72;

export interface OutcomeReport {
  outcome: ReferralOutcome;
  /** When it happened, as the police service says. */
  at: string;
  note?: string;
  reportedBy: string;
  reportedAt: string;
}

export interface DisseminationSnapshot {
  id: string;
  caseId: string;
  caseReference: string;
  policeServiceId: string;
  kind: PackageKind;
  packageVersion: number;
  manifestSha256: string;
  disseminatedBy: string;
  disseminatedAt: string;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
  outcomes: OutcomeReport[];
  /**
   * Starts at 1 and goes up with each change (acknowledgement, outcome). A partner's write may
   * name the version it read (If-Match): a stale one is refused rather than overwriting.
   */
  version: number;
}

/** The referral changed since the caller read it: 409, naming the version it is at now. */
export class DisseminationVersionConflict extends ConflictError {
  constructor(readonly disseminationId: string, readonly currentVersion: number, readonly expectedVersion: number) {
    super(`version: referral ${disseminationId} is at version ${currentVersion}, not ${expectedVersion}: read it again and retry`, 'version');
  }
}

/** One case sent to one police service, and what the service did with it. */
export class Dissemination {
  private constructor(private readonly state: DisseminationSnapshot) {}

  static send(input: Omit<DisseminationSnapshot, 'outcomes' | 'acknowledgedBy' | 'acknowledgedAt' | 'version'>): Dissemination {
    if (!input.policeServiceId?.trim()) throw new ValidationError('policeServiceId is required', 'policeServiceId');
    return new Dissemination({ ...input, outcomes: [], version: 1 });
  }

  static restore(snapshot: DisseminationSnapshot): Dissemination {
    return new Dissemination(structuredClone(snapshot));
  }

  snapshot(): DisseminationSnapshot {
    return structuredClone(this.state);
  }

  get version(): number {
    return this.state.version;
  }

  /** Refuses a write based on another version than this one; no expectation, no check. */
  expectVersion(expected: number | undefined): void {
    if (expected !== undefined && expected !== this.state.version) throw new DisseminationVersionConflict(this.state.id, this.state.version, expected);
  }

  /**
   * Returns false when it was acknowledged already: a retried call changes nothing, whatever
   * version it names, so a partner's retry after a lost response is never an error.
   */
  acknowledge(by: string, at: Date, expectedVersion?: number): boolean {
    if (this.state.acknowledgedAt) return false;
    this.expectVersion(expectedVersion);
    this.state.acknowledgedBy = by;
    this.state.acknowledgedAt = at.toISOString();
    this.state.version += 1;
    return true;
  }

  reportOutcome(input: { outcome: ReferralOutcome; at: string; note?: string }, by: string, now: Date, expectedVersion?: number): OutcomeReport {
    if (!(REFERRAL_OUTCOMES as readonly string[]).includes(input.outcome)) throw new ValidationError(`outcome must be one of ${REFERRAL_OUTCOMES.join(', ')}`, 'outcome');
    const at = Date.parse(input.at);
    if (Number.isNaN(at)) throw new ValidationError('at must be an ISO 8601 date-time', 'at');
    if (at > now.getTime() + 5 * 60_000) throw new ValidationError('at cannot be in the future', 'at');
    if (!this.state.acknowledgedAt) throw new ConflictError('acknowledge the referral before reporting outcomes');
    this.expectVersion(expectedVersion);
    const report: OutcomeReport = { outcome: input.outcome, at: new Date(at).toISOString(), ...(input.note?.trim() ? { note: input.note.trim() } : {}), reportedBy: by, reportedAt: now.toISOString() };
    this.state.outcomes.push(report);
    this.state.version += 1;
    return report;
  }
}

/** Unacknowledged for longer than the allowed hours: the staff queue re-flags it. */
export function isOverdue(dissemination: DisseminationSnapshot, now: Date, ackHours: number = DEFAULT_ACK_HOURS): boolean {
  return !dissemination.acknowledgedAt && now.getTime() - Date.parse(dissemination.disseminatedAt) > ackHours * 3_600_000;
}
