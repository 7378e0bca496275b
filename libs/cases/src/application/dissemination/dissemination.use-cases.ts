import { envelope, REFERRAL_ACKNOWLEDGED_V1, REFERRAL_DISSEMINATED_V1, type ReferralAcknowledgedV1, type ReferralDisseminatedV1 } from '@vigil/contracts';
import { type Clock, ConflictError, NotFoundError, ValidationError } from '@vigil/kernel';
import { Dissemination, DisseminationVersionConflict, type DisseminationSnapshot, type OutcomeReport, type ReferralOutcome } from '../../domain/dissemination';
import type { PackageKind } from '../../domain/investigation-package';
import type { CaseRepository } from '../../ports/case.repository';
import type { DisseminationRepository, PackageRepository } from '../../ports/package.ports';

/**
 * Sends a case's latest package (or lead) to a police service: recorded, and announced as
 * referral.disseminated.v1 through the outbox in the same transaction.
 */
export class DisseminateCaseUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly packages: PackageRepository,
    private readonly disseminations: DisseminationRepository,
    private readonly clock: Clock,
    private readonly newId: () => string,
    private readonly isPoliceService: (id: string) => boolean,
  ) {}

  async execute(caseId: string, policeServiceId: string, kind: PackageKind, by: string): Promise<DisseminationSnapshot> {
    const kase = await this.cases.findById(caseId);
    if (!kase) throw new NotFoundError('case', caseId);
    if (!this.isPoliceService(policeServiceId)) throw new ValidationError(`policeServiceId: ${policeServiceId} is not a police service in the registry`, 'policeServiceId');
    const built = await this.packages.latest(caseId, kind);
    if (!built) throw new ConflictError(`case ${kase.reference} has no ${kind} yet: build one (POST /api/v1/cases/${caseId}/packages) before disseminating`);
    const now = this.clock.now();
    const dissemination = Dissemination.send({
      id: this.newId(), caseId, caseReference: kase.reference, policeServiceId, kind, packageVersion: built.version, manifestSha256: built.manifest.manifestSha256,
      disseminatedBy: by, disseminatedAt: now.toISOString(),
    }).snapshot();
    const payload: ReferralDisseminatedV1 = {
      disseminationId: dissemination.id, caseId, caseReference: kase.reference, policeServiceId, kind, packageVersion: built.version,
      manifestSha256: built.manifest.manifestSha256, disseminatedBy: by, disseminatedAt: dissemination.disseminatedAt,
    };
    await this.disseminations.save(dissemination, [envelope(REFERRAL_DISSEMINATED_V1, 'referral-hub', payload, { correlationId: caseId, occurredAt: now })]);
    return dissemination;
  }
}

/** Attempts at an outcome that named no version, when other outcomes keep landing first. */
const OUTCOME_ATTEMPTS = 3;

/**
 * The police service's side: only referrals addressed to it exist for it (another agency's
 * referral answers 404, as if it did not exist).
 *
 * Writes are optimistic: each names the version it was based on, and the repository refuses it
 * when the stored version moved meanwhile (DisseminationVersionConflict, 409). A caller that named
 * a version (If-Match) gets that 409 to re-read; an outcome that named none is an append that
 * cannot contradict another, so it is retried on the fresh state.
 */
export class PoliceServiceReferralsUseCase {
  constructor(private readonly disseminations: DisseminationRepository, private readonly clock: Clock) {}

  async get(id: string, policeServiceId: string): Promise<DisseminationSnapshot> {
    const found = await this.disseminations.findById(id);
    if (!found || found.policeServiceId !== policeServiceId) throw new NotFoundError('referral', id);
    return found;
  }

  async acknowledge(id: string, policeServiceId: string, by: string, expectedVersion?: number): Promise<DisseminationSnapshot> {
    const dissemination = Dissemination.restore(await this.get(id, policeServiceId));
    const now = this.clock.now();
    if (!dissemination.acknowledge(by, now, expectedVersion)) return dissemination.snapshot();
    const state = dissemination.snapshot();
    const payload: ReferralAcknowledgedV1 = { disseminationId: id, caseId: state.caseId, policeServiceId, acknowledgedBy: by, acknowledgedAt: state.acknowledgedAt as string };
    try {
      await this.disseminations.save(state, [envelope(REFERRAL_ACKNOWLEDGED_V1, 'referral-hub', payload, { correlationId: state.caseId, occurredAt: now })]);
    } catch (error) {
      if (!(error instanceof DisseminationVersionConflict)) throw error;
      // Two acknowledgements at once: the other one won, and ours is a repeat of it.
      const current = await this.get(id, policeServiceId);
      if (current.acknowledgedAt) return current;
      throw error;
    }
    return state;
  }

  /** The outcome as recorded, with the referral's version after it (for the next If-Match). */
  async reportOutcome(
    id: string,
    policeServiceId: string,
    input: { outcome: ReferralOutcome; at: string; note?: string },
    by: string,
    expectedVersion?: number,
  ): Promise<OutcomeReport & { version: number }> {
    for (let attempt = 1; ; attempt++) {
      const dissemination = Dissemination.restore(await this.get(id, policeServiceId));
      const report = dissemination.reportOutcome(input, by, this.clock.now(), expectedVersion);
      try {
        await this.disseminations.save(dissemination.snapshot(), []);
        return { ...report, version: dissemination.version };
      } catch (error) {
        if (!(error instanceof DisseminationVersionConflict) || expectedVersion !== undefined || attempt >= OUTCOME_ATTEMPTS) throw error;
      }
    }
  }
}
