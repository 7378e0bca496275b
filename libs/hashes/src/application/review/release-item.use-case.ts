import { NotFoundError } from '@vigil/kernel';
import type { ReviewItemRepository } from '../../ports/review-item.repository';

/** A reviewer gives an item back untouched (a break, a conflict of interest): it returns to the queue at once. */
export class ReleaseItemUseCase {
  constructor(private readonly items: ReviewItemRepository) {}

  async execute(itemId: string, reviewer: string): Promise<void> {
    const item = await this.items.findById(itemId);
    if (!item) throw new NotFoundError('review item', itemId);
    item.release(reviewer);
    await this.items.save(item);
  }
}
