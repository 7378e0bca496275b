import type { Clock } from '@vigil/kernel';
import { Case, caseReference, type CaseSnapshot } from '../../domain/case';
import { chooseCase, describeLink, type LinkProposal } from '../../domain/linking';
import { receiveReferral, type ReferralDraft } from '../../domain/referral';
import type { CaseRepository, ReferralOriginal } from '../../ports/case.repository';

export interface ReceiveReferralResult {
  /** False when this source reference was received before: nothing new was stored. */
  created: boolean;
  referralId: string;
  caseId: string;
  caseReference: string;
  /** The referral joined an existing case about the same suspect (and why). */
  attachedBecause?: string;
  /** Other open cases that look to be about the same suspect, for an investigator to merge. */
  linkProposals: LinkProposal[];
}

/**
 * Every intake path ends here: a referral is checked, triage is proposed, and it joins the open
 * case it shares a strong suspect identifier with, or opens a case. A retry of a referral already
 * received (same source reference) stores nothing and answers with where it is.
 */
export class ReceiveReferralUseCase {
  constructor(private readonly cases: CaseRepository, private readonly clock: Clock, private readonly newId: () => string) {}

  async execute(draft: Omit<ReferralDraft, 'id'>, original?: ReferralOriginal): Promise<ReceiveReferralResult> {
    const existing = await this.cases.findBySourceReportId(draft.sourceReportId);
    if (existing) return this.alreadyReceived(existing, draft.sourceReportId);

    const referral = receiveReferral({ ...draft, id: this.newId() });
    const candidates = await this.cases.findOpenCasesSharing(referral.identifiers);
    const { attachTo, proposals } = chooseCase(referral.identifiers, candidates);
    const now = this.clock.now();
    let kase: Case;
    let attachedBecause: string | undefined;
    if (attachTo) {
      kase = Case.restore(candidates.find((candidate) => candidate.id === attachTo.caseId) as CaseSnapshot);
      attachedBecause = `shares a strong identifier with ${attachTo.reference}: ${describeLink(attachTo)}`;
      kase.attach(referral, now, attachedBecause, attachTo.shared);
    } else {
      const sequence = await this.cases.nextSequence(now.getUTCFullYear());
      kase = Case.open({ id: this.newId(), reference: caseReference(now.getUTCFullYear(), sequence), openedAt: now, referral });
    }
    await this.cases.save([kase], original ? new Map([[referral.id, original]]) : undefined);
    const state = kase.snapshot();
    return { created: true, referralId: referral.id, caseId: state.id, caseReference: state.reference, ...(attachedBecause ? { attachedBecause } : {}), linkProposals: proposals };
  }

  private alreadyReceived(kase: CaseSnapshot, sourceReportId: string): ReceiveReferralResult {
    const referral = kase.reports.find((item) => item.sourceReportId === sourceReportId);
    return { created: false, referralId: referral?.id ?? '', caseId: kase.id, caseReference: kase.reference, linkProposals: [] };
  }
}
