import { validateEnvelope, type ReportEscalatedV2 } from '@vigil/contracts';
import { FixedClock } from '@vigil/kernel';
import { InMemoryReportRepository } from '../../adapters/in-memory/in-memory-report.repository';
import type { ReportIdentifier } from '../../domain/report-identifier';
import type { IndustrySubmission } from '../../ports/industry-submissions';
import { SubmitReportUseCase } from '../submit-report/submit-report.use-case';
import { EscalateReportUseCase } from './escalate-report.use-case';

/** Synthetic: example.org addresses, 555 numbers, documentation IPs (RFC 5737). */
describe('EscalateReportUseCase', () => {
  const clock = new FixedClock(new Date('2026-11-23T10:00:00Z'));
  const identities = { newId: () => '00000000-0000-4000-8000-000000000001', newReference: () => 'VGL-AAAA-BBBB' };

  async function submitted() {
    const reports = new InMemoryReportRepository();
    const { id } = await new SubmitReportUseCase(reports, clock, identities).execute({
      source: 'public', incidentType: 'online-luring', description: 'An adult keeps messaging my child.', urls: ['https://example.org/profile-42'],
      media: [{ filename: 'blue.png', contentType: 'image/png', bytes: 3, sha256: 'c'.repeat(64), md5: 'd'.repeat(32) }],
    });
    return { reports, id };
  }

  it('publishes report.escalated.v2 with the linked identifiers structured and IP capture times from the partner’s submission', async () => {
    const { reports, id } = await submitted();
    const linked: ReportIdentifier[] = [
      { kind: 'email', value: 'someone@example.org' },
      { kind: 'account', value: 'example social:example_user' },
      { kind: 'phone', value: '+16135550142' },
      { kind: 'ip', value: '198.51.100.20' },
      { kind: 'ip', value: '192.0.2.7' },
      { kind: 'url', value: 'https://example.org/profile-42' },
    ];
    const submission: IndustrySubmission = {
      partnerId: 'example-platform', partnerName: 'Example Platform', partnerReference: 'ref-1', reportId: id, format: 'json', original: '{}', receivedAt: '2026-11-23T09:00:00Z',
      intake: { reportedUsers: [{ platform: 'Example Chat', username: '@Other_Name', emails: [], phones: [], ipCaptureEvents: [{ ip: '198.51.100.20', at: '2026-11-20T08:00:00Z', event: 'Login' }] }] },
    };
    const useCase = new EscalateReportUseCase(reports, clock, {
      links: { identifiersOf: async (reportId) => (reportId === id ? linked : []) },
      submissions: { byReportId: async (reportId) => (reportId === id ? submission : undefined) },
    });
    await useCase.execute({ reportId: id, analyst: 'analyst', summary: 'Adult contacting a child.' });

    const event = reports.outbox.find((item) => item.type === 'report.escalated.v2');
    expect(reports.outbox.some((item) => item.type === 'report.escalated.v1')).toBe(false);
    const payload = validateEnvelope<ReportEscalatedV2>(event!);
    expect(payload.suspect).toEqual({
      emails: ['someone@example.org'],
      usernames: [{ platform: 'example social', username: 'example_user' }, { platform: 'example chat', username: 'other_name' }],
      phones: ['+16135550142'],
      ips: [{ address: '198.51.100.20', observedAt: '2026-11-20T08:00:00Z', event: 'Login' }, { address: '192.0.2.7' }],
      paymentHandles: [],
      deviceIds: [],
    });
    expect(payload.mediaHashes).toEqual([{ sha256: 'c'.repeat(64), md5: 'd'.repeat(32) }]);
    expect(payload).toMatchObject({ reportId: id, urls: ['https://example.org/profile-42'], escalatedBy: 'analyst', source: 'public' });
  });

  it('sends a public reporter’s "where" accounts as named, not as the suspect’s: they may be the child’s own', async () => {
    const reports = new InMemoryReportRepository();
    const { id } = await new SubmitReportUseCase(reports, clock, identities).execute({
      source: 'public', incidentType: 'sextortion-sexual', description: 'Someone is threatening my daughter.', urls: [], media: [],
      details: {
        where: { platform: 'Example Chat', usernames: [{ username: 'daughter_account' }], emails: ['child@example.org'], phones: [] },
        suspect: { usernames: [{ username: 'threatening_one' }], emails: ['suspect@example.org'], phones: ['613-555-0177'] },
        chatExcerpts: [],
      },
    });
    await new EscalateReportUseCase(reports, clock).execute({ reportId: id, analyst: 'analyst', summary: 'Sextortion of a child.' });
    const payload = validateEnvelope<ReportEscalatedV2>(reports.outbox.find((item) => item.type === 'report.escalated.v2')!);
    expect(payload.suspect).toMatchObject({ emails: ['suspect@example.org'], usernames: [{ platform: 'example chat', username: 'threatening_one' }], phones: ['+16135550177'] });
    expect(payload.accountsNamed).toMatchObject({ emails: ['child@example.org'], usernames: [{ platform: 'example chat', username: 'daughter_account' }], phones: [] });
  });

  it('without identifier sources, still publishes a valid v2 with an empty suspect section', async () => {
    const { reports, id } = await submitted();
    await new EscalateReportUseCase(reports, clock).execute({ reportId: id, analyst: 'analyst', summary: 'Adult contacting a child.' });
    const payload = validateEnvelope<ReportEscalatedV2>(reports.outbox.find((item) => item.type === 'report.escalated.v2')!);
    expect(payload.suspect).toEqual({ emails: [], usernames: [], phones: [], ips: [], paymentHandles: [], deviceIds: [] });
  });
});
