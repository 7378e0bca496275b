/**
 * The part of the 2-D DCT-II that PDQ keeps: coefficients 1..16 along each axis of the 64×64
 * downsample (the DC term is skipped). The matrix is computed in double and stored as float32,
 * as the reference does, and both products accumulate in float32 for k = 0..63 in order.
 */
// Aliased for hot loops (see jarosz-filter.ts).
const fround = Math.fround;
const DCT_ROWS = 16;
const DCT_COLS = 64;

function buildDctMatrix(): Float32Array {
  const matrix = new Float32Array(DCT_ROWS * DCT_COLS);
  // The C++ declares the scale factor as `float`, then multiplies it in double by cos().
  const scale = Math.fround(Math.sqrt(2.0 / DCT_COLS));
  for (let i = 0; i < DCT_ROWS; i++) {
    for (let j = 0; j < DCT_COLS; j++) {
      matrix[i * DCT_COLS + j] = scale * Math.cos((Math.PI / 2.0 / DCT_COLS) * (i + 1) * (2 * j + 1));
    }
  }
  return matrix;
}

/** 16×64, row-major; built once per process. */
export const PDQ_DCT_MATRIX: Float32Array = buildDctMatrix();

/**
 * output (16×16) = D · input (64×64) · Dᵀ, through `scratch` (16×64) = D · input.
 */
export function dct64To16(input: Float32Array, scratch: Float32Array, output: Float32Array): void {
  const d = PDQ_DCT_MATRIX;
  for (let i = 0; i < DCT_ROWS; i++) {
    const dRow = i * DCT_COLS;
    for (let j = 0; j < DCT_COLS; j++) {
      let sum = 0;
      for (let k = 0; k < DCT_COLS; k++) {
        sum = fround(sum + fround(d[dRow + k] * input[k * DCT_COLS + j]));
      }
      scratch[i * DCT_COLS + j] = sum;
    }
  }
  for (let i = 0; i < DCT_ROWS; i++) {
    const tRow = i * DCT_COLS;
    for (let j = 0; j < DCT_ROWS; j++) {
      const dRow = j * DCT_COLS;
      let sum = 0;
      for (let k = 0; k < DCT_COLS; k++) {
        sum = fround(sum + fround(scratch[tRow + k] * d[dRow + k]));
      }
      output[i * DCT_ROWS + j] = sum;
    }
  }
}
