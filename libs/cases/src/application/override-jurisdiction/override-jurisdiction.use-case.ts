import { type Clock, NotFoundError, ValidationError } from '@vigil/kernel';
import { Case, type CaseSnapshot } from '../../domain/case';
import type { CaseRepository } from '../../ports/case.repository';

/**
 * An investigator names the jurisdiction (a code such as CA-ON or FR, or a police service id),
 * with a reason. `isKnownTarget` is the jurisdictions registry's check, passed in by the app.
 */
export class OverrideJurisdictionUseCase {
  constructor(private readonly cases: CaseRepository, private readonly clock: Clock, private readonly isKnownTarget: (target: string) => boolean) {}

  async execute(caseId: string, target: string, reason: string, investigator: string): Promise<CaseSnapshot> {
    const snapshot = await this.cases.findById(caseId);
    if (!snapshot) throw new NotFoundError('case', caseId);
    if (!this.isKnownTarget(target?.trim() ?? '')) throw new ValidationError('target must be a jurisdiction code (CA-ON, FR) or a known police service id', 'target');
    const kase = Case.restore(snapshot);
    kase.overrideJurisdiction(target, reason, investigator, this.clock.now());
    await this.cases.save([kase]);
    return kase.snapshot();
  }
}
