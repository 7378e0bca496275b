import { validateEnvelope, type ReportSubmittedV1 } from '@vigil/contracts';
import { FixedClock } from '@vigil/kernel';
import { InMemoryReportRepository } from '../../adapters/in-memory/in-memory-report.repository';
import { InMemoryReporterChannel } from '../../adapters/in-memory/in-memory-reporter-channel';
import { FollowUpRefused, newFollowUpSecret } from '../../domain/follow-up-secret';
import type { PublicReportDetails } from '../../domain/public-report-details';
import type { ReportIdentifier } from '../../domain/report-identifier';
import type { RelatedReport, ReportLinks } from '../../ports/report-links';
import { identifiersOfReport } from '../link-reports/extract-identifiers';
import { SubmitReportUseCase } from '../submit-report/submit-report.use-case';
import { AddFollowUpUseCase } from './add-follow-up.use-case';
import { hashFollowUpSecret } from './follow-up-secret-hash';

class RecordingLinks implements ReportLinks {
  readonly added: { reportId: string; identifiers: ReportIdentifier[] }[] = [];
  async add(reportId: string, identifiers: readonly ReportIdentifier[]): Promise<void> {
    this.added.push({ reportId, identifiers: [...identifiers] });
  }
  async identifiersOf(reportId: string): Promise<ReportIdentifier[]> {
    return this.added.filter((entry) => entry.reportId === reportId).flatMap((entry) => entry.identifiers);
  }
  async related(): Promise<RelatedReport[]> {
    return [];
  }
}

const details: PublicReportDetails = {
  where: { platform: 'Chatly', usernames: [{ username: '@Sunny_Days' }], emails: ['Someone@Example.org'], phones: ['613-555-0142'] },
  when: { date: '2026-11-20', approximate: true },
  child: { ageRange: '12-13', gender: 'unknown' },
  suspect: { name: 'Sunny', usernames: [{ platform: 'Pixgram', username: 'sun.days' }], emails: [], phones: ['+1 (613) 555-0199'], location: 'Ottawa' },
  chatExcerpts: ['send me a photo or else'],
};

describe('public reports with structured details, and follow-ups with the secret', () => {
  const clock = new FixedClock(new Date('2026-11-23T10:00:00Z'));
  let counter = 0;
  const identities = { newId: () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`, newReference: () => 'VGL-AAAA-BBBB' };
  const secretBytes = Uint8Array.from({ length: 24 }, (_, index) => (index * 7 + 3) % 256);

  async function submitted() {
    const reports = new InMemoryReportRepository();
    const channel = new InMemoryReporterChannel();
    const submit = new SubmitReportUseCase(reports, clock, identities, undefined, undefined, { channel, newSecret: () => newFollowUpSecret(secretBytes) });
    const result = await submit.execute({
      source: 'public',
      incidentType: 'sextortion-financial',
      description: 'money demanded',
      urls: ['https://example.org/profile'],
      media: [],
      details,
      contact: { email: 'reporter@example.org', preferredLanguage: 'fr' },
    });
    return { reports, channel, result };
  }

  it('keeps the details on the report, the contact and only the hash of the secret in the reporter channel, and neither in the event', async () => {
    const { reports, channel, result } = await submitted();
    expect(result.followUpSecret).toBe(newFollowUpSecret(secretBytes));
    expect(reports.rows.get(result.id)?.details).toEqual(details);
    expect(channel.rows.get(result.id)).toEqual({ secretHash: hashFollowUpSecret(result.followUpSecret!), contact: { email: 'reporter@example.org', preferredLanguage: 'fr' } });
    expect(JSON.stringify(channel.rows.get(result.id))).not.toContain(result.followUpSecret!.replace(/-/g, ''));
    const event = JSON.stringify(reports.outbox);
    expect(event).not.toContain('reporter@example.org');
    expect(event).not.toContain(result.followUpSecret!);
    expect(JSON.stringify(reports.rows.get(result.id))).not.toContain('reporter@example.org');
  });

  it('links the accounts, e-mails and phones of the details, normalised (E.164, lower case, platform:username)', async () => {
    const { reports, result } = await submitted();
    const identifiers = identifiersOfReport(reports.rows.get(result.id)!);
    expect(identifiers).toEqual(
      expect.arrayContaining([
        { kind: 'account', value: 'chatly:sunny_days' },
        { kind: 'account', value: 'pixgram:sun.days' },
        { kind: 'email', value: 'someone@example.org' },
        { kind: 'phone', value: '+16135550142' },
        { kind: 'phone', value: '+16135550199' },
        { kind: 'url', value: 'https://example.org/profile' },
      ]),
    );
  });

  it('adds the reporter’s text, URLs and files with the right secret, sends only what is new for matching, and links it', async () => {
    const { reports, channel, result } = await submitted();
    const links = new RecordingLinks();
    const followUp = new AddFollowUpUseCase(reports, channel, clock, identities, links);
    await followUp.execute({
      reference: 'vgl-aaaa-bbbb',
      secret: result.followUpSecret!.toLowerCase(),
      text: 'he wrote again today',
      urls: ['https://example.org/profile', 'https://example.org/new-account'],
      media: [{ filename: 'demand.png', contentType: 'image/png', bytes: 3, sha256: 'e'.repeat(64), md5: 'f'.repeat(32) }],
    });
    const state = reports.rows.get(result.id)!;
    expect(state.urls).toEqual(['https://example.org/profile', 'https://example.org/new-account']);
    expect(state.media).toHaveLength(1);
    expect(state.followUps).toEqual([{ id: expect.any(String), at: '2026-11-23T10:00:00.000Z', text: 'he wrote again today', urls: ['https://example.org/profile', 'https://example.org/new-account'], mediaIds: [state.media[0].mediaId] }]);
    const event = validateEnvelope<ReportSubmittedV1>(reports.outbox[1]);
    expect(event).toMatchObject({ reportId: result.id, urls: ['https://example.org/new-account'], media: [{ mediaId: state.media[0].mediaId, sha256: 'e'.repeat(64), md5: 'f'.repeat(32) }] });
    expect(links.added[0].identifiers).toEqual([
      { kind: 'url', value: 'https://example.org/new-account' },
      { kind: 'sha256', value: 'e'.repeat(64) },
    ]);
  });

  it('publishes nothing when the follow-up is only text', async () => {
    const { reports, channel, result } = await submitted();
    await new AddFollowUpUseCase(reports, channel, clock, identities).execute({ reference: result.reference, secret: result.followUpSecret!, text: 'one more thing', urls: [], media: [] });
    expect(reports.outbox).toHaveLength(1);
    expect(reports.rows.get(result.id)?.followUps?.[0].text).toBe('one more thing');
  });

  it('answers a wrong secret and an unknown reference the same way, and changes nothing', async () => {
    const { reports, channel, result } = await submitted();
    const followUp = new AddFollowUpUseCase(reports, channel, clock, identities);
    const attempt = (reference: string, secret: string) => followUp.execute({ reference, secret, text: 'x', urls: [], media: [] });
    const wrongSecret = await attempt(result.reference, newFollowUpSecret(new Uint8Array(24))).catch((error: unknown) => error);
    const unknownReference = await attempt('VGL-ZZZZ-ZZZZ', result.followUpSecret!).catch((error: unknown) => error);
    const notASecret = await attempt(result.reference, 'guess').catch((error: unknown) => error);
    for (const error of [wrongSecret, unknownReference, notASecret]) {
      expect(error).toBeInstanceOf(FollowUpRefused);
      expect((error as Error).message).toBe('no report matches this reference and secret');
    }
    expect(reports.rows.get(result.id)?.followUps).toBeUndefined();
  });

  it('refuses an empty follow-up, naming the field', async () => {
    const { reports, channel, result } = await submitted();
    await expect(new AddFollowUpUseCase(reports, channel, clock, identities).execute({ reference: result.reference, secret: result.followUpSecret!, text: '  ', urls: [], media: [] })).rejects.toMatchObject({
      field: 'text',
    });
  });
});
