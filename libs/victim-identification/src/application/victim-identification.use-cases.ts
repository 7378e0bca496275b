import { envelope, VICTIM_IDENTIFIED_V1, type VictimIdentifiedV1 } from '@vigil/contracts';
import { NotFoundError, ValidationError, type Clock } from '@vigil/kernel';
import { advanceIcse, recordIdentification, type IcseState, type IdentifiedVictim, type RecordIdentification, type VictimReferenceData } from '../domain/identified-victim';
import { victimFiguresForYear, type VictimFigures } from '../domain/victim-figures';
import type { VictimRepository } from '../ports/victim.repository';

/** Whether a case exists, so a linked case id is never a dangling one. */
export type CaseExists = (caseId: string) => Promise<boolean>;

/**
 * Records an identification and announces it as victim.identified.v1 (outbox, same transaction),
 * so hash-detection flags the victim's series and hashes in its banks.
 */
export class RecordIdentificationUseCase {
  constructor(
    private readonly victims: VictimRepository,
    private readonly clock: Clock,
    private readonly newId: () => string,
    private readonly reference: VictimReferenceData,
    private readonly caseExists: CaseExists,
  ) {}

  async execute(input: Omit<RecordIdentification, 'id'>, by: string): Promise<IdentifiedVictim> {
    const now = this.clock.now();
    const victim = recordIdentification({ ...input, id: this.newId() }, { by, at: now, reference: this.reference });
    if (victim.caseId && !(await this.caseExists(victim.caseId))) throw new ValidationError(`caseId: no case ${victim.caseId}`, 'caseId');
    const payload: VictimIdentifiedV1 = {
      victimPseudonym: victim.pseudonym,
      ...(victim.caseId ? { caseId: victim.caseId } : {}),
      series: victim.series,
      hashes: victim.hashes,
      identifiedAt: `${victim.identifiedOn}T00:00:00.000Z`,
      agency: victim.identifyingAgency,
    };
    await this.victims.add(victim, [envelope(VICTIM_IDENTIFIED_V1, 'referral-hub', payload, { correlationId: victim.caseId ?? victim.id, occurredAt: now })]);
    return victim;
  }
}

/** Follows the record through INTERPOL's ICSE: submitted, then accepted with INTERPOL's reference. */
export class AdvanceIcseUseCase {
  constructor(private readonly victims: VictimRepository, private readonly clock: Clock) {}

  async execute(id: string, to: IcseState, by: string, interpolReference?: string): Promise<IdentifiedVictim> {
    const victim = await this.victims.findById(id);
    if (!victim) throw new NotFoundError('identified victim', id);
    const changed = advanceIcse(victim, to, { by, at: this.clock.now(), interpolReference });
    await this.victims.update(changed, []);
    return changed;
  }
}

/** Yearly figures with GBA Plus disaggregation, small cells suppressed (see victim-figures). */
export class VictimFiguresUseCase {
  constructor(private readonly victims: VictimRepository) {}

  async forYear(year: number): Promise<VictimFigures> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new ValidationError('year: a year such as 2026', 'year');
    return victimFiguresForYear(await this.victims.listForFigures(year), year);
  }
}
