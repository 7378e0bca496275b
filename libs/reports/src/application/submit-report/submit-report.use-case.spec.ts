import { validateEnvelope, type ReportSubmittedV1 } from '@vigil/contracts';
import { FixedClock } from '@vigil/kernel';
import { InMemoryReportRepository } from '../../adapters/in-memory/in-memory-report.repository';
import { EscalateReportUseCase } from '../escalate-report/escalate-report.use-case';
import { SubmitReportUseCase } from './submit-report.use-case';

describe('SubmitReportUseCase', () => {
  const clock = new FixedClock(new Date('2026-11-23T10:00:00Z'));
  let counter = 0;
  const identities = { newId: () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`, newReference: () => 'VGL-AAAA-BBBB' };

  it('saves the report and a valid report.submitted.v1 in the same call', async () => {
    const reports = new InMemoryReportRepository();
    const result = await new SubmitReportUseCase(reports, clock, identities).execute({
      source: 'public',
      incidentType: 'csam',
      description: 'seen on a forum',
      urls: ['https://example.org/x'],
      media: [{ filename: 'a.png', contentType: 'image/png', bytes: 3, sha256: 'c'.repeat(64), md5: 'd'.repeat(32) }],
    });
    expect(reports.rows.get(result.id)?.reference).toBe('VGL-AAAA-BBBB');
    expect(reports.outbox).toHaveLength(1);
    const payload = validateEnvelope<ReportSubmittedV1>(reports.outbox[0]);
    expect(payload.media[0].sha256).toBe('c'.repeat(64));
    expect(reports.outbox[0].correlationId).toBe(result.id);
  });

  it('escalation emits report.escalated.v1 carrying the priority reasons', async () => {
    const reports = new InMemoryReportRepository();
    const { id } = await new SubmitReportUseCase(reports, clock, identities).execute({ source: 'public', incidentType: 'sextortion-sexual', description: 'threats', urls: [], media: [] });
    await new EscalateReportUseCase(reports, clock).execute({ reportId: id, analyst: 'analyst', summary: 'active threat' });
    const escalated = reports.outbox.find((event) => event.type === 'report.escalated.v1');
    expect(escalated).toBeDefined();
    expect(() => validateEnvelope(escalated!)).not.toThrow();
    expect((escalated!.payload as { priorityReasons: string[] }).priorityReasons[0]).toMatch(/active-sextortion/);
  });
});
