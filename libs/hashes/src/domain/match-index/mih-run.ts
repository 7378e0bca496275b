/**
 * One immutable run of the multi-index: a block of up to 2^24 slots with, for each of the 8
 * 32-bit words ("segments") of their hashes, two CSR tables over the word's 16-bit halves:
 *
 * - the H table buckets entries by the high half and stores, per entry, the low half (sorted
 *   within the bucket) and the slot;
 * - the L table buckets entries by the low half and stores only the high half (sorted).
 *
 * Why both: at threshold 31 a match has some segment within 3 bits (pigeonhole over 8
 * segments), and within that segment either the high half is within 1 bit (found by scanning
 * the 17 H buckets at high-distance ≤ 1, filtering the inline low halves) or the low half is
 * (17 L buckets, filtering the inline high halves). That is 34 bucket visits per segment. With
 * the H table alone the same guarantee needs all 697 H buckets within distance 3, i.e. 5,576
 * random memory accesses per query instead of 272; at 10M hashes those accesses, not the
 * arithmetic, are the query cost. The L table stores no slot: its rare hits are resolved by an
 * exact lookup of the whole word in the H table, which keeps it at 2 bytes per entry.
 *
 * Memory per entry and segment: 2 (low half) + 3 (slot as Uint16 + Uint8) in H, 2 in L: 56
 * bytes per hash over 8 segments, plus 4 × 65,537 × 2 × 8 bytes of offsets per run. Slots take
 * 3 bytes, hence the 2^24-slot cap per run (bigger regions are split into several runs).
 */
export const SEGMENTS = 8;
export const BUCKETS = 65536;
export const OFFSETS_PER_SEGMENT = BUCKETS + 1;
export const MAX_RUN_SLOTS = 1 << 24;

export interface MihRun {
  /** Global slot of this run's local slot 0. */
  readonly slotBase: number;
  /** Slots covered (local slots 0..slotCount-1), live or not at build time. */
  readonly slotCount: number;
  /** The run's hashes, 8 words per local slot. */
  readonly words: Uint32Array;
  /** Entries per segment: the slots that were live at build time. */
  readonly entries: number;
  /** H bucket b of segment s: entries [hOffsets[s·65537 + b], hOffsets[s·65537 + b + 1]) from s·entries. */
  readonly hOffsets: Uint32Array;
  /** Low half of the segment word, per H entry. */
  readonly hLow: Uint16Array;
  /** Local slot of each H entry, low 16 bits. */
  readonly hSlotLow: Uint16Array;
  /** Local slot of each H entry, bits 16..23. */
  readonly hSlotHigh: Uint8Array;
  /** L bucket b of segment s, as for `hOffsets`. */
  readonly lOffsets: Uint32Array;
  /** High half of the segment word, per L entry. */
  readonly lHigh: Uint16Array;
}

/**
 * Builds a run over `words` (8 words per local slot, `slotCount` slots), leaving out slots for
 * which `isDead(slotBase + slot)` holds. Per segment: two stable counting-sort passes (by low,
 * then high half) give the H table sorted by the whole word; one more pass over it, scattering
 * by low half, gives the L table sorted by (low, high). O(n) with two n-sized scratch arrays,
 * which is what keeps a 10M-row build within seconds.
 */
export function buildMihRun(
  words: Uint32Array,
  slotBase: number,
  slotCount: number,
  isDead: ((slot: number) => boolean) | null,
): MihRun {
  if (slotCount > MAX_RUN_SLOTS) throw new RangeError(`a run holds at most ${MAX_RUN_SLOTS} slots, got ${slotCount}`);
  let live: Uint32Array | null = null;
  let entries = slotCount;
  if (isDead !== null) {
    const liveSlots = new Uint32Array(slotCount);
    let liveCount = 0;
    for (let k = 0; k < slotCount; k++) if (!isDead(slotBase + k)) liveSlots[liveCount++] = k;
    if (liveCount < slotCount) {
      live = liveSlots.subarray(0, liveCount);
      entries = liveCount;
    }
  }

  const hOffsets = new Uint32Array(SEGMENTS * OFFSETS_PER_SEGMENT);
  const lOffsets = new Uint32Array(SEGMENTS * OFFSETS_PER_SEGMENT);
  const hLow = new Uint16Array(SEGMENTS * entries);
  const hSlotLow = new Uint16Array(SEGMENTS * entries);
  const hSlotHigh = new Uint8Array(SEGMENTS * entries);
  const lHigh = new Uint16Array(SEGMENTS * entries);
  const scratchSlots = new Uint32Array(entries);
  const scratchWords = new Uint32Array(entries);
  const lowCursor = new Uint32Array(BUCKETS);
  const highCursor = new Uint32Array(BUCKETS);

  for (let s = 0; s < SEGMENTS; s++) {
    lowCursor.fill(0);
    highCursor.fill(0);
    for (let i = 0; i < entries; i++) {
      const word = words[(live === null ? i : live[i]) * 8 + s];
      lowCursor[word & 0xffff]++;
      highCursor[word >>> 16]++;
    }
    const offsetBase = s * OFFSETS_PER_SEGMENT;
    let lowSum = 0;
    let highSum = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const lowCount = lowCursor[b];
      lowCursor[b] = lowSum;
      lOffsets[offsetBase + b] = lowSum;
      lowSum += lowCount;
      const highCount = highCursor[b];
      highCursor[b] = highSum;
      hOffsets[offsetBase + b] = highSum;
      highSum += highCount;
    }
    lOffsets[offsetBase + BUCKETS] = entries;
    hOffsets[offsetBase + BUCKETS] = entries;

    for (let i = 0; i < entries; i++) {
      const slot = live === null ? i : live[i];
      const word = words[slot * 8 + s];
      const position = lowCursor[word & 0xffff]++;
      scratchSlots[position] = slot;
      scratchWords[position] = word;
    }
    const entryBase = s * entries;
    for (let i = 0; i < entries; i++) {
      const word = scratchWords[i];
      const slot = scratchSlots[i];
      const position = entryBase + highCursor[word >>> 16]++;
      hLow[position] = word & 0xffff;
      hSlotLow[position] = slot & 0xffff;
      hSlotHigh[position] = slot >>> 16;
    }
    // The H table is in (high, low) order; a stable scatter by low gives (low, high) order.
    for (let b = 0; b < BUCKETS; b++) lowCursor[b] = lOffsets[offsetBase + b];
    for (let high = 0; high < BUCKETS; high++) {
      const end = entryBase + hOffsets[offsetBase + high + 1];
      for (let e = entryBase + hOffsets[offsetBase + high]; e < end; e++) {
        lHigh[entryBase + lowCursor[hLow[e]]++] = high;
      }
    }
  }
  return { slotBase, slotCount, words, entries, hOffsets, hLow, hSlotLow, hSlotHigh, lOffsets, lHigh };
}

export function mihRunBytes(run: MihRun): number {
  return (
    run.hOffsets.byteLength +
    run.hLow.byteLength +
    run.hSlotLow.byteLength +
    run.hSlotHigh.byteLength +
    run.lOffsets.byteLength +
    run.lHigh.byteLength
  );
}

/**
 * Splits slots [0, slotCount) of a region into runs of at most `maxRunSlots` slots. `words` is
 * the region's hash array; each run gets a view of its part.
 */
export function buildMihRuns(
  words: Uint32Array,
  slotBase: number,
  slotCount: number,
  isDead: ((slot: number) => boolean) | null,
  maxRunSlots: number,
): MihRun[] {
  const runs: MihRun[] = [];
  for (let start = 0; start < slotCount; start += maxRunSlots) {
    const count = Math.min(maxRunSlots, slotCount - start);
    runs.push(buildMihRun(words.subarray(start * 8, (start + count) * 8), slotBase + start, count, isDead));
  }
  return runs;
}
