import { PdqPixels } from './pdq-pixels';

/**
 * The reference (CImg) shrinks anything wider or taller than this to exactly this square by
 * nearest neighbour before hashing, because the Jarosz filter is too slow on big images. The
 * aspect ratio is not kept: a short side is upsampled.
 */
export const PDQ_PRE_RESIZE_DIM = 512;

// The reference's luma coefficients are C++ `float` constants, so round them to float32 once.
const LUMA_R = Math.fround(0.299);
const LUMA_G = Math.fround(0.587);
const LUMA_B = Math.fround(0.114);

// coefficient × byte is a float32 product, so the 256 products per channel can be tabulated.
// The tables hold those float32 values in a Float64Array, which saves a float32-to-double
// conversion per lookup, and at 2 KiB each they stay in L1 cache (a single 64K-entry (R, G) pair
// table was slower on real images, whose colours scatter its lookups across 256 KiB).
function productTable(coefficient: number): Float64Array {
  const table = new Float64Array(256);
  for (let v = 0; v < 256; v++) table[v] = Math.fround(coefficient * v);
  return table;
}
const LUMA_R_TABLE = productTable(LUMA_R);
const LUMA_G_TABLE = productTable(LUMA_G);
const LUMA_B_TABLE = productTable(LUMA_B);
// Aliased for the hot loop (see jarosz-filter.ts).
const fround = Math.fround;

export interface LumaSize {
  readonly rows: number;
  readonly cols: number;
}

/** Size of the luma plane the reference hashes: the pixels' own size, or 512×512 if bigger. */
export function lumaSizeFor(width: number, height: number): LumaSize {
  if (width > PDQ_PRE_RESIZE_DIM || height > PDQ_PRE_RESIZE_DIM) {
    return { rows: PDQ_PRE_RESIZE_DIM, cols: PDQ_PRE_RESIZE_DIM };
  }
  return { rows: height, cols: width };
}

/** Source index of each destination index for CImg's nearest-neighbour resize. */
function nearestIndices(sourceLength: number, targetLength: number): Int32Array {
  const indices = new Int32Array(targetLength);
  // floor(dst·src/target) is exact in double arithmetic for these sizes.
  for (let dst = 0; dst < targetLength; dst++) indices[dst] = Math.floor((dst * sourceLength) / targetLength);
  return indices;
}

/**
 * Writes float32 luma, row-major rows × cols, into `out`. When the image is larger than 512 in
 * either dimension, only the nearest-neighbour samples of the 512×512 resize are read, which is
 * what resizing the 8-bit image first and computing luma afterwards gives.
 */
export function fillLuma(pixels: PdqPixels, size: LumaSize, out: Float32Array): void {
  const { width, height, channels, data } = pixels;
  const { rows, cols } = size;
  const sourceRows = nearestIndices(height, rows);
  // Byte offset within a source row of each destination column's pixel.
  const columnOffsets = nearestIndices(width, cols);
  for (let x = 0; x < cols; x++) columnOffsets[x] *= channels;
  const rowBytes = width * channels;
  let o = 0;
  if (channels === 1) {
    // The reference uses the grey value itself as luma.
    for (let y = 0; y < rows; y++) {
      const rowStart = sourceRows[y] * rowBytes;
      for (let x = 0; x < cols; x++) out[o++] = data[rowStart + columnOffsets[x]];
    }
    return;
  }
  const red = LUMA_R_TABLE;
  const green = LUMA_G_TABLE;
  const blue = LUMA_B_TABLE;
  for (let y = 0; y < rows; y++) {
    const rowStart = sourceRows[y] * rowBytes;
    for (let x = 0; x < cols; x++) {
      const p = rowStart + columnOffsets[x];
      // (R·cR + G·cG) + B·cB, each step rounded to float32 (the store rounds the last sum). A
      // double sum of two float32 values rounded once to float32 is the float32 sum exactly.
      out[o++] = fround(red[data[p]] + green[data[p + 1]]) + blue[data[p + 2]];
    }
  }
}
