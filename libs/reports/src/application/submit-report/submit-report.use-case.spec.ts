import { envelope, InvalidEventError, validateEnvelope, type ReportSubmittedV1 } from '@vigil/contracts';
import { FixedClock } from '@vigil/kernel';
import { InMemoryReportRepository } from '../../adapters/in-memory/in-memory-report.repository';
import type { EvidenceFile, EvidenceStore } from '../../ports/evidence-store';
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

  it('escalation emits report.escalated.v2 carrying the priority reasons', async () => {
    const reports = new InMemoryReportRepository();
    const { id } = await new SubmitReportUseCase(reports, clock, identities).execute({ source: 'public', incidentType: 'sextortion-sexual', description: 'threats', urls: [], media: [] });
    await new EscalateReportUseCase(reports, clock).execute({ reportId: id, analyst: 'analyst', summary: 'active threat' });
    const escalated = reports.outbox.find((event) => event.type === 'report.escalated.v2');
    expect(escalated).toBeDefined();
    expect(() => validateEnvelope(escalated!)).not.toThrow();
    expect((escalated!.payload as { priorityReasons: string[] }).priorityReasons[0]).toMatch(/active-sextortion/);
  });

  it('tells hash-detection how urgent the report is, with the reasons', async () => {
    const reports = new InMemoryReportRepository();
    await new SubmitReportUseCase(reports, clock, identities).execute({ source: 'public', incidentType: 'sextortion-financial', description: 'money demanded', urls: [], media: [] });
    const payload = validateEnvelope<ReportSubmittedV1>(reports.outbox[0]);
    expect(payload.priority).toBe('high');
    expect(payload.priorityReasons?.[0]).toMatch(/^active-sextortion: /);
  });

  it('keeps the media bytes in the evidence store, never in the report or the event', async () => {
    const reports = new InMemoryReportRepository();
    const stored: EvidenceFile[] = [];
    const evidence: EvidenceStore = { put: async (files) => void stored.push(...files), get: async (id) => stored.find((file) => file.mediaId === id) };
    const content = new Uint8Array([1, 2, 3]);
    const result = await new SubmitReportUseCase(reports, clock, identities, evidence).execute({
      source: 'public',
      incidentType: 'online-luring',
      description: 'x',
      urls: [],
      media: [{ filename: 'a.png', contentType: 'image/png', bytes: 3, sha256: 'e'.repeat(64), md5: 'f'.repeat(32), content }],
    });
    const mediaId = reports.rows.get(result.id)!.media[0].mediaId;
    expect(stored).toEqual([{ mediaId, reportId: result.id, contentType: 'image/png', content, sha256: 'e'.repeat(64), createdAt: result.receivedAt }]);
    expect(JSON.stringify(reports.rows.get(result.id))).not.toMatch(/"content"/);
    expect(JSON.stringify(reports.outbox[0])).not.toMatch(/"content"/);
  });

  it('refuses media bytes when no evidence store is configured rather than dropping them', async () => {
    const media = [{ filename: 'a.png', contentType: 'image/png', bytes: 1, sha256: 'e'.repeat(64), md5: 'f'.repeat(32), content: new Uint8Array([1]) }];
    await expect(new SubmitReportUseCase(new InMemoryReportRepository(), clock, identities).execute({ source: 'public', incidentType: 'csam', description: 'x', urls: [], media })).rejects.toThrow(/no evidence store/);
  });
});

describe('report.submitted.v1 priority', () => {
  const base = { reportId: 'r', reference: 'VGL-AAAA-BBBB', incidentType: 'csam', source: 'public', urls: [], media: [] };

  it('is optional, so events published before it existed stay valid', () => {
    expect(() => validateEnvelope(envelope('report.submitted.v1', 'tipline', base))).not.toThrow();
  });

  it('names the field when the priority is not on the scale', () => {
    const bad = envelope('report.submitted.v1', 'tipline', { ...base, priority: 'urgent', priorityReasons: [42] });
    expect(() => validateEnvelope(bad)).toThrow(InvalidEventError);
    expect(() => validateEnvelope(bad)).toThrow(/payload\.priority: priority must be one of: critical, high, normal, low/);
    expect(() => validateEnvelope(bad)).toThrow(/payload\.priorityReasons/);
  });
});
