import { EntryId, hashEntryId } from './entry-id';
import { EntryIdColumn } from './entry-id-column';
import { SlotByIdTable } from './slot-by-id-table';
import { SeededRandom } from './synthetic-pdq-hashes';

/** A canonical lowercase UUID made from a small number, so tests can enumerate them. */
function uuid(n: number): string {
  const hex = (n * 2654435761).toString(16).padStart(32, '0').slice(-32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}

describe('SlotByIdTable', () => {
  it.each<[string, (random: SeededRandom, op: number) => EntryId]>([
    ['numbers and strings', (random) => (random.nextInt(2) === 0 ? random.nextInt(3000) : `key-${random.nextInt(3000)}`)],
    ['UUIDs, then other strings', (random, op) => (op < 15000 ? uuid(random.nextInt(3000)) : random.nextInt(2) === 0 ? uuid(random.nextInt(3000)) : `key-${random.nextInt(3000)}`)],
  ])('behaves like a Map under random sets, replacements and deletes with rehashes (%s)', (_, pick) => {
    const random = new SeededRandom(71);
    const ids = EntryIdColumn.empty();
    const table = new SlotByIdTable(ids, 0);
    const model = new Map<EntryId, number>();
    for (let op = 0; op < 30000; op++) {
      const id = pick(random, op);
      if (random.nextInt(3) === 0) {
        expect(table.delete(id)).toBe(model.get(id) ?? -1);
        model.delete(id);
      } else {
        // Like the index: every set gets a fresh slot whose id is recorded in the column.
        const slot = ids.length;
        ids.push(id);
        expect(table.set(id, slot)).toBe(model.get(id) ?? -1);
        model.set(id, slot);
      }
    }
    expect(table.size).toBe(model.size);
    const mismatches: string[] = [];
    for (let n = 0; n < 3000; n++) {
      for (const id of [n, `key-${n}`, uuid(n)]) if (table.get(id) !== (model.get(id) ?? -1)) mismatches.push(String(id));
    }
    expect(mismatches).toEqual([]);
    expect(model.size).toBeGreaterThan(1000);
  });
});

describe('EntryIdColumn', () => {
  it('stores 32-bit ids compactly and switches to a plain array for any other id', () => {
    const column = EntryIdColumn.of([0, 1, 4294967295]);
    expect(column.memoryBytes()).toBe(12);
    column.push(7);
    column.push('a string id');
    column.push(-3);
    column.push(2 ** 40);
    expect([0, 1, 2, 3, 4, 5, 6].map((slot) => column.get(slot))).toEqual([0, 1, 4294967295, 7, 'a string id', -3, 2 ** 40]);
    expect(column.length).toBe(7);
    expect(EntryIdColumn.of(['x', 1]).get(0)).toBe('x');
  });

  it('stores canonical UUIDs in 16 bytes, hashing them as their strings', () => {
    const ids = [uuid(1), uuid(2), uuid(3)];
    const column = EntryIdColumn.of([...ids]);
    expect(column.memoryBytes()).toBe(48);
    expect([0, 1, 2].map((slot) => column.get(slot))).toEqual(ids);
    for (let slot = 0; slot < 3; slot++) expect(column.hashOfSlot(slot)).toBe(hashEntryId(ids[slot]));
    column.bindKey(ids[1]);
    expect([0, 1, 2].map((slot) => column.slotHasKey(slot))).toEqual([false, true, false]);
    // Upper case is not canonical (it would not round-trip), so it switches to a plain array.
    column.push(uuid(4).toUpperCase());
    expect(column.get(3)).toBe(uuid(4).toUpperCase());
    expect(column.get(0)).toBe(ids[0]);
  });
});
