import { ConflictError } from '@vigil/kernel';
import { REVIEW_URGENCIES, urgencyRank, type ReviewUrgency } from '../../domain/review/review-classification';
import { ReviewItem, type ReviewItemSnapshot } from '../../domain/review/review-item';
import type { ReviewItemRepository, ReviewQueueSummary } from '../../ports/review-item.repository';

/** The review queue port in memory, for use-case tests (the Postgres adapter has its own integration tests). */
export class InMemoryReviewItems implements ReviewItemRepository {
  readonly rows = new Map<string, ReviewItemSnapshot>();

  async enqueue(items: readonly ReviewItem[]): Promise<number> {
    const known = new Set([...this.rows.values()].map((row) => row.mediaId));
    const fresh = items.map((item) => item.snapshot()).filter((row) => !known.has(row.mediaId));
    for (const row of fresh) this.rows.set(row.id, { ...row, version: 1 });
    return fresh.length;
  }

  async findById(id: string): Promise<ReviewItem | undefined> {
    const row = this.rows.get(id);
    return row ? ReviewItem.restore(row) : undefined;
  }

  async claimNext(reviewer: string, now: Date, leaseMs: number): Promise<ReviewItem | undefined> {
    const all = [...this.rows.values()].map((row) => ReviewItem.restore(row));
    const held = all.find((item) => item.isHeldBy(reviewer, now));
    if (held) return held;
    const next = all
      .filter((item) => item.isClaimableBy(reviewer, now))
      .sort((a, b) => urgencyRank(a.snapshot().urgency) - urgencyRank(b.snapshot().urgency) || a.snapshot().enqueuedAt.localeCompare(b.snapshot().enqueuedAt))[0];
    if (!next) return undefined;
    next.claim(reviewer, now, leaseMs);
    await this.save(next);
    return this.findById(next.id);
  }

  async listOpen(afterId: string | undefined, limit: number): Promise<ReviewItem[]> {
    return [...this.rows.values()]
      .filter((row) => (row.status === 'pending' || row.status === 'in-review') && (afterId === undefined || row.id > afterId))
      .sort((a, b) => a.id.localeCompare(b.id))
      .slice(0, limit)
      .map((row) => ReviewItem.restore(row));
  }

  async listAwaitingSupervisor(limit: number): Promise<ReviewItem[]> {
    return [...this.rows.values()]
      .filter((row) => (row.status === 'pending' || row.status === 'in-review') && row.supervisorFlag)
      .sort((a, b) => urgencyRank(a.urgency) - urgencyRank(b.urgency) || (a.supervisorFlag?.at ?? '').localeCompare(b.supervisorFlag?.at ?? ''))
      .slice(0, limit)
      .map((row) => ReviewItem.restore(row));
  }

  async findOpenByMediaIds(mediaIds: readonly string[]): Promise<ReviewItem[]> {
    const wanted = new Set(mediaIds);
    return [...this.rows.values()]
      .filter((row) => (row.status === 'pending' || row.status === 'in-review') && wanted.has(row.mediaId))
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((row) => ReviewItem.restore(row));
  }

  async save(item: ReviewItem): Promise<void> {
    const state = item.snapshot();
    if (this.rows.get(state.id)?.version !== state.version) throw new ConflictError(`review item ${state.id} was changed by someone else; reload it`);
    this.rows.set(state.id, { ...state, version: state.version + 1 });
  }

  async summary(now: Date): Promise<ReviewQueueSummary> {
    const waiting = Object.fromEntries(REVIEW_URGENCIES.map((urgency) => [urgency, 0])) as Record<ReviewUrgency, number>;
    const summary: ReviewQueueSummary = { waiting, inReview: 0, awaitingSupervisor: 0 };
    for (const row of this.rows.values()) {
      if (row.status !== 'pending' && row.status !== 'in-review') continue;
      if (row.supervisorFlag) summary.awaitingSupervisor++;
      else if (row.status === 'in-review' && row.leaseExpiresAt && new Date(row.leaseExpiresAt) > now) summary.inReview++;
      else {
        waiting[row.urgency]++;
        if (!summary.oldestWaitingSince || row.enqueuedAt < summary.oldestWaitingSince) summary.oldestWaitingSince = row.enqueuedAt;
      }
    }
    return summary;
  }
}
