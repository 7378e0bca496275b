/**
 * The multi-index hashing tables: for each of the 8 32-bit words ("segments") of the stored
 * hashes, the slots sorted by that word, bucketed by its high 16 bits (CSR layout).
 *
 * Why 8 segments of 32 bits, bucketed by 16: at threshold 31 the pigeonhole radius is 3 per
 * segment. Enumerating all 5,489 words within distance 3 of a 32-bit query word would mean as
 * many random probes per segment; instead the 697 buckets whose high half is within 3 are
 * visited, and inside a bucket the low half ("residual", stored inline as a Uint16) is filtered
 * against the remaining radius, by a sequential scan or, when the remaining radius is 0, by a
 * binary search (entries within a bucket are sorted by residual). Only entries that pass the
 * whole 32-bit segment test (about 100 per query at 10M uniform hashes) touch the 32-byte hash.
 * 16 segments of 16 bits would need no residual but yield ~40k candidates per query at 10M,
 * each a cache miss on the hash; see the benchmark notes in tools/bench.
 *
 * Memory: 6 bytes per entry per segment (Uint32 slot + Uint16 residual) = 48 bytes per hash,
 * plus 8 × 65,537 Uint32 offsets.
 */
export const SEGMENTS = 8;
export const BUCKETS = 65536;
export const OFFSETS_PER_SEGMENT = BUCKETS + 1;

export interface SegmentTables {
  /** Entries per segment (the live slots at build time). */
  readonly count: number;
  /**
   * Bucket b of segment s holds entries [offsets[s·65537 + b], offsets[s·65537 + b + 1]), counted
   * from the segment's first entry at s·count.
   */
  readonly offsets: Uint32Array;
  /** Low 16 bits of the segment word, per entry, segment-major. */
  readonly residuals: Uint16Array;
  /** Slot (relative to the region the tables index) per entry, segment-major. */
  readonly slots: Uint32Array;
}

/**
 * Builds the tables over `words` (8 words per slot, `slotCount` slots), skipping slots whose
 * `dead[deadOffset + slot]` is non-zero. Two stable counting-sort passes per segment (low half,
 * then high half) produce buckets already sorted by residual, in O(n) time with two n-sized
 * scratch arrays, which matters at 10M rows where a comparison sort would dominate the build.
 */
export function buildSegmentTables(
  words: Uint32Array,
  slotCount: number,
  dead: Uint8Array | null,
  deadOffset: number,
): SegmentTables {
  let live: Uint32Array | null = null;
  let count = slotCount;
  if (dead !== null) {
    count = 0;
    for (let k = 0; k < slotCount; k++) if (dead[deadOffset + k] === 0) count++;
    if (count < slotCount) {
      live = new Uint32Array(count);
      let i = 0;
      for (let k = 0; k < slotCount; k++) if (dead[deadOffset + k] === 0) live[i++] = k;
    }
  }

  const offsets = new Uint32Array(SEGMENTS * OFFSETS_PER_SEGMENT);
  const residuals = new Uint16Array(SEGMENTS * count);
  const slots = new Uint32Array(SEGMENTS * count);
  const scratchSlots = new Uint32Array(count);
  const scratchWords = new Uint32Array(count);
  const lowCursor = new Uint32Array(BUCKETS);
  const highCursor = new Uint32Array(BUCKETS);

  for (let s = 0; s < SEGMENTS; s++) {
    lowCursor.fill(0);
    highCursor.fill(0);
    for (let i = 0; i < count; i++) {
      const word = words[(live === null ? i : live[i]) * 8 + s];
      lowCursor[word & 0xffff]++;
      highCursor[word >>> 16]++;
    }
    let lowSum = 0;
    let highSum = 0;
    const offsetBase = s * OFFSETS_PER_SEGMENT;
    for (let b = 0; b < BUCKETS; b++) {
      const lowCount = lowCursor[b];
      lowCursor[b] = lowSum;
      lowSum += lowCount;
      const highCount = highCursor[b];
      highCursor[b] = highSum;
      offsets[offsetBase + b] = highSum;
      highSum += highCount;
    }
    offsets[offsetBase + BUCKETS] = count;

    for (let i = 0; i < count; i++) {
      const slot = live === null ? i : live[i];
      const word = words[slot * 8 + s];
      const position = lowCursor[word & 0xffff]++;
      scratchSlots[position] = slot;
      scratchWords[position] = word;
    }
    const entryBase = s * count;
    for (let i = 0; i < count; i++) {
      const word = scratchWords[i];
      const position = entryBase + highCursor[word >>> 16]++;
      slots[position] = scratchSlots[i];
      residuals[position] = word & 0xffff;
    }
  }
  return { count, offsets, residuals, slots };
}

export function segmentTablesBytes(tables: SegmentTables | null): number {
  if (tables === null) return 0;
  return tables.offsets.byteLength + tables.residuals.byteLength + tables.slots.byteLength;
}
