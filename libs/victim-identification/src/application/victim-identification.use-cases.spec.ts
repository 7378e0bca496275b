import type { EventEnvelope } from '@vigil/contracts';
import { validateEnvelope } from '@vigil/contracts';
import { FixedClock } from '@vigil/kernel';
import type { IdentifiedVictim } from '../domain/identified-victim';
import type { VictimRepository } from '../ports/victim.repository';
import { RecordIdentificationUseCase, VictimFiguresUseCase } from './victim-identification.use-cases';

/** Just enough of a repository to see what the use case hands it (persistence has its own integration test). */
class CapturingVictims implements VictimRepository {
  added: Array<{ victim: IdentifiedVictim; events: readonly EventEnvelope[] }> = [];
  async add(victim: IdentifiedVictim, events: readonly EventEnvelope[]) {
    this.added.push({ victim, events });
  }
  async update() {}
  async findById() {
    return undefined;
  }
  async list() {
    return this.added.map((row) => row.victim);
  }
  async listForFigures() {
    return this.added.map((row) => row.victim);
  }
}

const reference = { isPoliceService: (id: string) => id === 'manitoba-ice', isProvince: (code: string) => code === 'MB' };
const input = { pseudonym: 'VIC-7K3M9Q', ageBand: '12-14', gender: 'girl', province: 'MB', identifiedOn: '2026-11-01', identifyingAgency: 'manitoba-ice', series: ['Sunflower'], hashes: [{ type: 'md5', value: 'a'.repeat(32) }] };

describe('recording an identification', () => {
  const clock = new FixedClock(new Date('2026-11-23T12:00:00Z'));

  it('hands the record and a valid victim.identified.v1 to the repository together', async () => {
    const victims = new CapturingVictims();
    const useCase = new RecordIdentificationUseCase(victims, clock, () => 'id-1', reference, async () => true);
    const victim = await useCase.execute({ ...input, caseId: '11111111-1111-4111-8111-111111111111' }, 'victimid');
    expect(victims.added).toHaveLength(1);
    const [event] = victims.added[0].events;
    expect(event.type).toBe('victim.identified.v1');
    expect(validateEnvelope(event)).toMatchObject({
      victimPseudonym: 'VIC-7K3M9Q', caseId: '11111111-1111-4111-8111-111111111111', series: ['Sunflower'], hashes: [{ type: 'md5', value: 'a'.repeat(32) }], identifiedAt: '2026-11-01T00:00:00.000Z', agency: 'manitoba-ice',
    });
    expect(victim.history[0].by).toBe('victimid');
  });

  it('refuses a link to a case that does not exist, naming caseId', async () => {
    const victims = new CapturingVictims();
    const useCase = new RecordIdentificationUseCase(victims, clock, () => 'id-1', reference, async () => false);
    await expect(useCase.execute({ ...input, caseId: '11111111-1111-4111-8111-111111111111' }, 'victimid')).rejects.toThrow(/^caseId: no case/);
    expect(victims.added).toHaveLength(0);
  });

  it('refuses a year for figures that is not a year', async () => {
    await expect(new VictimFiguresUseCase(new CapturingVictims()).forYear(26)).rejects.toThrow(/^year/);
  });
});
