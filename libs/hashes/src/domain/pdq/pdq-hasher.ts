import { dct64To16 } from './pdq-dct';
import { PdqHash } from './pdq-hash';
import { jaroszBlurAndDecimate } from './jarosz-filter';
import { fillLuma, lumaSizeFor, PDQ_PRE_RESIZE_DIM } from './pdq-luma';
import { lowerMedian } from './pdq-median';
import { assertValidPixels, PdqPixels } from './pdq-pixels';

/**
 * PDQ, bit-exact with Meta's reference `pdq-photo-hasher` (pdq/cpp) given the same decoded
 * pixels. Everything after decoding runs in float32 in the reference's order of operations:
 * every arithmetic result goes through Math.fround or a Float32Array store, and nothing is
 * fused or reassociated.
 *
 * The scratch buffers are module-level and reused, which keeps hashing allocation-free apart
 * from the result. That is safe because hashing is synchronous (nothing can interleave within
 * one thread) and every worker thread gets its own module instance.
 */

/** Below this many pixels in either dimension the reference returns an all-zero hash, quality 0. */
export const PDQ_MIN_HASHABLE_DIM = 5;
const DOWNSAMPLE_DIM = 64;
// Aliased for hot loops (see jarosz-filter.ts).
const fround = Math.fround;
const DCT_DIM = 16;

export interface PdqResult {
  readonly hash: PdqHash;
  /** 0..100; see isMatchableQuality. */
  readonly quality: number;
}

/**
 * The 8 hashes of the dihedral transforms of the image, derived from one DCT block by sign flips
 * and transposes (as the reference's --pdqdih does). Names follow upstream: rotate90 turns the
 * image counter-clockwise; flipX swaps top and bottom; flipY mirrors left and right; flipPlus1
 * is a transpose; flipMinus1 an anti-transpose. They are close to, but not bit-identical with,
 * hashing a transformed copy of the image.
 */
export interface PdqDihedralHashes {
  readonly original: PdqHash;
  readonly rotate90: PdqHash;
  readonly rotate180: PdqHash;
  readonly rotate270: PdqHash;
  readonly flipX: PdqHash;
  readonly flipY: PdqHash;
  readonly flipPlus1: PdqHash;
  readonly flipMinus1: PdqHash;
}

export type PdqDihedralName = keyof PdqDihedralHashes;

/** Upstream's output order for --pdqdih-across. */
export const PDQ_DIHEDRAL_ORDER: readonly PdqDihedralName[] = [
  'original',
  'rotate90',
  'rotate180',
  'rotate270',
  'flipX',
  'flipY',
  'flipPlus1',
  'flipMinus1',
];

export interface PdqDihedralResult {
  readonly hashes: PdqDihedralHashes;
  readonly quality: number;
}

// Luma planes never exceed 512×512 because of the pre-resize, and the blur's compact last pass
// needs at most 512 × 64, so two fixed buffers serve every image.
const MAX_PLANE = PDQ_PRE_RESIZE_DIM * PDQ_PRE_RESIZE_DIM;
const scratch = {
  buffer1: new Float32Array(MAX_PLANE),
  buffer2: new Float32Array(MAX_PLANE),
  block64: new Float32Array(DOWNSAMPLE_DIM * DOWNSAMPLE_DIM),
  block16x64: new Float32Array(DCT_DIM * DOWNSAMPLE_DIM),
  block16: new Float32Array(DCT_DIM * DCT_DIM),
  transformed16: new Float32Array(DCT_DIM * DCT_DIM),
  sorted16: new Float32Array(DCT_DIM * DCT_DIM),
};

/**
 * Heuristic gradient measure of the 64×64 downsample, as the reference computes it:
 * Σ |(int)(((u − v)·100)/255)| over vertical and horizontal neighbours, / 90, capped at 100.
 */
function qualityOf(block: Float32Array): number {
  let gradientSum = 0;
  for (let i = 0; i < DOWNSAMPLE_DIM - 1; i++) {
    for (let j = 0; j < DOWNSAMPLE_DIM; j++) {
      const u = block[i * DOWNSAMPLE_DIM + j];
      const v = block[(i + 1) * DOWNSAMPLE_DIM + j];
      const d = fround(fround(fround(u - v) * 100) / 255) | 0; // C's (int): truncation toward 0
      gradientSum += d < 0 ? -d : d;
    }
  }
  for (let i = 0; i < DOWNSAMPLE_DIM; i++) {
    for (let j = 0; j < DOWNSAMPLE_DIM - 1; j++) {
      const u = block[i * DOWNSAMPLE_DIM + j];
      const v = block[i * DOWNSAMPLE_DIM + j + 1];
      const d = fround(fround(fround(u - v) * 100) / 255) | 0;
      gradientSum += d < 0 ? -d : d;
    }
  }
  return Math.min(100, Math.trunc(gradientSum / 90));
}

/** Bit k = 16·row + col is set when that coefficient is strictly greater than the median. */
function bitsOf(block16: Float32Array): PdqHash {
  const median = lowerMedian(block16, scratch.sorted16);
  const words = new Uint32Array(8);
  for (let k = 0; k < DCT_DIM * DCT_DIM; k++) {
    if (block16[k] > median) words[k >>> 5] |= 1 << (k & 31);
  }
  return PdqHash.fromWords(words);
}

/**
 * Runs the pipeline up to the 16×16 DCT block (left in scratch.block16). Returns the quality, or
 * null when the image is too small to hash.
 *
 * `skipBlurAt64` mirrors a quirk of the reference: its single-hash path copies a 64×64 luma plane
 * straight into the DCT (meant for pre-downsampled video frames), while its dihedral path blurs
 * it like any other size. At 64×64 the blur window is 1, so the difference is only the running
 * sums' float32 rounding drift, but that can still flip a bit or a quality step, so for exactly
 * 64×64 inputs we reproduce each mode as it is.
 */
function dctBlockOf(pixels: PdqPixels, skipBlurAt64: boolean): number | null {
  assertValidPixels(pixels);
  const size = lumaSizeFor(pixels.width, pixels.height);
  const { rows, cols } = size;
  // The reference checks the minimum size after its pre-resize, so e.g. 1000×3 is hashable.
  if (rows < PDQ_MIN_HASHABLE_DIM || cols < PDQ_MIN_HASHABLE_DIM) return null;

  const { buffer1, buffer2 } = scratch;
  fillLuma(pixels, size, buffer1);
  if (skipBlurAt64 && rows === DOWNSAMPLE_DIM && cols === DOWNSAMPLE_DIM) {
    // Upstream skips the blur for inputs that are already 64×64.
    scratch.block64.set(buffer1.subarray(0, DOWNSAMPLE_DIM * DOWNSAMPLE_DIM));
  } else {
    jaroszBlurAndDecimate(buffer1, rows, cols, scratch.block64, DOWNSAMPLE_DIM, buffer2);
  }
  const quality = qualityOf(scratch.block64);
  dct64To16(scratch.block64, scratch.block16x64, scratch.block16);
  return quality;
}

export function computePdq(pixels: PdqPixels): PdqResult {
  const quality = dctBlockOf(pixels, true);
  if (quality === null) return { hash: PdqHash.zero(), quality: 0 };
  return { hash: bitsOf(scratch.block16), quality };
}

type DihedralTransform = (from: Float32Array, to: Float32Array) => void;

/** Builds B from A, where `transpose` selects B[j][i] vs B[i][j] and `negate(i, j)` flips sign. */
function signedTransform(transpose: boolean, negate: (i: number, j: number) => boolean): DihedralTransform {
  return (from, to) => {
    for (let i = 0; i < DCT_DIM; i++) {
      for (let j = 0; j < DCT_DIM; j++) {
        const value = from[i * DCT_DIM + j];
        const target = transpose ? j * DCT_DIM + i : i * DCT_DIM + j;
        to[target] = negate(i, j) ? -value : value;
      }
    }
  };
}

// Sign patterns from the reference's dct16OriginalTo* functions (odd DCT frequencies flip sign
// under reflection along their axis).
const DIHEDRAL_TRANSFORMS: Record<Exclude<PdqDihedralName, 'original'>, DihedralTransform> = {
  rotate90: signedTransform(true, (_i, j) => (j & 1) === 0),
  rotate180: signedTransform(false, (i, j) => ((i + j) & 1) === 1),
  rotate270: signedTransform(true, (i) => (i & 1) === 0),
  flipX: signedTransform(false, (i) => (i & 1) === 0),
  flipY: signedTransform(false, (_i, j) => (j & 1) === 0),
  flipPlus1: signedTransform(true, () => false),
  flipMinus1: signedTransform(true, (i, j) => ((i + j) & 1) === 1),
};

export function computePdqDihedral(pixels: PdqPixels): PdqDihedralResult {
  const quality = dctBlockOf(pixels, false);
  if (quality === null) {
    const zero = PdqHash.zero();
    return {
      hashes: {
        original: zero,
        rotate90: zero,
        rotate180: zero,
        rotate270: zero,
        flipX: zero,
        flipY: zero,
        flipPlus1: zero,
        flipMinus1: zero,
      },
      quality: 0,
    };
  }
  const block = scratch.block16;
  const aux = scratch.transformed16;
  const derived = (name: Exclude<PdqDihedralName, 'original'>): PdqHash => {
    DIHEDRAL_TRANSFORMS[name](block, aux);
    return bitsOf(aux);
  };
  return {
    hashes: {
      original: bitsOf(block),
      rotate90: derived('rotate90'),
      rotate180: derived('rotate180'),
      rotate270: derived('rotate270'),
      flipX: derived('flipX'),
      flipY: derived('flipY'),
      flipPlus1: derived('flipPlus1'),
      flipMinus1: derived('flipMinus1'),
    },
    quality,
  };
}

export interface PdqWithDihedralResult extends PdqResult {
  readonly dihedral: PdqDihedralResult;
}

/**
 * The plain hash and the dihedral hashes in one go, each exactly as the reference's two modes
 * give them. Normally one pipeline run serves both; for a 64×64 image the two reference modes
 * differ (see dctBlockOf), so the plain hash is computed separately.
 */
export function computePdqWithDihedral(pixels: PdqPixels): PdqWithDihedralResult {
  const dihedral = computePdqDihedral(pixels);
  const { rows, cols } = lumaSizeFor(pixels.width, pixels.height);
  if (rows === DOWNSAMPLE_DIM && cols === DOWNSAMPLE_DIM) return { ...computePdq(pixels), dihedral };
  return { hash: dihedral.hashes.original, quality: dihedral.quality, dihedral };
}
