import { EntryId, assertEntryId } from './entry-id';
import { BulkLoadInputError, SnapshotFormatError } from './match-index-errors';
import { DEFAULT_PDQ_MATCH_THRESHOLD, PdqIndex, PdqMatch, assertThreshold, compareMatches } from './pdq-index';
import { PDQ_WORDS, PdqHashInput, packPdqHashes, popcount32, writePdqWords } from './pdq-words';
import { SnapshotReader, SnapshotWriter } from './snapshot-sections';

const SNAPSHOT_MAGIC = 'VIGILPBF';
const SNAPSHOT_VERSION = 1;

/**
 * The obvious linear scan: the oracle the MIH index is tested against and the baseline it is
 * benchmarked against. Deliberately simple; a Map for ids and swap-with-last removal.
 */
export class BruteForcePdqIndex implements PdqIndex {
  private words: Uint32Array = new Uint32Array(0);
  private ids: EntryId[] = [];
  private slotById = new Map<EntryId, number>();

  static deserialize(bytes: Uint8Array): BruteForcePdqIndex {
    const reader = new SnapshotReader(bytes, SNAPSHOT_MAGIC, SNAPSHOT_VERSION, true);
    const ids = reader.entryIds('ids');
    const words = reader.uint32Array('hashes', ids.length * PDQ_WORDS);
    reader.end();
    const index = new BruteForcePdqIndex();
    index.bulkLoad(ids, words);
    if (index.size !== ids.length) throw new SnapshotFormatError('snapshot holds duplicate ids');
    return index;
  }

  get size(): number {
    return this.ids.length;
  }

  has(id: EntryId): boolean {
    return this.slotById.has(id);
  }

  add(id: EntryId, hash: PdqHashInput): void {
    assertEntryId(id);
    const existing = this.slotById.get(id);
    if (existing !== undefined) {
      writePdqWords(hash, this.words, existing * PDQ_WORDS);
      return;
    }
    const slot = this.ids.length;
    this.reserve(slot + 1);
    writePdqWords(hash, this.words, slot * PDQ_WORDS);
    this.ids.push(id);
    this.slotById.set(id, slot);
  }

  remove(id: EntryId): boolean {
    const slot = this.slotById.get(id);
    if (slot === undefined) return false;
    const last = this.ids.length - 1;
    if (slot !== last) {
      const lastId = this.ids[last];
      this.words.copyWithin(slot * PDQ_WORDS, last * PDQ_WORDS, (last + 1) * PDQ_WORDS);
      this.ids[slot] = lastId;
      this.slotById.set(lastId, slot);
    }
    this.ids.pop();
    this.slotById.delete(id);
    return true;
  }

  bulkLoad(ids: ReadonlyArray<EntryId>, hashes: Uint32Array | ReadonlyArray<PdqHashInput>): void {
    const packed = hashes instanceof Uint32Array ? hashes : packPdqHashes(hashes);
    if (packed.length !== ids.length * PDQ_WORDS) {
      throw new BulkLoadInputError(`bulkLoad got ${ids.length} ids but ${packed.length / PDQ_WORDS} hashes`);
    }
    for (let i = 0; i < ids.length; i++) assertEntryId(ids[i], `entry id at index ${i}`);
    this.reserve(this.ids.length + ids.length);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      const existing = this.slotById.get(id);
      const slot = existing ?? this.ids.length;
      this.words.set(packed.subarray(i * PDQ_WORDS, (i + 1) * PDQ_WORDS), slot * PDQ_WORDS);
      if (existing === undefined) {
        this.ids.push(id);
        this.slotById.set(id, slot);
      }
    }
  }

  query(hash: PdqHashInput, maxDistance: number = DEFAULT_PDQ_MATCH_THRESHOLD): PdqMatch[] {
    assertThreshold(maxDistance);
    const query = new Uint32Array(PDQ_WORDS);
    writePdqWords(hash, query, 0, 'query hash');
    const matches: PdqMatch[] = [];
    const words = this.words;
    const [q0, q1, q2, q3, q4, q5, q6, q7] = query;
    for (let slot = 0, o = 0; slot < this.ids.length; slot++, o += PDQ_WORDS) {
      // Written out (rather than a call per hash) because this loop is the benchmark baseline.
      const distance =
        popcount32(words[o] ^ q0) +
        popcount32(words[o + 1] ^ q1) +
        popcount32(words[o + 2] ^ q2) +
        popcount32(words[o + 3] ^ q3) +
        popcount32(words[o + 4] ^ q4) +
        popcount32(words[o + 5] ^ q5) +
        popcount32(words[o + 6] ^ q6) +
        popcount32(words[o + 7] ^ q7);
      if (distance <= maxDistance) matches.push({ id: this.ids[slot], distance });
    }
    return matches.sort(compareMatches);
  }

  memoryEstimateBytes(): number {
    // Map entries cost roughly 40 bytes each in V8 (key, value, chain link and bucket share).
    return this.words.byteLength + this.ids.length * 8 + this.slotById.size * 40;
  }

  serialize(): Uint8Array {
    const writer = new SnapshotWriter(SNAPSHOT_MAGIC, SNAPSHOT_VERSION);
    writer.entryIds(this.ids);
    writer.array(this.words.subarray(0, this.ids.length * PDQ_WORDS));
    return writer.finish();
  }

  private reserve(hashCount: number): void {
    if (hashCount * PDQ_WORDS <= this.words.length) return;
    const grown = new Uint32Array(Math.max(hashCount, Math.ceil(this.words.length / PDQ_WORDS) * 2, 64) * PDQ_WORDS);
    grown.set(this.words);
    this.words = grown;
  }
}
