import { ConflictError } from '@vigil/kernel';
import type { Case, CaseSnapshot } from '../domain/case';
import type { IdentifierKind } from '../domain/identifiers';
import type { ReferralSource } from '../domain/referral';
import type { TriageProposal, UrgencyLevel } from '../domain/triage';

/** The document a referral arrived as, kept unchanged. */
export interface ReferralOriginal {
  contentType: string;
  body: string;
}

/** One referral waiting for an investigator's triage decision. */
export interface TriageQueueItem {
  referralId: string;
  caseId: string;
  caseReference: string;
  origin: ReferralSource;
  reference: string;
  incidentType: string;
  receivedAt: string;
  urgency: UrgencyLevel;
  proposed: TriageProposal;
}

/** Another referral already holds this source reference (a retried or concurrent intake). */
export class DuplicateReferralError extends ConflictError {
  constructor(readonly sourceReportId: string) {
    super(`a referral with source reference ${sourceReportId} was already received`, 'sourceReportId');
  }
}

export interface CaseRepository {
  nextSequence(year: number): Promise<number>;
  /**
   * Saves cases in one transaction: new referrals with their originals, moved referrals, the
   * cases' state. Throws DuplicateReferralError when a new referral's source reference is taken,
   * ConflictError when a case changed since it was read (its version).
   */
  save(cases: Case[], originals?: ReadonlyMap<string, ReferralOriginal>): Promise<void>;
  findById(id: string): Promise<CaseSnapshot | undefined>;
  findByReferralId(referralId: string): Promise<CaseSnapshot | undefined>;
  findBySourceReportId(sourceReportId: string): Promise<CaseSnapshot | undefined>;
  /** Open cases holding a referral with one of these identifiers. */
  findOpenCasesSharing(identifiers: ReadonlyArray<{ kind: IdentifierKind; value: string }>): Promise<CaseSnapshot[]>;
  original(referralId: string): Promise<ReferralOriginal | undefined>;
  /** Open cases, newest first. */
  list(limit: number): Promise<CaseSnapshot[]>;
  /** Undecided referrals of open cases, most urgent (as proposed) first, then oldest. */
  triageQueue(limit: number): Promise<TriageQueueItem[]>;
}

export const CASE_REPOSITORY = Symbol('CaseRepository');
