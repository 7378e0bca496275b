import { ConflictError, NotFoundError, ValidationError } from '@vigil/kernel';
import type { SharedIdentifier, SuspectIdentifier } from './identifiers';
import type { Referral } from './referral';
import { decideTriage, type TriageDecisionInput } from './triage';

export type CaseStatus = 'open' | 'merged' | 'closed';

export type CaseAction = 'opened' | 'referral-attached' | 'triage-decided' | 'merged-in' | 'merged-into' | 'split-off' | 'split-from' | 'jurisdiction-overridden';

/** The case's timeline: who did what, when, and why. */
export interface CaseHistoryEntry {
  at: string;
  actor: string;
  action: CaseAction;
  detail: Record<string, unknown>;
}

/** An investigator's choice of jurisdiction: a code (CA-ON, FR) or a police service id. */
export interface JurisdictionOverride {
  target: string;
  reason: string;
  by: string;
  at: string;
}

export interface CaseSnapshot {
  id: string;
  reference: string;
  status: CaseStatus;
  openedAt: string;
  /** The case this one was merged into. */
  mergedInto?: string;
  /** Optimistic concurrency: the repository refuses to save over a newer version. */
  version: number;
  reports: Referral[];
  jurisdictionOverride?: JurisdictionOverride;
  history: CaseHistoryEntry[];
}

/**
 * A case gathers the referrals about one suspect or incident, across sources. Investigators merge
 * cases found to be about the same suspect and split off referrals that are not; each change is on
 * the case's timeline with who made it and why.
 */
export class Case {
  private constructor(private readonly state: CaseSnapshot) {}

  static open(input: { id: string; reference: string; openedAt: Date; referral: Referral; actor?: string; reason?: string }): Case {
    const at = input.openedAt.toISOString();
    return new Case({
      id: input.id,
      reference: input.reference,
      status: 'open',
      openedAt: at,
      version: 0,
      reports: [structuredClone(input.referral)],
      // `rule` names the automatic opening, so a UI can say it in its reader's language; a person's opening (a split) carries their reason.
      history: [
        {
          at,
          actor: input.actor ?? 'system',
          action: 'opened',
          detail: input.reason ? { referralId: input.referral.id, reason: input.reason } : { referralId: input.referral.id, reason: 'new referral with no known suspect identifier', rule: 'no-known-identifier' },
        },
      ],
    });
  }

  static restore(snapshot: CaseSnapshot): Case {
    return new Case(structuredClone(snapshot));
  }

  get id(): string {
    return this.state.id;
  }

  snapshot(): CaseSnapshot {
    return structuredClone(this.state);
  }

  identifiers(): SuspectIdentifier[] {
    return this.state.reports.flatMap((referral) => referral.identifiers);
  }

  referral(referralId: string): Referral {
    const found = this.state.reports.find((referral) => referral.id === referralId);
    if (!found) throw new NotFoundError('referral', referralId);
    return structuredClone(found);
  }

  /**
   * A new referral about this case's suspect; `reason` says why it was attached, in English, and
   * `shared` (the identifiers it shares, with their codes) lets a UI say it in its reader's language.
   */
  attach(referral: Referral, at: Date, reason: string, shared?: readonly SharedIdentifier[]): void {
    this.assertOpen();
    this.state.reports.push(structuredClone(referral));
    const link = shared ? { rule: 'shared-strong-identifier', shared: shared.map(({ kind, value, strong, code, values }) => ({ kind, value, strong, code, values })) } : {};
    this.record(at, 'system', 'referral-attached', { referralId: referral.id, reason, ...link });
  }

  decideTriage(referralId: string, input: TriageDecisionInput, by: string, at: Date): Referral {
    this.assertOpen();
    const referral = this.state.reports.find((item) => item.id === referralId);
    if (!referral) throw new NotFoundError('referral', referralId);
    referral.triage = decideTriage(referral.triage, input, by, at);
    this.record(at, by, 'triage-decided', { referralId, decision: referral.triage.decision, reason: input.reason });
    return structuredClone(referral);
  }

  /** Takes in every referral of `other`, which is closed as merged into this case. */
  absorb(other: Case, by: string, reason: string, at: Date): void {
    requireReason(reason);
    if (other.state.id === this.state.id) throw new ValidationError('otherCaseId: a case cannot be merged into itself', 'otherCaseId');
    this.assertOpen();
    other.assertOpen();
    const moved = other.state.reports.map((referral) => referral.id);
    this.state.reports.push(...other.state.reports);
    other.state.reports = [];
    other.state.status = 'merged';
    other.state.mergedInto = this.state.id;
    this.record(at, by, 'merged-in', { otherCaseId: other.state.id, otherReference: other.state.reference, referralIds: moved, reason });
    other.record(at, by, 'merged-into', { caseId: this.state.id, reference: this.state.reference, referralIds: moved, reason });
  }

  /** Moves referrals that are not about this case's suspect to a new case. */
  splitOff(referralIds: string[], next: { id: string; reference: string }, by: string, reason: string, at: Date): Case {
    requireReason(reason);
    this.assertOpen();
    if (!Array.isArray(referralIds) || referralIds.length === 0) throw new ValidationError('referralIds must name at least one referral to split off', 'referralIds');
    for (const id of referralIds) {
      if (!this.state.reports.some((referral) => referral.id === id)) throw new ValidationError(`referralIds: ${id} is not in case ${this.state.reference}`, 'referralIds');
    }
    if (referralIds.length >= this.state.reports.length) throw new ValidationError('referralIds: at least one referral must stay in the case', 'referralIds');
    const moving = this.state.reports.filter((referral) => referralIds.includes(referral.id));
    this.state.reports = this.state.reports.filter((referral) => !referralIds.includes(referral.id));
    const iso = at.toISOString();
    const split = new Case({
      id: next.id,
      reference: next.reference,
      status: 'open',
      openedAt: iso,
      version: 0,
      reports: moving,
      history: [{ at: iso, actor: by, action: 'split-from', detail: { caseId: this.state.id, reference: this.state.reference, referralIds, reason } }],
    });
    this.record(at, by, 'split-off', { newCaseId: next.id, newReference: next.reference, referralIds, reason });
    return split;
  }

  overrideJurisdiction(target: string, reason: string, by: string, at: Date): void {
    requireReason(reason);
    this.assertOpen();
    if (!target?.trim()) throw new ValidationError('target must be a jurisdiction code (CA-ON, FR) or a police service id', 'target');
    const previous = this.state.jurisdictionOverride?.target;
    this.state.jurisdictionOverride = { target: target.trim(), reason: reason.trim(), by, at: at.toISOString() };
    this.record(at, by, 'jurisdiction-overridden', { from: previous ?? 'resolved from evidence', to: target.trim(), reason });
  }

  private assertOpen(): void {
    if (this.state.status !== 'open') {
      throw new ConflictError(`case ${this.state.reference} is ${this.state.status}${this.state.mergedInto ? ` into ${this.state.mergedInto}` : ''}: work on the open case`);
    }
  }

  private record(at: Date, actor: string, action: CaseAction, detail: Record<string, unknown>): void {
    this.state.history.push({ at: at.toISOString(), actor, action, detail });
  }
}

function requireReason(reason: string): void {
  if (typeof reason !== 'string' || !reason.trim()) throw new ValidationError('reason is required', 'reason');
}

/** Case references read like NCECC file numbers: year and a sequence, e.g. VGL-C-2026-000042. */
export function caseReference(year: number, sequence: number): string {
  return `VGL-C-${year}-${String(sequence).padStart(6, '0')}`;
}
