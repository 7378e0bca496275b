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
// R and G are tabulated as a pair, fround(R·cR + G·cG), which is the reference's first partial
// sum: one 64K-entry table lookup instead of two lookups and a rounding per pixel.
function productTable(coefficient: number): Float32Array {
  const table = new Float32Array(256);
  for (let v = 0; v < 256; v++) table[v] = Math.fround(coefficient * v);
  return table;
}
const LUMA_B_TABLE = productTable(LUMA_B);
let lumaRgTable: Float32Array | null = null;

function rgTable(): Float32Array {
  if (lumaRgTable === null) {
    const red = productTable(LUMA_R);
    const green = productTable(LUMA_G);
    lumaRgTable = new Float32Array(65536);
    for (let r = 0; r < 256; r++) {
      for (let g = 0; g < 256; g++) lumaRgTable[(r << 8) | g] = red[r] + green[g]; // store rounds
    }
  }
  return lumaRgTable;
}

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
  const rg = rgTable();
  const b = LUMA_B_TABLE;
  for (let y = 0; y < rows; y++) {
    const rowStart = sourceRows[y] * rowBytes;
    for (let x = 0; x < cols; x++) {
      const p = rowStart + columnOffsets[x];
      // (R·cR + G·cG) + B·cB, each step rounded to float32 (the store rounds the last sum).
      out[o++] = rg[(data[p] << 8) | data[p + 1]] + b[data[p + 2]];
    }
  }
}
