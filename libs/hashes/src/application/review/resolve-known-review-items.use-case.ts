import { ConflictError, type Clock } from '@vigil/kernel';
import type { ReviewItemSnapshot } from '../../domain/review/review-item';
import type { ReviewItemRepository } from '../../ports/review-item.repository';
import type { KnownMediaLookup, MediaHashes } from '../match-hashes/known-media-lookup';

export interface ResolveKnownReviewItemsResult {
  checked: number;
  resolved: number;
}

/** Items looked up per batch: one round of bank lookups for each. */
const BATCH = 500;

/**
 * Rechecks the items still waiting for review against the banks, with the same lookup and rules
 * as report matching, and takes out of the queue those whose hash has been banked meanwhile
 * (by curators, an import, a partner's list or another item's consensus). Run after the banks
 * gain entries; each item is resolved at most once (optimistic locking), so replicas that run it
 * at the same moment do no harm.
 */
export class ResolveKnownReviewItemsUseCase {
  constructor(
    private readonly items: ReviewItemRepository,
    private readonly lookup: KnownMediaLookup,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<ResolveKnownReviewItemsResult> {
    let checked = 0;
    let resolved = 0;
    let after: string | undefined;
    for (;;) {
      const batch = await this.items.listOpen(after, BATCH);
      if (batch.length === 0) break;
      after = batch[batch.length - 1].id;
      checked += batch.length;
      const lookups = await this.lookup.lookupMany(batch.map((item) => hashesOf(item.snapshot())));
      for (const [index, item] of batch.entries()) {
        const best = lookups[index].decision.best;
        if (!best) continue;
        item.resolveAsKnown(
          {
            entryId: best.entry.id,
            bankId: best.bank.id,
            bankName: best.bank.name,
            classification: best.entry.classification,
            matchKind: best.kind,
            distance: best.distance,
            reason: `banked while it waited: ${best.reason}`,
          },
          this.clock.now(),
        );
        try {
          await this.items.save(item);
          resolved++;
        } catch (error) {
          // A reviewer's decision or another replica's recheck got there first; the next run sees it.
          if (!(error instanceof ConflictError)) throw error;
        }
      }
    }
    return { checked, resolved };
  }
}

function hashesOf(item: ReviewItemSnapshot): MediaHashes {
  return {
    digests: [
      { type: 'sha256', value: item.sha256 },
      { type: 'md5', value: item.md5 },
    ],
    pdq: item.pdq ? { value: item.pdq, quality: item.pdqQuality } : undefined,
  };
}
