import { envelope, type EventEnvelope, type ReportSubmittedV1 } from '@vigil/contracts';
import { FixedClock, ForbiddenError } from '@vigil/kernel';
import type { EvidenceSource } from '../../ports/evidence-source';
import type { RevealRecord, ReviewExposureLog } from '../../ports/review-exposure-log';
import type { PreviewOptions, ReviewPreviewRenderer } from '../../ports/review-preview-renderer';
import { ClaimNextItemUseCase } from './claim-next-item.use-case';
import { EnqueueUnknownMediaUseCase } from './enqueue-unknown-media.use-case';
import { InMemoryReviewItems } from './in-memory-review-items.test-util';
import { PreviewReviewMediaUseCase } from './preview-review-media.use-case';
import { ReleaseItemUseCase } from './release-item.use-case';

const clock = new FixedClock(new Date('2026-11-23T10:00:00Z'));
let ids = 0;
const newId = () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;

function submitted(priority?: ReportSubmittedV1['priority']): ReportSubmittedV1 {
  const media = (n: number) => ({ mediaId: newId(), sha256: String(n).repeat(64), md5: String(n).repeat(32), bytes: 10, contentType: 'image/png' });
  return { reportId: newId(), reference: 'VGL-AAAA-BBBB', incidentType: 'csam', source: 'public', urls: [], media: [media(1), media(2)], priority };
}

function answers(report: ReportSubmittedV1, unknownIndexes: number[]): EventEnvelope[] {
  return report.media.map((media, index) =>
    unknownIndexes.includes(index)
      ? envelope('media.unknown.v1', 'hash-detection', { reportId: report.reportId, mediaId: media.mediaId, sha256: media.sha256 })
      : envelope('media.matched.v1', 'hash-detection', { reportId: report.reportId, mediaId: media.mediaId, sha256: media.sha256 }),
  );
}

describe('EnqueueUnknownMediaUseCase', () => {
  it('queues only the media that matched nothing, with the report’s urgency', async () => {
    const items = new InMemoryReviewItems();
    const report = submitted('critical');
    const queued = await new EnqueueUnknownMediaUseCase(items, clock, newId).execute(report, answers(report, [1]));
    expect(queued.map((item) => item.snapshot().mediaId)).toEqual([report.media[1].mediaId]);
    expect([...items.rows.values()][0]).toMatchObject({ urgency: 'critical', reportReference: 'VGL-AAAA-BBBB', status: 'pending' });
  });

  it('queues nothing of an industry report: its files come by hash, with no bytes for a reviewer to see', async () => {
    const items = new InMemoryReviewItems();
    const report = { ...submitted('high'), source: 'industry' as const };
    expect(await new EnqueueUnknownMediaUseCase(items, clock, newId).execute(report, answers(report, [0, 1]))).toEqual([]);
    expect(items.rows.size).toBe(0);
  });

  it('treats a report without a priority (an older event) as normal', async () => {
    const items = new InMemoryReviewItems();
    const report = submitted();
    await new EnqueueUnknownMediaUseCase(items, clock, newId).execute(report, answers(report, [0, 1]));
    expect([...items.rows.values()].map((row) => row.urgency)).toEqual(['normal', 'normal']);
  });
});

describe('PreviewReviewMediaUseCase', () => {
  const fetched: string[] = [];
  const rendered: PreviewOptions[] = [];
  const reveals: RevealRecord[] = [];
  const evidence: EvidenceSource = { fetch: async (mediaId, who) => (fetched.push(`${mediaId} as ${who.bearerToken}`), { contentType: 'image/png', content: new Uint8Array([1]) }) };
  const renderer: ReviewPreviewRenderer = { render: async (_content, options) => (rendered.push(options), { contentType: 'image/jpeg', content: new Uint8Array([2]), width: 1, height: 1 }) };
  const log: ReviewExposureLog = { recordReveal: async (record) => void reveals.push(record), counts: async () => [] };

  it('blurs by default, reveals on demand, and counts only reveals as exposures', async () => {
    const items = new InMemoryReviewItems();
    const report = submitted('high');
    await new EnqueueUnknownMediaUseCase(items, clock, newId).execute(report, answers(report, [0]));
    const item = (await new ClaimNextItemUseCase(items, clock).execute('r1'))!;
    const media = new PreviewReviewMediaUseCase(items, evidence, renderer, log, clock);
    const viewer = { username: 'r1', supervisor: false };

    await media.preview(item.id, viewer, { bearerToken: 'token-r1' });
    expect(rendered.at(-1)).toEqual({ blurred: true, colour: false, maxSize: 400 });
    expect(reveals).toHaveLength(0);
    await media.reveal(item.id, viewer, { bearerToken: 'token-r1' }, false);
    await media.reveal(item.id, viewer, { bearerToken: 'token-r1' }, true);
    expect(rendered.slice(-2)).toEqual([{ blurred: false, colour: false, maxSize: 400 }, { blurred: false, colour: true, maxSize: 400 }]);
    expect(reveals.map((record) => [record.reviewer, record.itemId, record.colour])).toEqual([['r1', item.id, false], ['r1', item.id, true]]);
    expect(fetched).toEqual(Array(3).fill(`${item.mediaId} as token-r1`));
  });

  it('shows nothing of an item to a reviewer who does not hold it, and fetches nothing either', async () => {
    const items = new InMemoryReviewItems();
    const report = submitted();
    await new EnqueueUnknownMediaUseCase(items, clock, newId).execute(report, answers(report, [0]));
    const item = (await new ClaimNextItemUseCase(items, clock).execute('r1'))!;
    const before = fetched.length;
    const media = new PreviewReviewMediaUseCase(items, evidence, renderer, log, clock);
    await expect(media.reveal(item.id, { username: 'r2', supervisor: false }, { bearerToken: 't' }, false)).rejects.toThrow(ForbiddenError);
    expect(fetched).toHaveLength(before);
    // Given back, it is nobody's until claimed again.
    await new ReleaseItemUseCase(items).execute(item.id, 'r1');
    await expect(media.preview(item.id, { username: 'r1', supervisor: false }, { bearerToken: 't' })).rejects.toThrow(ForbiddenError);
    expect((await items.summary(clock.now())).waiting.normal).toBe(1);
  });
});
