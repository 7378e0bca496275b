import { MEDIA_MATCHED_V1, MEDIA_UNKNOWN_V1, type EventEnvelope, type ReportSubmittedV1 } from '@vigil/contracts';
import { FixedClock } from '@vigil/kernel';
import { flipBits, InMemoryBankEntries } from '../match-hashes/in-memory-bank-entries.test-util';
import { MatchReportMediaUseCase } from './match-report-media.use-case';

class PublishingBankEntries extends InMemoryBankEntries {
  readonly published: EventEnvelope[][] = [];
  async publish(events: readonly EventEnvelope[]): Promise<void> {
    this.published.push([...events]);
  }
}

const KNOWN_PDQ = 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22';

function report(media: ReportSubmittedV1['media']): ReportSubmittedV1 {
  return { reportId: 'r-1', reference: 'VGL-1', incidentType: 'sextortion-financial', source: 'public', urls: [], media };
}

function media(mediaId: string, extra: Partial<ReportSubmittedV1['media'][number]> = {}): ReportSubmittedV1['media'][number] {
  return { mediaId, sha256: mediaId.padEnd(64, '0').slice(0, 64).replace(/[^0-9a-f]/g, '0'), md5: '0'.repeat(32), bytes: 10, contentType: 'image/png', ...extra };
}

describe('MatchReportMediaUseCase', () => {
  it('answers each media item with media.matched.v1 (with the rule) or media.unknown.v1, in one publish', async () => {
    const data = new PublishingBankEntries();
    data.bank('known', 'positive');
    data.entry('e-sha', 'known', 'sha256', 'a'.repeat(64), { series: 's-1' });
    data.entry('e-pdq', 'known', 'pdq', KNOWN_PDQ, { classification: 'harmful-abusive-material' });
    const useCase = new MatchReportMediaUseCase(data, new FixedClock(new Date('2026-04-01T00:00:00Z')), data);

    const events = await useCase.execute(
      report([
        media('m-exact', { sha256: 'a'.repeat(64) }),
        media('m-near', { pdq: flipBits(KNOWN_PDQ, 5), pdqQuality: 90 }),
        media('m-low-quality', { pdq: KNOWN_PDQ, pdqQuality: 40 }),
        media('m-no-quality', { pdq: KNOWN_PDQ }),
        media('m-unknown'),
      ]),
      'corr-1',
    );

    expect(events.map((event) => [event.type, (event.payload as { mediaId: string }).mediaId])).toEqual([
      [MEDIA_MATCHED_V1, 'm-exact'],
      [MEDIA_MATCHED_V1, 'm-near'],
      [MEDIA_UNKNOWN_V1, 'm-low-quality'],
      [MEDIA_UNKNOWN_V1, 'm-no-quality'],
      [MEDIA_UNKNOWN_V1, 'm-unknown'],
    ]);
    expect(events[0].payload).toMatchObject({ reportId: 'r-1', matchKind: 'exact', distance: 0, bankId: 'known', entryId: 'e-sha', classification: 'csam-a1', series: 's-1', reason: 'sha256 equal to entry e-sha of bank "known bank"' });
    expect(events[1].payload).toMatchObject({ matchKind: 'near', distance: 5, entryId: 'e-pdq', reason: 'PDQ within 5 bits (threshold 31) of entry e-pdq of bank "known bank"' });
    expect(events.every((event) => event.correlationId === 'corr-1' && event.occurredAt === '2026-04-01T00:00:00.000Z')).toBe(true);
    expect(data.published).toEqual([events]);
  });

  it('matches a partner file known only by its MD5, only by its SHA-1 or only by its PDQ, on whichever digest it has', async () => {
    const data = new PublishingBankEntries();
    data.bank('known', 'positive');
    data.entry('e-md5', 'known', 'md5', 'b'.repeat(32));
    data.entry('e-sha1', 'known', 'sha1', 'c'.repeat(40));
    data.entry('e-pdq', 'known', 'pdq', KNOWN_PDQ);
    const useCase = new MatchReportMediaUseCase(data, new FixedClock(new Date('2026-04-01T00:00:00Z')), data);
    const hashOnly = (mediaId: string, digests: Partial<ReportSubmittedV1['media'][number]>) => ({ mediaId, bytes: 0, contentType: 'application/octet-stream', ...digests });

    const events = await useCase.execute(
      report([
        hashOnly('m-md5', { md5: 'b'.repeat(32) }),
        hashOnly('m-sha1', { sha1: 'c'.repeat(40) }),
        hashOnly('m-pdq', { pdq: KNOWN_PDQ, pdqQuality: 100 }),
        hashOnly('m-other-md5', { md5: 'd'.repeat(32) }),
      ]),
      'corr-2',
    );

    expect(events.map((event) => [event.type, (event.payload as { mediaId: string; entryId?: string }).entryId])).toEqual([
      [MEDIA_MATCHED_V1, 'e-md5'],
      [MEDIA_MATCHED_V1, 'e-sha1'],
      [MEDIA_MATCHED_V1, 'e-pdq'],
      [MEDIA_UNKNOWN_V1, undefined],
    ]);
    expect(events[0].payload).not.toHaveProperty('sha256');
    expect((events[0].payload as { reason: string }).reason).toMatch(/^md5 equal to entry e-md5/);
  });
});
