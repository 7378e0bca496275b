/**
 * Random-looking but reproducible hex for parser tests: these are no one's hashes (a seeded
 * xorshift stream), never hashes of real material.
 */
export function syntheticHex(length: number, seed: number): string {
  let state = (seed * 2654435761) >>> 0 || 1;
  let out = '';
  while (out.length < length) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out += state.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

export const md5 = (seed: number) => syntheticHex(32, seed);
export const sha1 = (seed: number) => syntheticHex(40, seed + 1000);
export const sha256 = (seed: number) => syntheticHex(64, seed + 2000);
export const pdq = (seed: number) => syntheticHex(64, seed + 3000);
