import { type Clock, NotFoundError } from '@vigil/kernel';
import { Case, caseReference, type CaseSnapshot } from '../../domain/case';
import type { CaseRepository } from '../../ports/case.repository';

async function load(cases: CaseRepository, id: string, field: string): Promise<Case> {
  const snapshot = await cases.findById(id);
  if (!snapshot) throw new NotFoundError(field, id);
  return Case.restore(snapshot);
}

/** Two cases found to be about one suspect become one: the other case's referrals move here. */
export class MergeCasesUseCase {
  constructor(private readonly cases: CaseRepository, private readonly clock: Clock) {}

  async execute(caseId: string, otherCaseId: string, reason: string, investigator: string): Promise<CaseSnapshot> {
    const target = await load(this.cases, caseId, 'case');
    const other = await load(this.cases, otherCaseId, 'case');
    target.absorb(other, investigator, reason, this.clock.now());
    await this.cases.save([target, other]);
    return target.snapshot();
  }
}

/** Referrals found not to be about the case's suspect move to a new case. */
export class SplitCaseUseCase {
  constructor(private readonly cases: CaseRepository, private readonly clock: Clock, private readonly newId: () => string) {}

  async execute(caseId: string, referralIds: string[], reason: string, investigator: string): Promise<{ remaining: CaseSnapshot; split: CaseSnapshot }> {
    const kase = await load(this.cases, caseId, 'case');
    const now = this.clock.now();
    const sequence = await this.cases.nextSequence(now.getUTCFullYear());
    const split = kase.splitOff(referralIds, { id: this.newId(), reference: caseReference(now.getUTCFullYear(), sequence) }, investigator, reason, now);
    await this.cases.save([kase, split]);
    return { remaining: kase.snapshot(), split: split.snapshot() };
  }
}
