/**
 * The reference's "Jarosz" filter: box blurs along rows then along columns, twice, which
 * approximates a tent filter, followed by sampling at the centres of a 64×64 grid.
 *
 * Every running sum and every division is float32, in the reference's order (sum += entering
 * value; sum -= leaving value; out = sum / count), so the running sums carry exactly the C++'s
 * rounding drift. Four things differ from a literal port, all for speed and none changing a
 * single bit:
 * - float32 add-then-round is a serial dependency chain, so rows are filtered four at a time and
 *   columns eight at a time, with the running sums in locals, letting the CPU overlap the chains;
 * - the last row pass divides and stores only the columns the 64×64 sampling reads (its running
 *   sums still visit every column), and the last column pass runs only on those columns;
 * - dividing by a power-of-two window (4 for a 512×512 plane) is done as an exact multiplication.
 */

// A module-level alias, not `Math.fround` at each call: under a sandboxed global (e.g. Jest's vm
// context) every `Math` lookup in a hot loop is a slow global-proxy access that also blocks
// inlining; a constant function reference is inlined everywhere.
const fround = Math.fround;

/** Window size for shrinking `oldDimension` to `newDimension` with two passes: ceil(old / 2new). */
export function jaroszWindowSize(oldDimension: number, newDimension: number): number {
  return Math.floor((oldDimension + 2 * newDimension - 1) / (2 * newDimension));
}

/**
 * 1/count when dividing by count is exactly multiplying by it (count a power of two: both give
 * the correctly rounded value of the same real quotient), else 0. A division costs several times
 * a multiplication, and the slide phase divides every sample by the window, which is 4 for the
 * usual 512×512 luma plane.
 */
function exactReciprocal(count: number): number {
  return count > 0 && (count & (count - 1)) === 0 ? 1 / count : 0;
}

/**
 * The reference's box filter runs in four phases: accumulate the first half window without
 * writing, write while the window grows, write with the full window sliding, write while it
 * shrinks at the end.
 */
interface BoxPhases {
  readonly growOnly: number;
  readonly growAndWrite: number;
  readonly slide: number;
  readonly shrink: number;
}

function boxPhases(length: number, window: number): BoxPhases {
  const halfWindow = Math.floor((window + 2) / 2); // 7 → 4, 8 → 5
  return {
    growOnly: halfWindow - 1,
    growAndWrite: window - halfWindow + 1,
    slide: length - window,
    shrink: halfWindow - 1,
  };
}

function boxOneRow(input: Float32Array, output: Float32Array, base: number, phases: BoxPhases): void {
  let ri = base;
  let li = base;
  let oi = base;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < phases.growOnly; i++) {
    sum = fround(sum + input[ri++]);
    count++;
  }
  for (let i = 0; i < phases.growAndWrite; i++) {
    sum = fround(sum + input[ri++]);
    count++;
    output[oi++] = sum / count; // the Float32Array store rounds the quotient to float32
  }
  for (let i = 0; i < phases.slide; i++) {
    sum = fround(fround(sum + input[ri++]) - input[li++]);
    output[oi++] = sum / count;
  }
  for (let i = 0; i < phases.shrink; i++) {
    sum = fround(sum - input[li++]);
    count--;
    output[oi++] = sum / count;
  }
}

/** Same as boxOneRow on the four rows starting at b0, b1, b2, b3, interleaved for throughput. */
function boxFourRows(input: Float32Array, output: Float32Array, b0: number, cols: number, phases: BoxPhases): void {
  const b1 = b0 + cols;
  const b2 = b1 + cols;
  const b3 = b2 + cols;
  let r = 0;
  let l = 0;
  let o = 0;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let count = 0;
  for (let i = 0; i < phases.growOnly; i++, r++) {
    s0 = fround(s0 + input[b0 + r]);
    s1 = fround(s1 + input[b1 + r]);
    s2 = fround(s2 + input[b2 + r]);
    s3 = fround(s3 + input[b3 + r]);
    count++;
  }
  for (let i = 0; i < phases.growAndWrite; i++, r++, o++) {
    s0 = fround(s0 + input[b0 + r]);
    s1 = fround(s1 + input[b1 + r]);
    s2 = fround(s2 + input[b2 + r]);
    s3 = fround(s3 + input[b3 + r]);
    count++;
    output[b0 + o] = s0 / count;
    output[b1 + o] = s1 / count;
    output[b2 + o] = s2 / count;
    output[b3 + o] = s3 / count;
  }
  const reciprocal = exactReciprocal(count);
  if (reciprocal !== 0) {
    // Same loop as below, multiplying by the exact reciprocal instead of dividing.
    for (let i = 0; i < phases.slide; i++, r++, l++, o++) {
      s0 = fround(fround(s0 + input[b0 + r]) - input[b0 + l]);
      s1 = fround(fround(s1 + input[b1 + r]) - input[b1 + l]);
      s2 = fround(fround(s2 + input[b2 + r]) - input[b2 + l]);
      s3 = fround(fround(s3 + input[b3 + r]) - input[b3 + l]);
      output[b0 + o] = s0 * reciprocal;
      output[b1 + o] = s1 * reciprocal;
      output[b2 + o] = s2 * reciprocal;
      output[b3 + o] = s3 * reciprocal;
    }
  } else {
    for (let i = 0; i < phases.slide; i++, r++, l++, o++) {
      s0 = fround(fround(s0 + input[b0 + r]) - input[b0 + l]);
      s1 = fround(fround(s1 + input[b1 + r]) - input[b1 + l]);
      s2 = fround(fround(s2 + input[b2 + r]) - input[b2 + l]);
      s3 = fround(fround(s3 + input[b3 + r]) - input[b3 + l]);
      output[b0 + o] = s0 / count;
      output[b1 + o] = s1 / count;
      output[b2 + o] = s2 / count;
      output[b3 + o] = s3 / count;
    }
  }
  for (let i = 0; i < phases.shrink; i++, l++, o++) {
    s0 = fround(s0 - input[b0 + l]);
    s1 = fround(s1 - input[b1 + l]);
    s2 = fround(s2 - input[b2 + l]);
    s3 = fround(s3 - input[b3 + l]);
    count--;
    output[b0 + o] = s0 / count;
    output[b1 + o] = s1 / count;
    output[b2 + o] = s2 / count;
    output[b3 + o] = s3 / count;
  }
}

/** Box blur of each row of `input` into `output` (both rows × cols, row-major). */
export function boxAlongRows(input: Float32Array, output: Float32Array, rows: number, cols: number, window: number): void {
  const phases = boxPhases(cols, window);
  let r = 0;
  for (; r + 4 <= rows; r += 4) boxFourRows(input, output, r * cols, cols, phases);
  for (; r < rows; r++) boxOneRow(input, output, r * cols, phases);
}

/**
 * boxFourRows for when only some output columns are read afterwards: the running sums still
 * visit every column (their rounding drift depends on it), but only output column outCols[k] is
 * divided and stored, at compact column k (stride outCols.length). outCols is non-decreasing and
 * may repeat a column (when upsampling).
 */
function boxFourRowsSampled(
  input: Float32Array,
  output: Float32Array,
  b0: number,
  cols: number,
  phases: BoxPhases,
  outCols: Int32Array,
  c0: number,
): void {
  const b1 = b0 + cols;
  const b2 = b1 + cols;
  const b3 = b2 + cols;
  const lanes = outCols.length;
  const c1 = c0 + lanes;
  const c2 = c1 + lanes;
  const c3 = c2 + lanes;
  let r = 0;
  let l = 0;
  let o = 0;
  let k = 0;
  let next = outCols[0];
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let count = 0;
  for (let i = 0; i < phases.growOnly; i++, r++) {
    s0 = fround(s0 + input[b0 + r]);
    s1 = fround(s1 + input[b1 + r]);
    s2 = fround(s2 + input[b2 + r]);
    s3 = fround(s3 + input[b3 + r]);
    count++;
  }
  for (let i = 0; i < phases.growAndWrite; i++, r++, o++) {
    s0 = fround(s0 + input[b0 + r]);
    s1 = fround(s1 + input[b1 + r]);
    s2 = fround(s2 + input[b2 + r]);
    s3 = fround(s3 + input[b3 + r]);
    count++;
    for (; o === next; next = ++k < lanes ? outCols[k] : -1) {
      output[c0 + k] = s0 / count;
      output[c1 + k] = s1 / count;
      output[c2 + k] = s2 / count;
      output[c3 + k] = s3 / count;
    }
  }
  for (let i = 0; i < phases.slide; i++, r++, l++, o++) {
    s0 = fround(fround(s0 + input[b0 + r]) - input[b0 + l]);
    s1 = fround(fround(s1 + input[b1 + r]) - input[b1 + l]);
    s2 = fround(fround(s2 + input[b2 + r]) - input[b2 + l]);
    s3 = fround(fround(s3 + input[b3 + r]) - input[b3 + l]);
    for (; o === next; next = ++k < lanes ? outCols[k] : -1) {
      output[c0 + k] = s0 / count;
      output[c1 + k] = s1 / count;
      output[c2 + k] = s2 / count;
      output[c3 + k] = s3 / count;
    }
  }
  for (let i = 0; i < phases.shrink; i++, l++, o++) {
    s0 = fround(s0 - input[b0 + l]);
    s1 = fround(s1 - input[b1 + l]);
    s2 = fround(s2 - input[b2 + l]);
    s3 = fround(s3 - input[b3 + l]);
    count--;
    for (; o === next; next = ++k < lanes ? outCols[k] : -1) {
      output[c0 + k] = s0 / count;
      output[c1 + k] = s1 / count;
      output[c2 + k] = s2 / count;
      output[c3 + k] = s3 / count;
    }
  }
}

/**
 * Box blur of each row of `input` (rows × cols, at least four rows), keeping only output columns
 * outCols[k], into a compact rows × outCols.length plane.
 */
function boxAlongRowsSampled(
  input: Float32Array,
  output: Float32Array,
  rows: number,
  cols: number,
  window: number,
  outCols: Int32Array,
): void {
  if (rows < 4) throw new RangeError(`boxAlongRowsSampled needs at least 4 rows, got ${rows}`);
  const phases = boxPhases(cols, window);
  const lanes = outCols.length;
  for (let r = 0; r < rows; r += 4) {
    // The last rows % 4 rows are done in a group of four ending at the last row: rows done twice
    // get the same values again.
    const first = Math.min(r, rows - 4);
    boxFourRowsSampled(input, output, first * cols, cols, phases, outCols, first * lanes);
  }
}

/**
 * One column's box blur: reads column `inCol` of `input` (stride `inStride`), writes column
 * `outCol` of `output` (stride `outStride`).
 */
function boxOneColumn(
  input: Float32Array,
  output: Float32Array,
  inCol: number,
  inStride: number,
  outCol: number,
  outStride: number,
  phases: BoxPhases,
): void {
  let ri = inCol;
  let li = inCol;
  let oi = outCol;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < phases.growOnly; i++, ri += inStride) {
    sum = fround(sum + input[ri]);
    count++;
  }
  for (let i = 0; i < phases.growAndWrite; i++, ri += inStride, oi += outStride) {
    sum = fround(sum + input[ri]);
    count++;
    output[oi] = sum / count;
  }
  for (let i = 0; i < phases.slide; i++, ri += inStride, li += inStride, oi += outStride) {
    sum = fround(fround(sum + input[ri]) - input[li]);
    output[oi] = sum / count;
  }
  for (let i = 0; i < phases.shrink; i++, li += inStride, oi += outStride) {
    sum = fround(sum - input[li]);
    count--;
    output[oi] = sum / count;
  }
}

/**
 * boxOneColumn on eight columns at once (input columns inCols[k..k+7] to output columns
 * outCols[k..k+7]), with the eight running sums in locals so the CPU overlaps their chains.
 */
function boxEightColumns(
  input: Float32Array,
  output: Float32Array,
  inCols: Int32Array,
  inStride: number,
  outCols: Int32Array,
  outStride: number,
  k: number,
  phases: BoxPhases,
): void {
  const i0 = inCols[k], i1 = inCols[k + 1], i2 = inCols[k + 2], i3 = inCols[k + 3]; // prettier-ignore
  const i4 = inCols[k + 4], i5 = inCols[k + 5], i6 = inCols[k + 6], i7 = inCols[k + 7]; // prettier-ignore
  const o0 = outCols[k], o1 = outCols[k + 1], o2 = outCols[k + 2], o3 = outCols[k + 3]; // prettier-ignore
  const o4 = outCols[k + 4], o5 = outCols[k + 5], o6 = outCols[k + 6], o7 = outCols[k + 7]; // prettier-ignore
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0; // prettier-ignore
  let r = 0; // row offset of the next row to add
  let l = 0; // row offset of the next row to subtract
  let o = 0; // row offset of the next row to write
  let count = 0;
  for (let i = 0; i < phases.growOnly; i++, r += inStride) {
    s0 = fround(s0 + input[r + i0]);
    s1 = fround(s1 + input[r + i1]);
    s2 = fround(s2 + input[r + i2]);
    s3 = fround(s3 + input[r + i3]);
    s4 = fround(s4 + input[r + i4]);
    s5 = fround(s5 + input[r + i5]);
    s6 = fround(s6 + input[r + i6]);
    s7 = fround(s7 + input[r + i7]);
    count++;
  }
  for (let i = 0; i < phases.growAndWrite; i++, r += inStride, o += outStride) {
    s0 = fround(s0 + input[r + i0]);
    s1 = fround(s1 + input[r + i1]);
    s2 = fround(s2 + input[r + i2]);
    s3 = fround(s3 + input[r + i3]);
    s4 = fround(s4 + input[r + i4]);
    s5 = fround(s5 + input[r + i5]);
    s6 = fround(s6 + input[r + i6]);
    s7 = fround(s7 + input[r + i7]);
    count++;
    output[o + o0] = s0 / count;
    output[o + o1] = s1 / count;
    output[o + o2] = s2 / count;
    output[o + o3] = s3 / count;
    output[o + o4] = s4 / count;
    output[o + o5] = s5 / count;
    output[o + o6] = s6 / count;
    output[o + o7] = s7 / count;
  }
  const reciprocal = exactReciprocal(count);
  if (reciprocal !== 0) {
    // Same loop as below, multiplying by the exact reciprocal instead of dividing.
    for (let i = 0; i < phases.slide; i++, r += inStride, l += inStride, o += outStride) {
      s0 = fround(fround(s0 + input[r + i0]) - input[l + i0]);
      s1 = fround(fround(s1 + input[r + i1]) - input[l + i1]);
      s2 = fround(fround(s2 + input[r + i2]) - input[l + i2]);
      s3 = fround(fround(s3 + input[r + i3]) - input[l + i3]);
      s4 = fround(fround(s4 + input[r + i4]) - input[l + i4]);
      s5 = fround(fround(s5 + input[r + i5]) - input[l + i5]);
      s6 = fround(fround(s6 + input[r + i6]) - input[l + i6]);
      s7 = fround(fround(s7 + input[r + i7]) - input[l + i7]);
      output[o + o0] = s0 * reciprocal;
      output[o + o1] = s1 * reciprocal;
      output[o + o2] = s2 * reciprocal;
      output[o + o3] = s3 * reciprocal;
      output[o + o4] = s4 * reciprocal;
      output[o + o5] = s5 * reciprocal;
      output[o + o6] = s6 * reciprocal;
      output[o + o7] = s7 * reciprocal;
    }
  } else {
    for (let i = 0; i < phases.slide; i++, r += inStride, l += inStride, o += outStride) {
      s0 = fround(fround(s0 + input[r + i0]) - input[l + i0]);
      s1 = fround(fround(s1 + input[r + i1]) - input[l + i1]);
      s2 = fround(fround(s2 + input[r + i2]) - input[l + i2]);
      s3 = fround(fround(s3 + input[r + i3]) - input[l + i3]);
      s4 = fround(fround(s4 + input[r + i4]) - input[l + i4]);
      s5 = fround(fround(s5 + input[r + i5]) - input[l + i5]);
      s6 = fround(fround(s6 + input[r + i6]) - input[l + i6]);
      s7 = fround(fround(s7 + input[r + i7]) - input[l + i7]);
      output[o + o0] = s0 / count;
      output[o + o1] = s1 / count;
      output[o + o2] = s2 / count;
      output[o + o3] = s3 / count;
      output[o + o4] = s4 / count;
      output[o + o5] = s5 / count;
      output[o + o6] = s6 / count;
      output[o + o7] = s7 / count;
    }
  }
  for (let i = 0; i < phases.shrink; i++, l += inStride, o += outStride) {
    s0 = fround(s0 - input[l + i0]);
    s1 = fround(s1 - input[l + i1]);
    s2 = fround(s2 - input[l + i2]);
    s3 = fround(s3 - input[l + i3]);
    s4 = fround(s4 - input[l + i4]);
    s5 = fround(s5 - input[l + i5]);
    s6 = fround(s6 - input[l + i6]);
    s7 = fround(s7 - input[l + i7]);
    count--;
    output[o + o0] = s0 / count;
    output[o + o1] = s1 / count;
    output[o + o2] = s2 / count;
    output[o + o3] = s3 / count;
    output[o + o4] = s4 / count;
    output[o + o5] = s5 / count;
    output[o + o6] = s6 / count;
    output[o + o7] = s7 / count;
  }
}

/**
 * Box blur along columns: input column inCols[k] (of a rows × inStride plane) goes to output
 * column outCols[k] (of a rows × outStride plane), for every k.
 */
export function boxAlongCols(
  input: Float32Array,
  output: Float32Array,
  rows: number,
  window: number,
  inCols: Int32Array,
  inStride: number,
  outCols: Int32Array,
  outStride: number,
): void {
  const phases = boxPhases(rows, window);
  const lanes = inCols.length;
  let k = 0;
  for (; k + 8 <= lanes; k += 8) boxEightColumns(input, output, inCols, inStride, outCols, outStride, k, phases);
  for (; k < lanes; k++) boxOneColumn(input, output, inCols[k], inStride, outCols[k], outStride, phases);
}

/** Index of the input sample for each output sample: (int)((i + 0.5) · inLength / outLength). */
export function decimationIndices(inLength: number, outLength: number): Int32Array {
  const indices = new Int32Array(outLength);
  for (let i = 0; i < outLength; i++) indices[i] = Math.trunc(((i + 0.5) * inLength) / outLength);
  return indices;
}

function identityIndices(length: number): Int32Array {
  const indices = new Int32Array(length);
  for (let i = 0; i < length; i++) indices[i] = i;
  return indices;
}

/**
 * The reference's two-pass Jarosz filter followed by decimation to outDim × outDim, into `out`.
 * `plane` (rows × cols luma) is overwritten. Both `plane` and `scratch` must hold at least
 * rows × max(cols, outDim) floats: the last pass writes a compact rows × outDim plane, which is
 * larger than the image when it is narrower than outDim.
 */
export function jaroszBlurAndDecimate(
  plane: Float32Array,
  rows: number,
  cols: number,
  out: Float32Array,
  outDim: number,
  scratch: Float32Array,
): void {
  const needed = rows * Math.max(cols, outDim);
  if (plane.length < needed || scratch.length < needed) {
    throw new RangeError(`Jarosz buffers need ${needed} floats for ${rows}×${cols} → ${outDim}×${outDim}`);
  }
  const windowAlongRows = jaroszWindowSize(cols, outDim);
  const windowAlongCols = jaroszWindowSize(rows, outDim);
  const rowIndices = decimationIndices(rows, outDim);
  const colIndices = decimationIndices(cols, outDim);
  const allCols = identityIndices(cols);
  const compactCols = identityIndices(outDim);

  // Pass 1: rows then columns, whole planes.
  boxAlongRows(plane, scratch, rows, cols, windowAlongRows);
  boxAlongCols(scratch, plane, rows, windowAlongCols, allCols, cols, allCols, cols);
  // Pass 2: the row sums run over whole rows, but only the columns the 64×64 sampling reads are
  // divided and stored, into a compact rows × outDim plane; then only those columns are blurred.
  if (rows >= 4) {
    boxAlongRowsSampled(plane, scratch, rows, cols, windowAlongRows, colIndices);
    boxAlongCols(scratch, plane, rows, windowAlongCols, compactCols, outDim, compactCols, outDim);
  } else {
    boxAlongRows(plane, scratch, rows, cols, windowAlongRows);
    boxAlongCols(scratch, plane, rows, windowAlongCols, colIndices, cols, compactCols, outDim);
  }
  for (let i = 0; i < outDim; i++) {
    const rowBase = rowIndices[i] * outDim;
    for (let j = 0; j < outDim; j++) out[i * outDim + j] = plane[rowBase + j];
  }
}
