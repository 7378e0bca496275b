/**
 * Percentile by linear interpolation between closest ranks (the common "type 7" definition,
 * numpy's default): p50 of [1, 2, 3, 4] is 2.5, p90 of [1..10] is 9.1. Undefined for no data.
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (p < 0 || p > 100 || Number.isNaN(p)) throw new RangeError(`percentile: p must be within 0–100, got ${p}`);
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - lower);
}

export function median(values: readonly number[]): number | undefined {
  return percentile(values, 50);
}
