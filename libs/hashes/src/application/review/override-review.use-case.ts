import { NotFoundError, type Clock } from '@vigil/kernel';
import type { HashEntryProps } from '../../domain/banks/hash-bank';
import type { ReviewItemSnapshot } from '../../domain/review/review-item';
import type { ReviewAtomicWork, ReviewItemRepository } from '../../ports/review-item.repository';
import type { ReviewedBank } from './reviewed-bank';

export interface OverrideReviewCommand {
  itemId: string;
  supervisor: string;
  classification: string;
  reason: string;
}

/**
 * A supervisor settles an item: a split the reviewers could not resolve, or an outcome they
 * judge wrong. The override is recorded with who, when and why, and the reviewed bank follows it:
 * hashes added for a positive class, disabled (with the reason) when it is not CSAM after all.
 */
export class OverrideReviewUseCase {
  constructor(
    private readonly items: ReviewItemRepository,
    private readonly bank: ReviewedBank,
    private readonly clock: Clock,
    private readonly atomically: ReviewAtomicWork,
  ) {}

  async execute(command: OverrideReviewCommand): Promise<{ item: ReviewItemSnapshot; bankEntries: HashEntryProps[]; changedEntries: HashEntryProps[] }> {
    return this.atomically(async () => {
      const item = await this.items.findById(command.itemId);
      if (!item) throw new NotFoundError('review item', command.itemId);
      item.override(command.supervisor, command.classification, command.reason, this.clock.now());
      await this.items.save(item);
      const bankEntries: HashEntryProps[] = [];
      const changedEntries: HashEntryProps[] = [];
      for (const event of item.pullEvents()) {
        const { added, changed } = await this.bank.reconcile(item.snapshot(), event.payload.outcome);
        bankEntries.push(...added);
        changedEntries.push(...changed);
      }
      return { item: item.snapshot(), bankEntries, changedEntries };
    });
  }
}
