import type { ReviewUrgency } from '../domain/review/review-classification';
import type { ReviewItem } from '../domain/review/review-item';

export interface ReviewQueueSummary {
  /** Items waiting for a reviewer, by urgency (claims whose lease ran out count as waiting). */
  waiting: Record<ReviewUrgency, number>;
  inReview: number;
  awaitingSupervisor: number;
  /** When the longest-waiting item was queued. */
  oldestWaitingSince?: string;
}

export interface ReviewItemRepository {
  /** Queues items, once per media id (a redelivered report adds nothing); returns how many were new. */
  enqueue(items: readonly ReviewItem[]): Promise<number>;
  findById(id: string): Promise<ReviewItem | undefined>;
  /**
   * One item at a time: the item this reviewer already holds under an unexpired lease or, if
   * none, the most urgent then oldest item they may take (see ReviewItem.isClaimableBy), claimed
   * for `leaseMs`. Concurrent reviewers never get the same item.
   */
  claimNext(reviewer: string, now: Date, leaseMs: number): Promise<ReviewItem | undefined>;
  /** Items still waiting for people (pending or in review), in id order after `afterId`: for rechecks against the banks. */
  listOpen(afterId: string | undefined, limit: number): Promise<ReviewItem[]>;
  /** Items still waiting for people (pending or in review) whose media is one of these: for withdrawing those whose evidence was purged. */
  findOpenByMediaIds(mediaIds: readonly string[]): Promise<ReviewItem[]>;
  /** Open items the reviewers could not agree on, for a supervisor to settle: most urgent first, then longest flagged. */
  listAwaitingSupervisor(limit: number): Promise<ReviewItem[]>;
  /** Saves a changed item; a ConflictError when someone else changed it since it was read. */
  save(item: ReviewItem): Promise<void>;
  summary(now: Date): Promise<ReviewQueueSummary>;
}

export const REVIEW_ITEM_REPOSITORY = Symbol('ReviewItemRepository');

/**
 * Runs work as one unit (one database transaction in the service): a decision and the bank
 * entries it adds commit together. Tests run the work directly.
 */
export type ReviewAtomicWork = <T>(work: () => Promise<T>) => Promise<T>;
