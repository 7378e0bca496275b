import { MAX_PDQ_DISTANCE } from './pdq-index';
import { PDQ_WORDS, hammingDistanceAt, popcount32 } from './pdq-words';
import { MASK16_WEIGHT_START, MASKS16_BY_WEIGHT, POPCOUNT16, binomial, pigeonholeRadii } from './pigeonhole';
import { BUCKETS, MihRun, OFFSETS_PER_SEGMENT, SEGMENTS } from './mih-run';
import { SlotBitset } from './slot-bitset';

/**
 * How a threshold is searched: the per-segment radius r (pigeonhole), split at a = floor(r/2)
 * between the halves: H buckets up to high-distance a (low half within r - h), L buckets up to
 * low-distance r - a - 1 (high half within a+1 .. r - l). Every word within r of the query's
 * has h ≤ a or else l ≤ r - h ≤ r - a - 1, so the two sides together find each exactly once.
 */
interface ProbePlan {
  readonly radii: Int32Array;
  readonly splits: Int32Array;
  /** Bucket visits per run, summed over segments and both sides. */
  readonly visits: number;
}

function planFor(maxDistance: number): ProbePlan {
  const radii = pigeonholeRadii(maxDistance, SEGMENTS);
  const splits = new Int32Array(SEGMENTS);
  let visits = 0;
  for (let s = 0; s < SEGMENTS; s++) {
    const r = radii[s];
    if (r < 0) continue;
    const a = r >> 1;
    splits[s] = a;
    for (let h = 0; h <= Math.min(a, 16); h++) visits += binomial(16, h);
    if (a < 16) for (let l = 0; l <= Math.min(r - a - 1, 16); l++) visits += binomial(16, l);
  }
  return { radii, splits, visits };
}

const PLANS: readonly ProbePlan[] = Array.from({ length: MAX_PDQ_DISTANCE + 1 }, (_, d) => planFor(d));

/**
 * Rough costs in nanoseconds, measured on the benchmark machine, for choosing between probing
 * a run and scanning it: a bucket visit is a cache (and TLB) miss, scanning an inline half is
 * sequential, a linear scan reads 32 bytes per hash.
 */
const COST_BUCKET_VISIT = 100;
const COST_INLINE_SCAN = 1;
const COST_LINEAR_PER_HASH = 4;

/**
 * Per-query state and the search loops. One instance per index, reused across queries, so the
 * hot paths allocate nothing but the hits.
 */
export class MihSearch {
  readonly query = new Uint32Array(PDQ_WORDS);
  readonly hitSlots: number[] = [];
  readonly hitDistances: number[] = [];
  private plan: ProbePlan = PLANS[0];
  private maxDistance = 0;
  private dead: SlotBitset = new SlotBitset();

  /** Starts a search for the hash already written to `query`. */
  begin(maxDistance: number, dead: SlotBitset): void {
    this.plan = PLANS[maxDistance];
    this.maxDistance = maxDistance;
    this.dead = dead;
    this.hitSlots.length = 0;
    this.hitDistances.length = 0;
  }

  /** Whether probing `run` is expected to beat scanning it. */
  probeIsCheaper(run: MihRun): boolean {
    const visits = this.plan.visits;
    const probeCost = visits * COST_BUCKET_VISIT + visits * (run.entries / BUCKETS) * COST_INLINE_SCAN;
    return probeCost < run.slotCount * COST_LINEAR_PER_HASH;
  }

  searchRun(run: MihRun): void {
    const { entries, hOffsets, hLow, hSlotLow, hSlotHigh, lOffsets, lHigh } = run;
    const { radii, splits } = this.plan;
    const query = this.query;
    for (let s = 0; s < SEGMENTS; s++) {
      const r = radii[s];
      if (r < 0) continue;
      const a = splits[s];
      const queryHigh = query[s] >>> 16;
      const queryLow = query[s] & 0xffff;
      const offsetBase = s * OFFSETS_PER_SEGMENT;
      const entryBase = s * entries;

      const maxHighFlips = a < 16 ? a : 16;
      for (let h = 0; h <= maxHighFlips; h++) {
        const limit = r - h;
        const maskEnd = MASK16_WEIGHT_START[h + 1];
        for (let m = MASK16_WEIGHT_START[h]; m < maskEnd; m++) {
          const bucket = queryHigh ^ MASKS16_BY_WEIGHT[m];
          const start = entryBase + hOffsets[offsetBase + bucket];
          const end = entryBase + hOffsets[offsetBase + bucket + 1];
          if (start === end) continue;
          if (limit === 0) {
            for (let e = findFirst(hLow, start, end, queryLow); e < end && hLow[e] === queryLow; e++) {
              this.verify(run, hSlotLow[e] | (hSlotHigh[e] << 16), s);
            }
          } else if (limit >= 16) {
            for (let e = start; e < end; e++) this.verify(run, hSlotLow[e] | (hSlotHigh[e] << 16), s);
          } else {
            for (let e = start; e < end; e++) {
              if (POPCOUNT16[hLow[e] ^ queryLow] <= limit) this.verify(run, hSlotLow[e] | (hSlotHigh[e] << 16), s);
            }
          }
        }
      }

      if (a >= 16) continue;
      const maxLowFlips = r - a - 1 < 16 ? r - a - 1 : 16;
      for (let l = 0; l <= maxLowFlips; l++) {
        const highLimit = r - l;
        const maskEnd = MASK16_WEIGHT_START[l + 1];
        for (let m = MASK16_WEIGHT_START[l]; m < maskEnd; m++) {
          const low = queryLow ^ MASKS16_BY_WEIGHT[m];
          const start = entryBase + lOffsets[offsetBase + low];
          const end = entryBase + lOffsets[offsetBase + low + 1];
          let previous = -1;
          for (let e = start; e < end; e++) {
            const high = lHigh[e];
            // Equal words are adjacent (sorted); the H lookup below reports all of them at once.
            if (high === previous) continue;
            previous = high;
            const distance = POPCOUNT16[high ^ queryHigh];
            if (distance > a && distance <= highLimit) {
              // The L table has no slots: find the word's entries in the H table.
              const hStart = entryBase + hOffsets[offsetBase + high];
              const hEnd = entryBase + hOffsets[offsetBase + high + 1];
              for (let x = findFirst(hLow, hStart, hEnd, low); x < hEnd && hLow[x] === low; x++) {
                this.verify(run, hSlotLow[x] | (hSlotHigh[x] << 16), s);
              }
            }
          }
        }
      }
    }
  }

  /** Checks every slot in [from, to) of a region directly. */
  scanLinear(words: Uint32Array, slotBase: number, from: number, to: number): void {
    const query = this.query;
    const maxDistance = this.maxDistance;
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
      if (distance <= maxDistance && !this.dead.has(slotBase + local)) {
        this.hitSlots.push(slotBase + local);
        this.hitDistances.push(distance);
      }
    }
  }

  /**
   * Full check of a candidate found through segment `segment`. An entry whose earlier segment
   * is also within that segment's radius is (or was) reported from there, so it is skipped:
   * every entry is reported exactly once without a visited set to allocate or clear.
   */
  private verify(run: MihRun, local: number, segment: number): void {
    const slot = run.slotBase + local;
    if (this.dead.has(slot)) return;
    const words = run.words;
    const offset = local * PDQ_WORDS;
    const query = this.query;
    const radii = this.plan.radii;
    for (let t = 0; t < segment; t++) {
      if (radii[t] >= 0 && popcount32(words[offset + t] ^ query[t]) <= radii[t]) return;
    }
    const distance = hammingDistanceAt(words, offset, query, 0);
    if (distance <= this.maxDistance) {
      this.hitSlots.push(slot);
      this.hitDistances.push(distance);
    }
  }
}

// Module-level alias: under Jest (vm contexts) every global lookup such as `Math.floor` goes
// through the sandbox's global object and costs ~20x more in hot loops.
const floor = Math.floor;

/** Steps an interpolation guess may walk before falling back to bisection. */
const INTERPOLATION_WALK_LIMIT = 8;

/**
 * First position in the sorted values[start..end) holding a value ≥ `value`. Halves are close
 * to uniform within a bucket, so an interpolated guess usually lands within a few entries (one
 * cache line); skewed buckets (clustered real data) fall back to bisection.
 */
export function findFirst(values: Uint16Array, start: number, end: number, value: number): number {
  if (start === end) return start;
  let p = start + floor(((end - start) * value) / 65536);
  let low = start;
  let high = end;
  if (values[p] < value) {
    for (let step = 0; step < INTERPOLATION_WALK_LIMIT; step++) {
      p++;
      if (p === end || values[p] >= value) return p;
    }
    low = p + 1;
  } else {
    for (let step = 0; step < INTERPOLATION_WALK_LIMIT; step++) {
      if (p === start || values[p - 1] < value) return p;
      p--;
    }
    high = p;
  }
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
