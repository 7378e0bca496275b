import { InvalidPdqHashError } from './match-index-errors';

/**
 * Raw 256-bit PDQ hashes as the match indexes store them: eight 32-bit words.
 *
 * The layout is the one the PDQ value object uses (bit k of the big-endian 256-bit number lives
 * in word k >>> 5 at position k & 31), so the last 8 hex digits are word 0 and the first 8 are
 * word 7. Keeping that layout means a caller holding a hash's words can pass them straight in and
 * get the same distances as for its hex string.
 */
export const PDQ_WORDS = 8;
export const PDQ_BYTES = 32;
export const PDQ_HEX_LENGTH = 64;

/** Any of the raw forms a hash arrives in: 64 hex characters, 32 big-endian bytes or 8 words. */
export type PdqHashInput = string | Uint8Array | Uint32Array;

const HEX_DIGIT_VALUE = (() => {
  const table = new Uint8Array(128).fill(255);
  for (let i = 0; i < 10; i++) table[48 + i] = i;
  for (let i = 0; i < 6; i++) {
    table[65 + i] = 10 + i;
    table[97 + i] = 10 + i;
  }
  return table;
})();

const HEX_DIGITS = '0123456789abcdef';

// Module-level alias: under Jest (vm contexts) every global lookup such as `Math.imul` goes
// through the sandbox's global object and costs ~20x more in hot loops.
const imul = Math.imul;

/** Population count of a 32-bit word (SWAR; V8 has no popcount intrinsic). */
export function popcount32(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  v = (v + (v >>> 4)) & 0x0f0f0f0f;
  return imul(v, 0x01010101) >>> 24;
}

/** Hamming distance between the hashes stored at word offsets `aOffset` and `bOffset`. */
export function hammingDistanceAt(a: Uint32Array, aOffset: number, b: Uint32Array, bOffset: number): number {
  return (
    popcount32(a[aOffset] ^ b[bOffset]) +
    popcount32(a[aOffset + 1] ^ b[bOffset + 1]) +
    popcount32(a[aOffset + 2] ^ b[bOffset + 2]) +
    popcount32(a[aOffset + 3] ^ b[bOffset + 3]) +
    popcount32(a[aOffset + 4] ^ b[bOffset + 4]) +
    popcount32(a[aOffset + 5] ^ b[bOffset + 5]) +
    popcount32(a[aOffset + 6] ^ b[bOffset + 6]) +
    popcount32(a[aOffset + 7] ^ b[bOffset + 7])
  );
}

function describe(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  if (ArrayBuffer.isView(input)) return input.constructor.name;
  return typeof input;
}

/**
 * Writes the words of `input` to `target[offset .. offset + 8)`. `context` prefixes error
 * messages so a bulk load can say which row was bad.
 */
export function writePdqWords(input: PdqHashInput, target: Uint32Array, offset: number, context = 'PDQ hash'): void {
  if (typeof input === 'string') {
    if (input.length !== PDQ_HEX_LENGTH) {
      throw new InvalidPdqHashError(`${context}: expected ${PDQ_HEX_LENGTH} hex characters, got ${input.length}`);
    }
    for (let w = 0; w < PDQ_WORDS; w++) {
      let word = 0;
      const start = PDQ_HEX_LENGTH - 8 * (w + 1);
      for (let c = start; c < start + 8; c++) {
        const code = input.charCodeAt(c);
        const digit = code < 128 ? HEX_DIGIT_VALUE[code] : 255;
        if (digit === 255) {
          throw new InvalidPdqHashError(
            `${context}: invalid hex character ${JSON.stringify(input[c])} at position ${c} (expected 0-9, a-f or A-F)`,
          );
        }
        word = (word << 4) | digit;
      }
      target[offset + w] = word;
    }
    return;
  }
  if (input instanceof Uint32Array) {
    if (input.length !== PDQ_WORDS) {
      throw new InvalidPdqHashError(`${context}: expected ${PDQ_WORDS} 32-bit words, got ${input.length}`);
    }
    target.set(input, offset);
    return;
  }
  if (input instanceof Uint8Array) {
    if (input.length !== PDQ_BYTES) {
      throw new InvalidPdqHashError(`${context}: expected ${PDQ_BYTES} bytes, got ${input.length}`);
    }
    for (let w = 0; w < PDQ_WORDS; w++) {
      const b = 4 * (PDQ_WORDS - 1 - w);
      target[offset + w] = ((input[b] << 24) | (input[b + 1] << 16) | (input[b + 2] << 8) | input[b + 3]) >>> 0;
    }
    return;
  }
  throw new InvalidPdqHashError(
    `${context}: expected a hex string, a Uint8Array(32) or a Uint32Array(8), got ${describe(input)}`,
  );
}

/** The words of a hash. A valid Uint32Array(8) is returned as is (callers must not mutate it). */
export function toPdqWords(input: PdqHashInput, context?: string): Uint32Array {
  if (input instanceof Uint32Array && input.length === PDQ_WORDS) return input;
  const words = new Uint32Array(PDQ_WORDS);
  writePdqWords(input, words, 0, context);
  return words;
}

/** Lowercase hex of the hash stored at `words[offset .. offset + 8)`. */
export function pdqWordsToHex(words: Uint32Array, offset = 0): string {
  let hex = '';
  for (let w = PDQ_WORDS - 1; w >= 0; w--) {
    const word = words[offset + w];
    for (let shift = 28; shift >= 0; shift -= 4) hex += HEX_DIGITS[(word >>> shift) & 15];
  }
  return hex;
}

/**
 * Packs many hashes into one Uint32Array of 8 words per hash, the form `bulkLoad` is fastest with.
 * Errors name the index of the offending hash.
 */
export function packPdqHashes(hashes: ReadonlyArray<PdqHashInput>): Uint32Array {
  const packed = new Uint32Array(hashes.length * PDQ_WORDS);
  for (let i = 0; i < hashes.length; i++) writePdqWords(hashes[i], packed, i * PDQ_WORDS, `PDQ hash at index ${i}`);
  return packed;
}
