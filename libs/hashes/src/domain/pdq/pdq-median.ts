/**
 * The reference takes the median with Torben's algorithm, which returns the ((n+1)/2)-th
 * smallest value, i.e. the lower median: the 128th smallest of 256 coefficients. Torben always
 * returns one of the input values, so selecting that order statistic from a sorted copy yields
 * the identical float32 value.
 */
export function lowerMedian(values: Float32Array, scratch: Float32Array): number {
  scratch.set(values);
  scratch.sort();
  return scratch[((values.length + 1) >> 1) - 1];
}
