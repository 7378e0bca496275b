/**
 * The combinatorics behind multi-index hashing, kept apart from the index so they can be tested
 * exhaustively on their own.
 */

/** popcount of every 16-bit value: the residual filter does one table load per entry. */
export const POPCOUNT16: Uint8Array = (() => {
  const table = new Uint8Array(65536);
  for (let v = 1; v < 65536; v++) table[v] = table[v >>> 1] + (v & 1);
  return table;
})();

/**
 * All 16-bit masks ordered by popcount: masks of weight j are
 * MASKS16_BY_WEIGHT[MASK16_WEIGHT_START[j] .. MASK16_WEIGHT_START[j + 1]). XOR-ing a bucket key
 * with each of them enumerates the buckets at exactly distance j without recursion.
 */
export const MASK16_WEIGHT_START: Uint32Array = new Uint32Array(18);
export const MASKS16_BY_WEIGHT: Uint16Array = (() => {
  const counts = new Uint32Array(17);
  for (let v = 0; v < 65536; v++) counts[POPCOUNT16[v]]++;
  for (let j = 0; j < 17; j++) MASK16_WEIGHT_START[j + 1] = MASK16_WEIGHT_START[j] + counts[j];
  const masks = new Uint16Array(65536);
  const cursor = MASK16_WEIGHT_START.slice(0, 17);
  for (let v = 0; v < 65536; v++) masks[cursor[POPCOUNT16[v]]++] = v;
  return masks;
})();

/**
 * Per-segment search radii for `segments` segments and a total threshold `maxDistance`.
 *
 * If two hashes differ in at most d bits, and segment i is searched up to radius r_i, then some
 * segment must be within its radius whenever sum(r_i + 1) > d: otherwise every segment
 * contributes at least r_i + 1 differing bits and the total exceeds d. The plain MIH rule
 * r = floor(d / m) is the special case d + 1 = m(r + 1); spreading the remainder lets d = 30
 * use radius 2 on one segment, and d = 0 probe a single segment exactly, instead of paying for
 * the next radius everywhere. A radius of -1 means "do not probe this segment".
 */
export function pigeonholeRadii(maxDistance: number, segments: number): Int32Array {
  const radii = new Int32Array(segments);
  const budget = maxDistance + 1;
  const base = Math.floor(budget / segments);
  const remainder = budget % segments;
  for (let s = 0; s < segments; s++) radii[s] = (s < remainder ? base + 1 : base) - 1;
  return radii;
}

/** Binomial coefficient for the small arguments used in cost estimates. */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return Math.round(result);
}
