import { jaroszBlurAndDecimate, jaroszWindowSize } from './jarosz-filter';
import { seededRandom } from './synthetic-images.test-util';

/**
 * A literal, unoptimised port of the reference's box1DFloat / jaroszFilterFloat / decimateFloat
 * (one vector at a time, strided, four passes over whole planes). The optimised filter must
 * agree with it bit for bit.
 */
function literalBox1D(input: Float32Array, output: Float32Array, start: number, length: number, stride: number, window: number): void {
  const half = Math.floor((window + 2) / 2);
  let li = start;
  let ri = start;
  let oi = start;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < half - 1; i++) {
    sum = Math.fround(sum + input[ri]);
    count++;
    ri += stride;
  }
  for (let i = 0; i < window - half + 1; i++) {
    sum = Math.fround(sum + input[ri]);
    count++;
    output[oi] = Math.fround(sum / count);
    ri += stride;
    oi += stride;
  }
  for (let i = 0; i < length - window; i++) {
    sum = Math.fround(sum + input[ri]);
    sum = Math.fround(sum - input[li]);
    output[oi] = Math.fround(sum / count);
    li += stride;
    ri += stride;
    oi += stride;
  }
  for (let i = 0; i < half - 1; i++) {
    sum = Math.fround(sum - input[li]);
    count--;
    output[oi] = Math.fround(sum / count);
    li += stride;
    oi += stride;
  }
}

function literalJaroszAndDecimate(plane: Float32Array, rows: number, cols: number, outDim: number): Float32Array {
  const buffer1 = Float32Array.from(plane.subarray(0, rows * cols));
  const buffer2 = new Float32Array(rows * cols);
  const windowAlongRows = jaroszWindowSize(cols, outDim);
  const windowAlongCols = jaroszWindowSize(rows, outDim);
  for (let pass = 0; pass < 2; pass++) {
    for (let r = 0; r < rows; r++) literalBox1D(buffer1, buffer2, r * cols, cols, 1, windowAlongRows);
    for (let c = 0; c < cols; c++) literalBox1D(buffer2, buffer1, c, rows, cols, windowAlongCols);
  }
  const out = new Float32Array(outDim * outDim);
  for (let i = 0; i < outDim; i++) {
    const ii = Math.trunc(((i + 0.5) * rows) / outDim);
    for (let j = 0; j < outDim; j++) {
      const jj = Math.trunc(((j + 0.5) * cols) / outDim);
      out[i * outDim + j] = buffer1[ii * cols + jj];
    }
  }
  return out;
}

describe('jaroszBlurAndDecimate', () => {
  it.each([
    [3, 70],
    [4, 600],
    [5, 5],
    [7, 13],
    [64, 64],
    [63, 65],
    [100, 37],
    [129, 257],
    [300, 511],
    [512, 512],
    [40, 1024],
  ])('matches a literal port of the reference bit for bit on %i×%i', (rows, cols) => {
    const random = seededRandom(rows * 1000 + cols);
    const size = rows * Math.max(cols, 64);
    const plane = new Float32Array(size);
    // Luma-like values with fractional parts, so float32 rounding actually happens.
    for (let i = 0; i < rows * cols; i++) plane[i] = Math.fround(random() * 255);
    const expected = literalJaroszAndDecimate(plane, rows, cols, 64);
    const out = new Float32Array(64 * 64);
    jaroszBlurAndDecimate(plane, rows, cols, out, 64, new Float32Array(size));
    expect(Buffer.from(out.buffer).equals(Buffer.from(expected.buffer))).toBe(true);
  });

  it('refuses buffers too small for the compact last pass', () => {
    expect(() => jaroszBlurAndDecimate(new Float32Array(25), 5, 5, new Float32Array(4096), 64, new Float32Array(25))).toThrow(RangeError);
  });

  it('uses the reference window sizes', () => {
    expect(jaroszWindowSize(512, 64)).toBe(4);
    expect(jaroszWindowSize(128, 64)).toBe(1);
    expect(jaroszWindowSize(129, 64)).toBe(2);
    expect(jaroszWindowSize(5, 64)).toBe(1);
  });
});
