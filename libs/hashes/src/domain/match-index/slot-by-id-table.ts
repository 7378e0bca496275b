import { EntryId, hashEntryId } from './entry-id';
import { EntryIdColumn } from './entry-id-column';

const EMPTY = 0;
const DELETED = -1;
const MAX_LOAD = 0.7;

/**
 * id → slot lookup for `remove(id)` and upserts, as an open-addressing table of slot numbers in
 * one Int32Array (keys are compared through the index's id column). A JS Map with 10M entries
 * costs roughly 500 MB and tops out at 2^24 entries; this costs 4 bytes per table cell.
 *
 * Cells hold slot + 1, 0 for never used and -1 for a deleted cell (linear probing must walk past
 * deleted cells, so they are only cleared by a rehash).
 */
export class SlotByIdTable {
  private cells: Int32Array;
  private mask: number;
  /** Live entries. */
  private liveCount = 0;
  /** Live plus deleted cells: what probing lengths depend on. */
  private usedCount = 0;

  constructor(
    private readonly ids: EntryIdColumn,
    expectedEntries: number,
  ) {
    this.cells = new Int32Array(SlotByIdTable.capacityFor(expectedEntries));
    this.mask = this.cells.length - 1;
  }

  /** Restores a table saved with `state()`; the caller has checked the cells are in range. */
  static restore(ids: EntryIdColumn, cells: Int32Array, liveCount: number, usedCount: number): SlotByIdTable {
    const table = new SlotByIdTable(ids, 0);
    table.cells = cells;
    table.mask = cells.length - 1;
    table.liveCount = liveCount;
    table.usedCount = usedCount;
    return table;
  }

  private static capacityFor(entries: number): number {
    let capacity = 16;
    while (capacity * MAX_LOAD < entries + 1) capacity *= 2;
    return capacity;
  }

  get size(): number {
    return this.liveCount;
  }

  state(): { cells: Int32Array; liveCount: number; usedCount: number } {
    return { cells: this.cells, liveCount: this.liveCount, usedCount: this.usedCount };
  }

  memoryBytes(): number {
    return this.cells.byteLength;
  }

  /** The slot of `id`, or -1. */
  get(id: EntryId): number {
    this.ids.bindKey(id);
    const cells = this.cells;
    const mask = this.mask;
    let i = hashEntryId(id) & mask;
    for (;;) {
      const cell = cells[i];
      if (cell === EMPTY) return -1;
      if (cell > 0 && this.ids.slotHasKey(cell - 1)) return cell - 1;
      i = (i + 1) & mask;
    }
  }

  /** Maps `id` to `slot`; returns the slot it was mapped to before, or -1. */
  set(id: EntryId, slot: number): number {
    if (this.usedCount + 1 > this.cells.length * MAX_LOAD) this.rehash();
    this.ids.bindKey(id);
    return this.insert(hashEntryId(id), slot);
  }

  /**
   * Maps the id already stored in the column at `slot` to `slot` (bulk loads): the key is read
   * from its compact form, never parsed from a string again.
   */
  setStoredSlot(slot: number): number {
    if (this.usedCount + 1 > this.cells.length * MAX_LOAD) this.rehash();
    this.ids.bindSlot(slot);
    return this.insert(this.ids.hashOfSlot(slot), slot);
  }

  /** Inserts or replaces the key bound in the column, whose hash is `hash`. */
  private insert(hash: number, slot: number): number {
    const cells = this.cells;
    const mask = this.mask;
    let i = hash & mask;
    let firstDeleted = -1;
    for (;;) {
      const cell = cells[i];
      if (cell === EMPTY) break;
      if (cell === DELETED) {
        if (firstDeleted < 0) firstDeleted = i;
      } else if (this.ids.slotHasKey(cell - 1)) {
        cells[i] = slot + 1;
        return cell - 1;
      }
      i = (i + 1) & mask;
    }
    if (firstDeleted >= 0) {
      cells[firstDeleted] = slot + 1;
    } else {
      cells[i] = slot + 1;
      this.usedCount++;
    }
    this.liveCount++;
    return -1;
  }

  /** Unmaps `id`; returns its slot, or -1 if it was not present. */
  delete(id: EntryId): number {
    this.ids.bindKey(id);
    const cells = this.cells;
    const mask = this.mask;
    let i = hashEntryId(id) & mask;
    for (;;) {
      const cell = cells[i];
      if (cell === EMPTY) return -1;
      if (cell > 0 && this.ids.slotHasKey(cell - 1)) {
        cells[i] = DELETED;
        this.liveCount--;
        return cell - 1;
      }
      i = (i + 1) & mask;
    }
  }

  private rehash(): void {
    const old = this.cells;
    this.cells = new Int32Array(SlotByIdTable.capacityFor(2 * this.liveCount + 1));
    this.mask = this.cells.length - 1;
    this.usedCount = this.liveCount;
    for (let j = 0; j < old.length; j++) {
      const cell = old[j];
      if (cell <= 0) continue;
      let i = this.ids.hashOfSlot(cell - 1) & this.mask;
      while (this.cells[i] !== EMPTY) i = (i + 1) & this.mask;
      this.cells[i] = cell;
    }
  }
}
