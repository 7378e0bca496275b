import { ConflictError, FixedClock } from '@vigil/kernel';
import { ConsensusRule } from '../../domain/review/consensus';
import { ReviewItem } from '../../domain/review/review-item';
import { InMemoryReviewItems } from './in-memory-review-items.test-util';
import { WithdrawPurgedMediaUseCase } from './withdraw-purged-media.use-case';

const t0 = new Date('2026-11-23T10:00:00Z');
const LEASE = 15 * 60_000;
const REASON = "the tipline's retention purged its evidence (rule closed-report-evidence) before review";

function waiting(n: number, reportId = 'report-1'): ReviewItem {
  return ReviewItem.enqueue({
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    mediaId: `media-${n}`,
    reportId,
    reportReference: 'VGL-AAAA-BBBB',
    incidentType: 'csam',
    urgency: 'normal',
    sha256: String(n).repeat(64),
    md5: String(n).repeat(32),
    contentType: 'image/png',
    bytes: 10,
    enqueuedAt: t0.toISOString(),
  });
}

async function queue(...items: ReviewItem[]): Promise<InMemoryReviewItems> {
  const repository = new InMemoryReviewItems();
  await repository.enqueue(items);
  return repository;
}

describe('WithdrawPurgedMediaUseCase', () => {
  const clock = new FixedClock(new Date('2026-11-24T08:00:00Z'));

  it('withdraws the waiting and the held items whose evidence was purged, with the rule that purged it, and nothing else', async () => {
    const items = await queue(waiting(1), waiting(2), waiting(3), waiting(4, 'report-2'));
    const held = (await items.claimNext('r1', t0, LEASE))!;
    expect(held.snapshot().mediaId).toBe('media-1');

    const result = await new WithdrawPurgedMediaUseCase(items, clock).execute({ reportId: 'report-1', mediaIds: ['media-1', 'media-2', 'media-gone-before-review'], recordType: 'closed-report-evidence' });

    expect(result).toEqual({ withdrawn: 2 });
    const rows = [...items.rows.values()];
    expect(rows.map((row) => [row.mediaId, row.status])).toEqual([['media-1', 'withdrawn'], ['media-2', 'withdrawn'], ['media-3', 'pending'], ['media-4', 'pending']]);
    expect(rows[0]).toMatchObject({ withdrawal: { reason: REASON, recordType: 'closed-report-evidence', at: '2026-11-24T08:00:00.000Z' } });
    expect(rows[0].claimedBy).toBeUndefined();
    expect(rows[2].withdrawal).toBeUndefined();
    await expect(items.claimNext('r2', t0, LEASE)).resolves.toMatchObject({ id: rows[2].id });
  });

  it('leaves an item already decided on a purged file as it was', async () => {
    const items = await queue(waiting(1));
    const rule = new ConsensusRule(2);
    for (const reviewer of ['r1', 'r2']) {
      const claimed = (await items.claimNext(reviewer, t0, LEASE))!;
      claimed.decide(reviewer, 'csam-b1', undefined, t0, rule);
      await items.save(claimed);
    }
    const before = [...items.rows.values()][0];
    expect(before.status).toBe('decided');

    expect(await new WithdrawPurgedMediaUseCase(items, clock).execute({ reportId: 'report-1', mediaIds: ['media-1'], recordType: 'closed-report' })).toEqual({ withdrawn: 0 });
    expect([...items.rows.values()][0]).toEqual(before);
  });

  it('withdraws nothing twice when the event is redelivered', async () => {
    const items = await queue(waiting(1), waiting(2));
    const withdraw = new WithdrawPurgedMediaUseCase(items, clock);
    const purged = { reportId: 'report-1', mediaIds: ['media-1', 'media-2'], recordType: 'closed-report-evidence' };
    expect(await withdraw.execute(purged)).toEqual({ withdrawn: 2 });
    const after = structuredClone([...items.rows.values()]);
    clock.advance(60_000);
    expect(await withdraw.execute(purged)).toEqual({ withdrawn: 0 });
    expect([...items.rows.values()]).toEqual(after);
  });

  it('fails on an item changed since it was read, so the redelivered event reads it again and withdraws it then', async () => {
    /** A reviewer claims the item between the use case's read and its save. */
    class ClaimedMeanwhile extends InMemoryReviewItems {
      raced = false;
      override async findOpenByMediaIds(mediaIds: readonly string[]): Promise<ReviewItem[]> {
        const found = await super.findOpenByMediaIds(mediaIds);
        if (!this.raced) {
          this.raced = true;
          await this.claimNext('r1', t0, LEASE);
        }
        return found;
      }
    }
    const items = new ClaimedMeanwhile();
    await items.enqueue([waiting(1)]);
    const withdraw = new WithdrawPurgedMediaUseCase(items, clock);
    const purged = { reportId: 'report-1', mediaIds: ['media-1'], recordType: 'closed-report-evidence' };

    await expect(withdraw.execute(purged)).rejects.toThrow(ConflictError);
    expect([...items.rows.values()][0]).toMatchObject({ status: 'in-review', claimedBy: 'r1' });
    expect(await withdraw.execute(purged)).toEqual({ withdrawn: 1 });
    expect([...items.rows.values()][0]).toMatchObject({ status: 'withdrawn', withdrawal: { reason: REASON } });
    expect([...items.rows.values()][0].claimedBy).toBeUndefined();
  });
});
