import type { Clock } from '@vigil/kernel';
import type { ReviewItemSnapshot } from '../../domain/review/review-item';
import type { ReviewItemRepository } from '../../ports/review-item.repository';

/** How long a claim lasts before an abandoned item returns to the queue. */
export const DEFAULT_REVIEW_LEASE_MS = 15 * 60_000;

/** A reviewer takes the next item: one at a time, most urgent then oldest, never one they already decided. */
export class ClaimNextItemUseCase {
  constructor(private readonly items: ReviewItemRepository, private readonly clock: Clock, private readonly leaseMs = DEFAULT_REVIEW_LEASE_MS) {}

  async execute(reviewer: string): Promise<ReviewItemSnapshot | undefined> {
    return (await this.items.claimNext(reviewer, this.clock.now(), this.leaseMs))?.snapshot();
  }
}
