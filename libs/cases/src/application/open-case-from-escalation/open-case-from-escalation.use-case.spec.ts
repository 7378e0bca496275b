import { FixedClock } from '@vigil/kernel';
import { InMemoryCaseRepository } from '../../adapters/in-memory/in-memory-case.repository';
import { OpenCaseFromEscalationUseCase } from './open-case-from-escalation.use-case';

const escalation = {
  reportId: 'r-1', reference: 'VGL-AAAA-BBBB', incidentType: 'online-luring', summary: 's', priority: 'high', priorityReasons: ['x'],
  urls: [], mediaSha256: [], escalatedBy: 'analyst', escalatedAt: '2026-11-23T10:00:00Z', source: 'public' as const,
};

describe('OpenCaseFromEscalationUseCase', () => {
  it('opens one case per escalated report, with a year-sequenced reference', async () => {
    const cases = new InMemoryCaseRepository();
    const useCase = new OpenCaseFromEscalationUseCase(cases, new FixedClock(new Date('2026-11-23T10:00:00Z')), () => 'c-1');
    expect(await useCase.execute(escalation)).toEqual({ opened: true, caseId: 'c-1', reference: 'VGL-C-2026-000001' });
    expect(await useCase.execute(escalation)).toEqual({ opened: false });
    expect(cases.rows).toHaveLength(1);
  });
});
