import { EntryId, assertEntryId } from './entry-id';
import { EntryIdColumn } from './entry-id-column';
import { BulkLoadInputError, SnapshotFormatError } from './match-index-errors';
import { MAX_RUN_SLOTS, MihRun, OFFSETS_PER_SEGMENT, SEGMENTS, BUCKETS, buildMihRuns, mihRunBytes } from './mih-run';
import { MihSearch } from './mih-search';
import { DEFAULT_PDQ_MATCH_THRESHOLD, PdqIndex, PdqMatch, assertThreshold, compareMatches } from './pdq-index';
import { PDQ_WORDS, PdqHashInput, packPdqHashes, writePdqWords } from './pdq-words';
import { SlotBitset } from './slot-bitset';
import { SlotByIdTable } from './slot-by-id-table';
import { SnapshotReader, SnapshotWriter } from './snapshot-sections';

/**
 * 'auto' picks, per query and per run, the MIH probe or a linear scan by estimated cost (a scan
 * wins for small runs and very large thresholds); the others force one, which tests and
 * benchmarks use to exercise a specific path.
 */
export type PdqSearchStrategy = 'auto' | 'mih' | 'linear';

export interface PdqMatchIndexOptions {
  strategy?: PdqSearchStrategy;
  /**
   * Fold the overflow region into the base, and drop removed entries, once either passes half
   * the base (default true). At 10M entries a compaction takes seconds on the calling thread;
   * turn this off to schedule `compact()` yourself.
   */
  autoCompact?: boolean;
  /** Slots per run, at most (and by default) 2^24; smaller values exist for tests. */
  maxRunSlots?: number;
}

export interface PdqSnapshotOptions extends PdqMatchIndexOptions {
  /** Copy every array out of `bytes` instead of keeping views into it (default false). */
  copy?: boolean;
}

const SNAPSHOT_MAGIC = 'VIGILMIH';
const SNAPSHOT_VERSION = 1;

/** Recent adds are scanned linearly until there are this many, or 1/8 of the indexed overflow. */
const TAIL_LIMIT = 1024;
/** Below this many overflow entries or tombstones a compaction is never worth it. */
const COMPACT_MIN_ENTRIES = 4096;

/**
 * Multi-index hashing (Norouzi, Punjani & Fleet) over 256-bit PDQ hashes; see mih-run.ts for
 * the table layout and mih-search.ts for the probe.
 *
 * Storage is split into regions so that adds and removes never force a full rebuild:
 * - the base region, built in one go by `bulkLoad`/`compact`;
 * - the overflow region of later adds, whose own runs are rebuilt from scratch whenever the
 *   adds since the last rebuild reach 1/8 of it (O(overflow) each time, O(1) amortised per add);
 * - the overflow's tail of adds since that rebuild, scanned linearly.
 * Removal sets a tombstone; `compact()` (automatic, see the options) folds everything back into
 * a fresh base region.
 *
 * Slots are global: base slots are 0..baseCount-1, overflow slot k is baseCount + k. The id
 * column and the tombstones are indexed by global slot.
 */
export class PdqMatchIndex implements PdqIndex {
  private readonly strategy: PdqSearchStrategy;
  private readonly autoCompact: boolean;
  private readonly maxRunSlots: number;

  private ids = EntryIdColumn.empty();
  private dead = new SlotBitset();
  private deadCount = 0;
  private slotById: SlotByIdTable;

  private baseCount = 0;
  private baseWords: Uint32Array = new Uint32Array(0);
  private baseRuns: MihRun[] = [];

  private overflowCount = 0;
  private overflowWords: Uint32Array = new Uint32Array(0);
  private overflowRuns: MihRun[] = [];
  /** Overflow slots below this are covered by `overflowRuns`; the rest are the tail. */
  private overflowIndexed = 0;

  private readonly search = new MihSearch();

  constructor(options: PdqMatchIndexOptions = {}) {
    this.strategy = options.strategy ?? 'auto';
    this.autoCompact = options.autoCompact ?? true;
    const maxRunSlots = options.maxRunSlots ?? MAX_RUN_SLOTS;
    if (!Number.isInteger(maxRunSlots) || maxRunSlots < 1 || maxRunSlots > MAX_RUN_SLOTS) {
      throw new RangeError(`maxRunSlots must be an integer from 1 to ${MAX_RUN_SLOTS}, got ${maxRunSlots}`);
    }
    this.maxRunSlots = maxRunSlots;
    this.slotById = new SlotByIdTable(this.ids, 0);
  }

  get size(): number {
    return this.ids.length - this.deadCount;
  }

  has(id: EntryId): boolean {
    return this.slotById.get(id) >= 0;
  }

  add(id: EntryId, hash: PdqHashInput): void {
    assertEntryId(id);
    this.reserveOverflow(this.overflowCount + 1);
    // Parsed before any state changes, so an invalid hash leaves the index untouched.
    writePdqWords(hash, this.overflowWords, this.overflowCount * PDQ_WORDS);
    const slot = this.baseCount + this.overflowCount;
    this.overflowCount++;
    this.ids.push(id);
    this.dead.reserve(slot + 1);
    const previous = this.slotById.set(id, slot);
    if (previous >= 0) this.markDead(previous);
    this.maintain();
  }

  remove(id: EntryId): boolean {
    const slot = this.slotById.delete(id);
    if (slot < 0) return false;
    this.markDead(slot);
    this.maintain();
    return true;
  }

  bulkLoad(ids: ReadonlyArray<EntryId>, hashes: Uint32Array | ReadonlyArray<PdqHashInput>): void {
    if (!Array.isArray(ids)) throw new BulkLoadInputError('bulkLoad expects an array of entry ids');
    let packed: Uint32Array;
    if (hashes instanceof Uint32Array) {
      if (hashes.length !== ids.length * PDQ_WORDS) {
        throw new BulkLoadInputError(
          `bulkLoad got ${ids.length} ids but ${hashes.length} hash words (${PDQ_WORDS} per hash, i.e. ${ids.length * PDQ_WORDS} expected)`,
        );
      }
      packed = hashes.slice();
    } else if (Array.isArray(hashes)) {
      if (hashes.length !== ids.length) {
        throw new BulkLoadInputError(`bulkLoad got ${ids.length} ids but ${hashes.length} hashes`);
      }
      packed = packPdqHashes(hashes);
    } else {
      throw new BulkLoadInputError('bulkLoad expects hashes as one packed Uint32Array or an array of hashes');
    }
    for (let i = 0; i < ids.length; i++) assertEntryId(ids[i], `entry id at index ${i}`);
    if (this.ids.length === 0) {
      this.buildBase(ids, packed);
      return;
    }
    const live = this.liveContents(ids.length);
    live.words.set(packed, live.ids.length * PDQ_WORDS);
    for (let i = 0; i < ids.length; i++) live.ids.push(ids[i]);
    this.buildBase(live.ids, live.words);
  }

  /** Rebuilds the base region from the live entries, dropping tombstones and the overflow. */
  compact(): void {
    const live = this.liveContents(0);
    this.buildBase(live.ids, live.words);
  }

  query(hash: PdqHashInput, maxDistance: number = DEFAULT_PDQ_MATCH_THRESHOLD): PdqMatch[] {
    assertThreshold(maxDistance);
    const search = this.search;
    writePdqWords(hash, search.query, 0, 'query hash');
    search.begin(maxDistance, this.dead);
    for (const run of this.baseRuns) this.searchRun(run);
    for (const run of this.overflowRuns) this.searchRun(run);
    search.scanLinear(this.overflowWords, this.baseCount, this.overflowIndexed, this.overflowCount);

    const matches = new Array<PdqMatch>(search.hitSlots.length);
    for (let i = 0; i < matches.length; i++) {
      matches[i] = { id: this.ids.get(search.hitSlots[i]), distance: search.hitDistances[i] };
    }
    return matches.sort(compareMatches);
  }

  memoryEstimateBytes(): number {
    let runs = 0;
    for (const run of this.baseRuns) runs += mihRunBytes(run);
    for (const run of this.overflowRuns) runs += mihRunBytes(run);
    return (
      this.baseWords.byteLength +
      this.overflowWords.byteLength +
      runs +
      this.ids.memoryBytes() +
      this.dead.memoryBytes() +
      this.slotById.memoryBytes()
    );
  }

  /** Counts per region, for monitoring and tests. */
  stats(): { live: number; removed: number; base: number; baseRuns: number; overflowIndexed: number; tail: number } {
    return {
      live: this.size,
      removed: this.deadCount,
      base: this.baseCount,
      baseRuns: this.baseRuns.length,
      overflowIndexed: this.overflowIndexed,
      tail: this.overflowCount - this.overflowIndexed,
    };
  }

  /**
   * The complete state, base runs and id table included, so loading is a checksum and a few
   * validation passes rather than a rebuild. Overflow runs are rebuilt on load (they are small).
   */
  serialize(): Uint8Array {
    const writer = new SnapshotWriter(SNAPSHOT_MAGIC, SNAPSHOT_VERSION);
    writer.uint32(SEGMENTS);
    writer.uint32(BUCKETS);
    this.ids.writeTo(writer);
    writer.array(this.dead.words.subarray(0, (this.ids.length + 31) >>> 5));
    writer.uint32(this.baseCount);
    writer.array(this.baseWords);
    writer.uint32(this.baseRuns.length);
    for (const run of this.baseRuns) {
      writer.uint32(run.slotBase);
      writer.uint32(run.slotCount);
      writer.uint32(run.entries);
      writer.array(run.hOffsets);
      writer.array(run.hLow);
      writer.array(run.hSlotLow);
      writer.array(run.hSlotHigh);
      writer.array(run.lOffsets);
      writer.array(run.lHigh);
    }
    writer.uint32(this.overflowCount);
    writer.array(this.overflowWords.subarray(0, this.overflowCount * PDQ_WORDS));
    const idTable = this.slotById.state();
    writer.uint32(idTable.liveCount);
    writer.uint32(idTable.usedCount);
    writer.array(idTable.cells);
    return writer.finish();
  }

  /**
   * Restores an index from `serialize()` output. Unless `options.copy` is set, the index keeps
   * views into `bytes` (and writes tombstones into them), so the caller hands the buffer over.
   */
  static deserialize(bytes: Uint8Array, options: PdqSnapshotOptions = {}): PdqMatchIndex {
    const reader = new SnapshotReader(bytes, SNAPSHOT_MAGIC, SNAPSHOT_VERSION, options.copy ?? false);
    const segments = reader.uint32('segment count');
    const buckets = reader.uint32('bucket count');
    if (segments !== SEGMENTS || buckets !== BUCKETS) {
      throw new SnapshotFormatError(`snapshot uses ${segments} segments × ${buckets} buckets, expected ${SEGMENTS} × ${BUCKETS}`);
    }
    const ids = EntryIdColumn.readFrom(reader, 'ids');
    const slotCount = ids.length;
    const dead = SlotBitset.of(reader.uint32Array('tombstones', (slotCount + 31) >>> 5));
    const baseCount = reader.uint32('base count');
    if (baseCount > slotCount) throw new SnapshotFormatError('snapshot base count exceeds its id count');
    const baseWords = reader.uint32Array('base hashes', baseCount * PDQ_WORDS);
    const runCount = reader.uint32('base run count');
    const baseRuns: MihRun[] = [];
    let expectedSlotBase = 0;
    for (let i = 0; i < runCount; i++) {
      const what = `base run ${i}`;
      const slotBase = reader.uint32(`${what} slot base`);
      const runSlots = reader.uint32(`${what} slot count`);
      const entries = reader.uint32(`${what} entries`);
      if (slotBase !== expectedSlotBase || runSlots > MAX_RUN_SLOTS || slotBase + runSlots > baseCount || entries > runSlots) {
        throw new SnapshotFormatError(`${what} does not fit the base region`);
      }
      expectedSlotBase += runSlots;
      const run: MihRun = {
        slotBase,
        slotCount: runSlots,
        words: baseWords.subarray(slotBase * PDQ_WORDS, (slotBase + runSlots) * PDQ_WORDS),
        entries,
        hOffsets: reader.uint32Array(`${what} H offsets`, SEGMENTS * OFFSETS_PER_SEGMENT),
        hLow: reader.uint16Array(`${what} H low halves`, SEGMENTS * entries),
        hSlotLow: reader.uint16Array(`${what} H slots`, SEGMENTS * entries),
        hSlotHigh: reader.uint8Array(`${what} H slots`, SEGMENTS * entries),
        lOffsets: reader.uint32Array(`${what} L offsets`, SEGMENTS * OFFSETS_PER_SEGMENT),
        lHigh: reader.uint16Array(`${what} L high halves`, SEGMENTS * entries),
      };
      validateRun(run, what);
      baseRuns.push(run);
    }
    if (expectedSlotBase !== baseCount) throw new SnapshotFormatError('snapshot base runs do not cover the base region');
    const overflowCount = reader.uint32('overflow count');
    if (baseCount + overflowCount !== slotCount) {
      throw new SnapshotFormatError(`snapshot has ${slotCount} ids for ${baseCount + overflowCount} hashes`);
    }
    const overflowWords = reader.uint32Array('overflow hashes', overflowCount * PDQ_WORDS);
    const liveCount = reader.uint32('id table live count');
    const usedCount = reader.uint32('id table used count');
    const cells = reader.int32Array('id table');
    reader.end();

    const deadCount = dead.count(slotCount);
    validateIdTable(cells, slotCount, liveCount, usedCount, slotCount - deadCount);

    const index = new PdqMatchIndex(options);
    index.ids = ids;
    index.dead = dead;
    index.deadCount = deadCount;
    index.slotById = SlotByIdTable.restore(ids, cells, liveCount, usedCount);
    index.baseCount = baseCount;
    index.baseWords = baseWords;
    index.baseRuns = baseRuns;
    index.overflowCount = overflowCount;
    index.overflowWords = overflowWords;
    if (overflowCount >= TAIL_LIMIT) index.indexOverflow();
    return index;
  }

  // ---------------------------------------------------------------------------------------------

  private searchRun(run: MihRun): void {
    const probe = this.strategy === 'auto' ? this.search.probeIsCheaper(run) : this.strategy === 'mih';
    if (probe) this.search.searchRun(run);
    else this.search.scanLinear(run.words, run.slotBase, 0, run.slotCount);
  }

  /** Makes `ids` (copied) and `words` (taken over) the base region; the overflow is emptied. */
  private buildBase(ids: ReadonlyArray<EntryId>, words: Uint32Array): void {
    const count = ids.length;
    this.ids = EntryIdColumn.of(ids);
    this.dead = new SlotBitset();
    this.dead.reserve(count);
    this.deadCount = 0;
    this.slotById = new SlotByIdTable(this.ids, count);
    for (let slot = 0; slot < count; slot++) {
      const previous = this.slotById.setStoredSlot(slot);
      if (previous >= 0) this.markDead(previous);
    }
    this.baseCount = count;
    this.baseWords = words;
    const dead = this.dead;
    this.baseRuns = buildMihRuns(words, 0, count, this.deadCount > 0 ? (slot) => dead.has(slot) : null, this.maxRunSlots);
    this.overflowCount = 0;
    this.overflowWords = new Uint32Array(0);
    this.overflowRuns = [];
    this.overflowIndexed = 0;
  }

  /** Live ids and packed hashes in slot order, with room for `extra` more hashes. */
  private liveContents(extra: number): { ids: EntryId[]; words: Uint32Array } {
    const ids: EntryId[] = [];
    const words = new Uint32Array((this.size + extra) * PDQ_WORDS);
    const copyRegion = (source: Uint32Array, slotBase: number, count: number): void => {
      for (let local = 0; local < count; local++) {
        if (this.dead.has(slotBase + local)) continue;
        words.set(source.subarray(local * PDQ_WORDS, (local + 1) * PDQ_WORDS), ids.length * PDQ_WORDS);
        ids.push(this.ids.get(slotBase + local));
      }
    };
    copyRegion(this.baseWords, 0, this.baseCount);
    copyRegion(this.overflowWords, this.baseCount, this.overflowCount);
    return { ids, words };
  }

  private markDead(slot: number): void {
    this.dead.add(slot);
    this.deadCount++;
  }

  private maintain(): void {
    if (this.autoCompact) {
      const threshold = Math.max(COMPACT_MIN_ENTRIES, this.baseCount >>> 1);
      if (this.overflowCount > threshold || this.deadCount > threshold) {
        this.compact();
        return;
      }
    }
    const tail = this.overflowCount - this.overflowIndexed;
    if (tail >= Math.max(TAIL_LIMIT, this.overflowIndexed >>> 3)) this.indexOverflow();
  }

  private indexOverflow(): void {
    const dead = this.dead;
    this.overflowRuns = buildMihRuns(
      this.overflowWords,
      this.baseCount,
      this.overflowCount,
      (slot) => dead.has(slot),
      this.maxRunSlots,
    );
    this.overflowIndexed = this.overflowCount;
  }

  private reserveOverflow(hashCount: number): void {
    if (hashCount * PDQ_WORDS <= this.overflowWords.length) return;
    const capacity = Math.max(hashCount, Math.ceil((this.overflowWords.length / PDQ_WORDS) * 1.5), 256);
    const grown = new Uint32Array(capacity * PDQ_WORDS);
    grown.set(this.overflowWords.subarray(0, this.overflowCount * PDQ_WORDS));
    this.overflowWords = grown;
    // Point the runs at the new array so the old one can be collected.
    this.overflowRuns = this.overflowRuns.map((run) => ({
      ...run,
      words: grown.subarray((run.slotBase - this.baseCount) * PDQ_WORDS, (run.slotBase - this.baseCount + run.slotCount) * PDQ_WORDS),
    }));
  }
}

function validateRun(run: MihRun, what: string): void {
  const { entries, slotCount } = run;
  for (const [offsets, name] of [
    [run.hOffsets, 'H'],
    [run.lOffsets, 'L'],
  ] as const) {
    for (let s = 0; s < SEGMENTS; s++) {
      const base = s * OFFSETS_PER_SEGMENT;
      if (offsets[base] !== 0 || offsets[base + BUCKETS] !== entries) {
        throw new SnapshotFormatError(`${what}: ${name} table of segment ${s} does not cover its ${entries} entries`);
      }
      for (let b = 0; b < BUCKETS; b++) {
        if (offsets[base + b] > offsets[base + b + 1]) {
          throw new SnapshotFormatError(`${what}: ${name} table of segment ${s} has decreasing offsets at bucket ${b}`);
        }
      }
    }
  }
  for (let e = 0; e < run.hSlotLow.length; e++) {
    if ((run.hSlotLow[e] | (run.hSlotHigh[e] << 16)) >= slotCount) {
      throw new SnapshotFormatError(`${what}: H table references a slot outside the run`);
    }
  }
}

function validateIdTable(cells: Int32Array, slotCount: number, liveCount: number, usedCount: number, live: number): void {
  if (cells.length < 16 || (cells.length & (cells.length - 1)) !== 0) {
    throw new SnapshotFormatError('snapshot id table size is not a power of two');
  }
  let liveCells = 0;
  let usedCells = 0;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell < -1 || cell > slotCount) throw new SnapshotFormatError('snapshot id table references a missing slot');
    if (cell > 0) liveCells++;
    if (cell !== 0) usedCells++;
  }
  if (liveCells !== liveCount || usedCells !== usedCount || liveCount !== live) {
    throw new SnapshotFormatError('snapshot id table does not match its live entries');
  }
}
