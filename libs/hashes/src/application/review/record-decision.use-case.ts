import { NotFoundError, type Clock } from '@vigil/kernel';
import type { HashEntryProps } from '../../domain/banks/hash-bank';
import type { ConsensusRule, ConsensusVerdict } from '../../domain/review/consensus';
import type { ReviewItemSnapshot } from '../../domain/review/review-item';
import type { ReviewAtomicWork, ReviewItemRepository } from '../../ports/review-item.repository';
import type { ReviewedBank } from './reviewed-bank';

export interface RecordDecisionCommand {
  itemId: string;
  reviewer: string;
  classification: string;
  note?: string;
}

export interface RecordDecisionResult {
  item: ReviewItemSnapshot;
  verdict: ConsensusVerdict;
  /** Entries added to the reviewed bank when this decision completed a positive consensus. */
  bankEntries: HashEntryProps[];
}

/**
 * A reviewer's classification of the item they hold. When it completes a positive consensus,
 * the media's hashes enter the reviewed bank in the same transaction, so later copies match.
 */
export class RecordDecisionUseCase {
  constructor(
    private readonly items: ReviewItemRepository,
    private readonly rule: ConsensusRule,
    private readonly bank: ReviewedBank,
    private readonly clock: Clock,
    private readonly atomically: ReviewAtomicWork,
  ) {}

  async execute(command: RecordDecisionCommand): Promise<RecordDecisionResult> {
    return this.atomically(async () => {
      const item = await this.items.findById(command.itemId);
      if (!item) throw new NotFoundError('review item', command.itemId);
      const verdict = item.decide(command.reviewer, command.classification, command.note, this.clock.now(), this.rule);
      await this.items.save(item);
      const bankEntries: HashEntryProps[] = [];
      for (const event of item.pullEvents()) bankEntries.push(...(await this.bank.reconcile(item.snapshot(), event.payload.outcome)).added);
      return { item: item.snapshot(), verdict, bankEntries };
    });
  }
}
