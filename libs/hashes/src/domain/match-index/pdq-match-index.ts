import { EntryId, assertEntryId } from './entry-id';
import { BulkLoadInputError, SnapshotFormatError } from './match-index-errors';
import {
  DEFAULT_PDQ_MATCH_THRESHOLD,
  MAX_PDQ_DISTANCE,
  PdqIndex,
  PdqMatch,
  assertThreshold,
  compareMatches,
} from './pdq-index';
import { PDQ_WORDS, PdqHashInput, hammingDistanceAt, packPdqHashes, popcount32, writePdqWords } from './pdq-words';
import { MASK16_WEIGHT_START, MASKS16_BY_WEIGHT, POPCOUNT16, binomial, pigeonholeRadii } from './pigeonhole';
import {
  BUCKETS,
  OFFSETS_PER_SEGMENT,
  SEGMENTS,
  SegmentTables,
  buildSegmentTables,
  segmentTablesBytes,
} from './segment-tables';
import { SlotByIdTable } from './slot-by-id-table';
import { SnapshotReader, SnapshotWriter } from './snapshot-sections';

/**
 * 'auto' picks, per query and per region, the MIH probe or a linear scan by estimated cost (a
 * linear scan wins for small regions and very large thresholds); the others force one, which
 * tests and benchmarks use to exercise a specific path.
 */
export type PdqSearchStrategy = 'auto' | 'mih' | 'linear';

export interface PdqMatchIndexOptions {
  strategy?: PdqSearchStrategy;
  /**
   * Merge the overflow region into the base tables, and drop removed entries, when they grow
   * large (default true). At 10M entries a compaction takes seconds on the calling thread;
   * turn this off to schedule `compact()` yourself.
   */
  autoCompact?: boolean;
}

export interface PdqSnapshotOptions extends PdqMatchIndexOptions {
  /** Copy every array out of `bytes` instead of keeping views into it (default false). */
  copy?: boolean;
}

const SNAPSHOT_MAGIC = 'VIGILMIH';
const SNAPSHOT_VERSION = 1;

/** Recent adds are scanned linearly until there are this many, or 1/8 of the indexed overflow. */
const TAIL_LIMIT = 1024;
/** Regions this small are never worth a compaction on their own. */
const COMPACT_MIN_ENTRIES = 4096;

/**
 * Rough per-operation costs in nanoseconds for the strategy choice, measured on the benchmark
 * machine: a bucket visit is dominated by a cache miss on its offsets and first entries.
 */
const COST_BUCKET_VISIT = 60;
const COST_RESIDUAL_SCAN = 1.5;
const COST_BINARY_SEARCH_STEP = 6;
const COST_LINEAR_PER_HASH = 4;

interface ProbePlan {
  readonly radii: Int32Array;
  readonly bucketsVisited: number;
  /** Buckets whose entries are scanned (remaining residual radius > 0). */
  readonly bucketsScanned: number;
  /** Buckets searched by binary search (remaining residual radius 0). */
  readonly bucketsSearched: number;
}

const PROBE_PLANS: ProbePlan[] = [];
for (let d = 0; d <= MAX_PDQ_DISTANCE; d++) {
  const radii = pigeonholeRadii(d, SEGMENTS);
  let scanned = 0;
  let searched = 0;
  for (let s = 0; s < SEGMENTS; s++) {
    for (let j = 0; j <= Math.min(radii[s], 16); j++) {
      if (radii[s] - j > 0) scanned += binomial(16, j);
      else searched += binomial(16, j);
    }
  }
  PROBE_PLANS.push({ radii, bucketsVisited: scanned + searched, bucketsScanned: scanned, bucketsSearched: searched });
}

/**
 * Multi-index hashing (Norouzi, Punjani & Fleet) over 256-bit PDQ hashes.
 *
 * Storage is split in three regions so that adds and removes never force a full rebuild:
 * - the base region, built in one go by `bulkLoad`/`compact` (hashes plus CSR segment tables);
 * - the overflow region of later adds, whose own (small) segment tables are rebuilt from scratch
 *   when enough adds accumulate, which costs O(overflow) and amortises to O(1) per add;
 * - the overflow's tail of adds since that rebuild, scanned linearly.
 * Removal sets a tombstone; `compact()` (automatic when overflow or tombstones pass half the
 * base) folds everything back into a fresh base region.
 *
 * Slots are global: base slots are 0..baseCount-1, overflow slot k is baseCount + k. `ids` and
 * `dead` are indexed by global slot.
 */
export class PdqMatchIndex implements PdqIndex {
  private readonly strategy: PdqSearchStrategy;
  private readonly autoCompact: boolean;

  private ids: EntryId[] = [];
  private dead: Uint8Array = new Uint8Array(0);
  private deadCount = 0;
  private slotById: SlotByIdTable;

  private baseCount = 0;
  private baseWords: Uint32Array = new Uint32Array(0);
  private baseTables: SegmentTables | null = null;

  private overflowCount = 0;
  private overflowWords: Uint32Array = new Uint32Array(0);
  private overflowTables: SegmentTables | null = null;
  /** Overflow slots below this are covered by `overflowTables`; the rest are the tail. */
  private overflowIndexed = 0;

  // Per-query state, kept on the instance so the hot loops allocate nothing.
  private readonly queryWords = new Uint32Array(PDQ_WORDS);
  private radii: Int32Array = PROBE_PLANS[DEFAULT_PDQ_MATCH_THRESHOLD].radii;
  private maxDistance = DEFAULT_PDQ_MATCH_THRESHOLD;
  private hitSlots: number[] = [];
  private hitDistances: number[] = [];

  constructor(options: PdqMatchIndexOptions = {}) {
    this.strategy = options.strategy ?? 'auto';
    this.autoCompact = options.autoCompact ?? true;
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
    this.reserveDead(this.ids.length);
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
          `bulkLoad got ${ids.length} ids but ${hashes.length} words (${PDQ_WORDS} words per hash expected, i.e. ${ids.length * PDQ_WORDS})`,
        );
      }
      packed = hashes.slice();
    } else {
      if (hashes.length !== ids.length) {
        throw new BulkLoadInputError(`bulkLoad got ${ids.length} ids but ${hashes.length} hashes`);
      }
      packed = packPdqHashes(hashes);
    }
    for (let i = 0; i < ids.length; i++) assertEntryId(ids[i], `entry id at index ${i}`);
    if (this.ids.length === 0) {
      this.buildBase(ids.slice(), packed);
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
    writePdqWords(hash, this.queryWords, 0, 'query hash');
    const plan = PROBE_PLANS[maxDistance];
    this.radii = plan.radii;
    this.maxDistance = maxDistance;
    this.hitSlots.length = 0;
    this.hitDistances.length = 0;

    if (this.baseTables !== null) {
      if (this.useTables(plan, this.baseTables.count)) this.searchTables(this.baseTables, this.baseWords, 0);
      else this.scanLinear(this.baseWords, 0, 0, this.baseCount);
    }
    if (this.overflowTables !== null && this.useTables(plan, this.overflowTables.count)) {
      this.searchTables(this.overflowTables, this.overflowWords, this.baseCount);
    } else {
      this.scanLinear(this.overflowWords, this.baseCount, 0, this.overflowIndexed);
    }
    this.scanLinear(this.overflowWords, this.baseCount, this.overflowIndexed, this.overflowCount);

    const matches: PdqMatch[] = new Array<PdqMatch>(this.hitSlots.length);
    for (let i = 0; i < matches.length; i++) {
      matches[i] = { id: this.ids[this.hitSlots[i]], distance: this.hitDistances[i] };
    }
    return matches.sort(compareMatches);
  }

  memoryEstimateBytes(): number {
    let stringBytes = 0;
    for (let i = 0; i < this.ids.length; i++) {
      const id = this.ids[i];
      // V8 sequential strings: a 16-byte header plus 1 or 2 bytes per character; assume 1.
      if (typeof id === 'string') stringBytes += 16 + id.length;
    }
    return (
      this.baseWords.byteLength +
      segmentTablesBytes(this.baseTables) +
      this.overflowWords.byteLength +
      segmentTablesBytes(this.overflowTables) +
      this.dead.byteLength +
      this.slotById.memoryBytes() +
      this.ids.length * 8 +
      stringBytes
    );
  }

  /** Counts per region, for monitoring and tests. */
  stats(): { live: number; removed: number; base: number; overflowIndexed: number; tail: number } {
    return {
      live: this.size,
      removed: this.deadCount,
      base: this.baseCount,
      overflowIndexed: this.overflowIndexed,
      tail: this.overflowCount - this.overflowIndexed,
    };
  }

  /**
   * The complete state, base tables and id table included, so loading is a few validation
   * passes rather than a rebuild. The overflow region's tables are rebuilt on load (cheap).
   */
  serialize(): Uint8Array {
    const writer = new SnapshotWriter(SNAPSHOT_MAGIC, SNAPSHOT_VERSION);
    writer.uint32(SEGMENTS);
    writer.uint32(BUCKETS);
    writer.entryIds(this.ids);
    writer.array(this.dead.subarray(0, this.ids.length));
    writer.uint32(this.baseCount);
    writer.array(this.baseWords);
    const tables = this.baseTables;
    writer.uint32(tables === null ? 0 : 1);
    if (tables !== null) {
      writer.uint32(tables.count);
      writer.array(tables.offsets);
      writer.array(tables.residuals);
      writer.array(tables.slots);
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
    const ids = reader.entryIds('ids');
    const dead = reader.uint8Array('tombstones', ids.length);
    const baseCount = reader.uint32('base count');
    if (baseCount > ids.length) throw new SnapshotFormatError('snapshot base count exceeds its id count');
    const baseWords = reader.uint32Array('base hashes', baseCount * PDQ_WORDS);
    let baseTables: SegmentTables | null = null;
    if (reader.uint32('base tables flag') === 1) {
      const count = reader.uint32('base table entries');
      const offsets = reader.uint32Array('base table offsets', SEGMENTS * OFFSETS_PER_SEGMENT);
      const residuals = reader.uint16Array('base table residuals', SEGMENTS * count);
      const slots = reader.uint32Array('base table slots', SEGMENTS * count);
      baseTables = { count, offsets, residuals, slots };
      validateTables(baseTables, baseCount);
    } else if (baseCount > 0) {
      throw new SnapshotFormatError('snapshot has base hashes but no base tables');
    }
    const overflowCount = reader.uint32('overflow count');
    if (baseCount + overflowCount !== ids.length) {
      throw new SnapshotFormatError(`snapshot has ${ids.length} ids for ${baseCount + overflowCount} hashes`);
    }
    const overflowWords = reader.uint32Array('overflow hashes', overflowCount * PDQ_WORDS);
    const liveCount = reader.uint32('id table live count');
    const usedCount = reader.uint32('id table used count');
    const cells = reader.int32Array('id table');
    reader.end();

    let deadCount = 0;
    for (let i = 0; i < dead.length; i++) if (dead[i] !== 0) deadCount++;
    validateIdTable(cells, ids.length, liveCount, usedCount, ids.length - deadCount);

    const index = new PdqMatchIndex(options);
    index.ids = ids;
    index.dead = dead;
    index.deadCount = deadCount;
    index.slotById = SlotByIdTable.restore(ids, cells, liveCount, usedCount);
    index.baseCount = baseCount;
    index.baseWords = baseWords;
    index.baseTables = baseTables;
    index.overflowCount = overflowCount;
    index.overflowWords = overflowWords;
    if (overflowCount >= TAIL_LIMIT) index.indexOverflow();
    return index;
  }

  // ---------------------------------------------------------------------------------------------
  // Search

  private useTables(plan: ProbePlan, entries: number): boolean {
    if (this.strategy !== 'auto') return this.strategy === 'mih';
    const bucketSize = entries / BUCKETS;
    const probeCost =
      plan.bucketsVisited * COST_BUCKET_VISIT +
      plan.bucketsScanned * bucketSize * COST_RESIDUAL_SCAN +
      plan.bucketsSearched * Math.log2(bucketSize + 1) * COST_BINARY_SEARCH_STEP;
    return probeCost < entries * COST_LINEAR_PER_HASH;
  }

  /**
   * Visits, for each segment s with radius r, every bucket whose 16-bit key is within r of the
   * query's, filtering entries by residual against the radius left over. Together that finds
   * exactly the entries whose segment word is within r of the query's word.
   */
  private searchTables(tables: SegmentTables, words: Uint32Array, slotBase: number): void {
    const { count, offsets, residuals, slots } = tables;
    const query = this.queryWords;
    const radii = this.radii;
    for (let s = 0; s < SEGMENTS; s++) {
      const radius = radii[s];
      if (radius < 0) continue;
      const key = query[s] >>> 16;
      const residual = query[s] & 0xffff;
      const offsetBase = s * OFFSETS_PER_SEGMENT;
      const entryBase = s * count;
      const maxFlips = radius < 16 ? radius : 16;
      for (let flips = 0; flips <= maxFlips; flips++) {
        const limit = radius - flips;
        const maskEnd = MASK16_WEIGHT_START[flips + 1];
        for (let m = MASK16_WEIGHT_START[flips]; m < maskEnd; m++) {
          const bucket = key ^ MASKS16_BY_WEIGHT[m];
          const start = entryBase + offsets[offsetBase + bucket];
          const end = entryBase + offsets[offsetBase + bucket + 1];
          if (start === end) continue;
          if (limit === 0) {
            // Residuals are sorted within a bucket: find the run equal to the query's.
            let low = start;
            let high = end;
            while (low < high) {
              const middle = (low + high) >>> 1;
              if (residuals[middle] < residual) low = middle + 1;
              else high = middle;
            }
            for (let e = low; e < end && residuals[e] === residual; e++) this.verify(words, slots[e], slotBase, s);
          } else if (limit >= 16) {
            for (let e = start; e < end; e++) this.verify(words, slots[e], slotBase, s);
          } else {
            for (let e = start; e < end; e++) {
              if (POPCOUNT16[residuals[e] ^ residual] <= limit) this.verify(words, slots[e], slotBase, s);
            }
          }
        }
      }
    }
  }

  /**
   * Full check of a candidate found through segment `segment`. An entry whose earlier segment is
   * also within that segment's radius was (or will be) reported from that segment, so it is
   * skipped here: each entry is reported exactly once, with no visited set to allocate or clear.
   */
  private verify(words: Uint32Array, local: number, slotBase: number, segment: number): void {
    const slot = slotBase + local;
    if (this.dead[slot] !== 0) return;
    const offset = local * PDQ_WORDS;
    const query = this.queryWords;
    const radii = this.radii;
    for (let t = 0; t < segment; t++) {
      if (radii[t] >= 0 && popcount32(words[offset + t] ^ query[t]) <= radii[t]) return;
    }
    const distance = hammingDistanceAt(words, offset, query, 0);
    if (distance <= this.maxDistance) {
      this.hitSlots.push(slot);
      this.hitDistances.push(distance);
    }
  }

  private scanLinear(words: Uint32Array, slotBase: number, from: number, to: number): void {
    const query = this.queryWords;
    const maxDistance = this.maxDistance;
    const dead = this.dead;
    for (let local = from; local < to; local++) {
      const o = local * PDQ_WORDS;
      // Half the words already exceed the threshold for almost every non-match.
      const half =
        popcount32(words[o] ^ query[0]) +
        popcount32(words[o + 1] ^ query[1]) +
        popcount32(words[o + 2] ^ query[2]) +
        popcount32(words[o + 3] ^ query[3]);
      if (half > maxDistance) continue;
      const distance =
        half +
        popcount32(words[o + 4] ^ query[4]) +
        popcount32(words[o + 5] ^ query[5]) +
        popcount32(words[o + 6] ^ query[6]) +
        popcount32(words[o + 7] ^ query[7]);
      if (distance <= maxDistance && dead[slotBase + local] === 0) {
        this.hitSlots.push(slotBase + local);
        this.hitDistances.push(distance);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Maintenance

  /** Takes ownership of `ids` and `words` and makes them the base region; overflow is emptied. */
  private buildBase(ids: EntryId[], words: Uint32Array): void {
    const count = ids.length;
    this.ids = ids;
    this.dead = new Uint8Array(count);
    this.deadCount = 0;
    this.slotById = new SlotByIdTable(ids, count);
    for (let slot = 0; slot < count; slot++) {
      const previous = this.slotById.set(ids[slot], slot);
      if (previous >= 0) this.markDead(previous);
    }
    this.baseCount = count;
    this.baseWords = words;
    this.baseTables = count > 0 ? buildSegmentTables(words, count, this.deadCount > 0 ? this.dead : null, 0) : null;
    this.overflowCount = 0;
    this.overflowWords = new Uint32Array(0);
    this.overflowTables = null;
    this.overflowIndexed = 0;
  }

  /** Live ids and packed hashes in slot order, with room for `extra` more hashes. */
  private liveContents(extra: number): { ids: EntryId[]; words: Uint32Array } {
    const ids: EntryId[] = [];
    const words = new Uint32Array((this.size + extra) * PDQ_WORDS);
    const copyRegion = (source: Uint32Array, slotBase: number, count: number): void => {
      for (let local = 0; local < count; local++) {
        if (this.dead[slotBase + local] !== 0) continue;
        words.set(source.subarray(local * PDQ_WORDS, (local + 1) * PDQ_WORDS), ids.length * PDQ_WORDS);
        ids.push(this.ids[slotBase + local]);
      }
    };
    copyRegion(this.baseWords, 0, this.baseCount);
    copyRegion(this.overflowWords, this.baseCount, this.overflowCount);
    return { ids, words };
  }

  private markDead(slot: number): void {
    this.dead[slot] = 1;
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
    this.overflowTables = buildSegmentTables(this.overflowWords, this.overflowCount, this.dead, this.baseCount);
    this.overflowIndexed = this.overflowCount;
  }

  private reserveOverflow(hashCount: number): void {
    if (hashCount * PDQ_WORDS <= this.overflowWords.length) return;
    const capacity = Math.max(hashCount, Math.ceil((this.overflowWords.length / PDQ_WORDS) * 1.5), 256);
    const grown = new Uint32Array(capacity * PDQ_WORDS);
    grown.set(this.overflowWords.subarray(0, this.overflowCount * PDQ_WORDS));
    this.overflowWords = grown;
  }

  private reserveDead(slotCount: number): void {
    if (slotCount <= this.dead.length) return;
    const grown = new Uint8Array(Math.max(slotCount, Math.ceil(this.dead.length * 1.5), 1024));
    grown.set(this.dead);
    this.dead = grown;
  }
}

function validateTables(tables: SegmentTables, slotCount: number): void {
  const { count, offsets, slots } = tables;
  for (let s = 0; s < SEGMENTS; s++) {
    const base = s * OFFSETS_PER_SEGMENT;
    if (offsets[base] !== 0 || offsets[base + BUCKETS] !== count) {
      throw new SnapshotFormatError(`snapshot segment table ${s} does not cover its ${count} entries`);
    }
    for (let b = 0; b < BUCKETS; b++) {
      if (offsets[base + b] > offsets[base + b + 1]) {
        throw new SnapshotFormatError(`snapshot segment table ${s} has decreasing offsets at bucket ${b}`);
      }
    }
  }
  for (let i = 0; i < slots.length; i++) {
    if (slots[i] >= slotCount) throw new SnapshotFormatError('snapshot segment tables reference a missing slot');
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
