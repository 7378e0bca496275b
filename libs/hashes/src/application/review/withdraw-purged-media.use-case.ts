import type { Clock } from '@vigil/kernel';
import type { ReviewItemRepository } from '../../ports/review-item.repository';

/** What the tipline's evidence.purged.v1 says: these evidence files of one closed report are gone, by this retention rule. */
export interface PurgedMedia {
  reportId: string;
  mediaIds: readonly string[];
  recordType: string;
}

export interface WithdrawPurgedMediaResult {
  withdrawn: number;
}

/**
 * The tipline's retention purged evidence files of a closed report: review items still waiting
 * on them leave the queue, since their previews come from those files and nobody can look at
 * them any more. Items already decided, overridden or known keep their outcome: the hashes and
 * decisions are ours, not the tipline's to purge. A redelivered event finds nothing open, so it
 * withdraws nothing twice.
 */
export class WithdrawPurgedMediaUseCase {
  constructor(private readonly items: ReviewItemRepository, private readonly clock: Clock) {}

  async execute(purged: PurgedMedia): Promise<WithdrawPurgedMediaResult> {
    const open = await this.items.findOpenByMediaIds(purged.mediaIds);
    const at = this.clock.now();
    for (const item of open) {
      item.withdraw(`the tipline's retention purged its evidence (rule ${purged.recordType}) before review`, purged.recordType, at);
      // A ConflictError (someone claimed, decided or banked the item since it was read) is let through on purpose:
      // it fails the inbox transaction, the event is redelivered and the items are read again, so one still open is
      // withdrawn then and a concluded one is left alone. Swallowing it, as the bank recheck does, would leave a
      // freshly claimed item in the queue with no evidence behind it.
      await this.items.save(item);
    }
    return { withdrawn: open.length };
  }
}
