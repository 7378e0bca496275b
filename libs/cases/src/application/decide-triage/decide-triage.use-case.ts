import { type Clock, NotFoundError } from '@vigil/kernel';
import { Case } from '../../domain/case';
import type { Referral } from '../../domain/referral';
import type { TriageDecisionInput } from '../../domain/triage';
import type { CaseRepository } from '../../ports/case.repository';

/** An investigator decides a referral's validity and urgency; departures from the proposal are recorded. */
export class DecideTriageUseCase {
  constructor(private readonly cases: CaseRepository, private readonly clock: Clock) {}

  async execute(referralId: string, input: TriageDecisionInput, investigator: string): Promise<Referral> {
    const snapshot = await this.cases.findByReferralId(referralId);
    if (!snapshot) throw new NotFoundError('referral', referralId);
    const kase = Case.restore(snapshot);
    const referral = kase.decideTriage(referralId, input, investigator, this.clock.now());
    await this.cases.save([kase]);
    return referral;
  }
}
