import { ValidationError } from '@vigil/kernel';

/** A PDQ hash string or byte array that is malformed; the message names the problem. */
export class InvalidPdqHash extends ValidationError {
  constructor(message: string) {
    super(`invalid PDQ hash: ${message}`, 'pdq');
  }
}

export const PDQ_HASH_BITS = 256;
export const PDQ_HASH_BYTES = 32;
export const PDQ_HASH_HEX_LENGTH = 64;

const HEX_PATTERN = /^[0-9a-fA-F]{64}$/;
const BASE64_PATTERN = /^[A-Za-z0-9+/]{43}=$/;
const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Population count of a 32-bit word (SWAR; V8 has no popcount intrinsic). */
function popcount32(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  v = (v + (v >>> 4)) & 0x0f0f0f0f;
  return Math.imul(v, 0x01010101) >>> 24;
}

/**
 * A 256-bit PDQ hash.
 *
 * Bit k is the coefficient at row k >> 4, column k & 15 of the 16×16 DCT block. The reference
 * prints the hash as sixteen 16-bit words, word 15 first, so the hex string reads as one
 * big-endian 256-bit number whose last 4 hex digits are DCT row 0. The 32 bytes used by
 * `toBytes`/`toBase64` are that same big-endian number (i.e. the hex string decoded).
 */
export class PdqHash {
  /** Eight 32-bit words; bit k lives in words[k >>> 5] at position k & 31. */
  private readonly words: Uint32Array;

  private constructor(words: Uint32Array) {
    this.words = words;
  }

  static zero(): PdqHash {
    return new PdqHash(new Uint32Array(8));
  }

  /** Builds a hash from the indices of its set bits (bit k = 16·row + col of the DCT block). */
  static fromSetBits(isSet: (bit: number) => boolean): PdqHash {
    const words = new Uint32Array(8);
    for (let k = 0; k < PDQ_HASH_BITS; k++) {
      if (isSet(k)) words[k >>> 5] |= 1 << (k & 31);
    }
    return new PdqHash(words);
  }

  /** Internal fast path for the hasher: takes ownership of an 8-word bit array. */
  static fromWords(words: Uint32Array): PdqHash {
    if (words.length !== 8) throw new InvalidPdqHash(`a PDQ hash has 8 32-bit words, got ${words.length}`);
    return new PdqHash(words);
  }

  static fromHex(hex: string): PdqHash {
    if (typeof hex !== 'string' || hex.length !== PDQ_HASH_HEX_LENGTH) {
      const length = typeof hex === 'string' ? hex.length : 0;
      throw new InvalidPdqHash(`a PDQ hash in hex has ${PDQ_HASH_HEX_LENGTH} characters, got ${length}`);
    }
    if (!HEX_PATTERN.test(hex)) {
      throw new InvalidPdqHash('a PDQ hash in hex may contain only the characters 0-9 and a-f');
    }
    const bytes = new Uint8Array(PDQ_HASH_BYTES);
    for (let i = 0; i < PDQ_HASH_BYTES; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    return PdqHash.fromBytes(bytes);
  }

  /** Standard base64 (with padding) of the 32 big-endian bytes. */
  static fromBase64(base64: string): PdqHash {
    if (typeof base64 !== 'string' || !BASE64_PATTERN.test(base64)) {
      throw new InvalidPdqHash('a PDQ hash in base64 is 44 characters of standard base64 ending in one "=" (32 bytes)');
    }
    const bytes = new Uint8Array(PDQ_HASH_BYTES);
    let accumulator = 0;
    let bitCount = 0;
    let out = 0;
    for (let i = 0; i < 43; i++) {
      accumulator = (accumulator << 6) | BASE64_ALPHABET.indexOf(base64[i]);
      bitCount += 6;
      if (bitCount >= 8) {
        bitCount -= 8;
        bytes[out++] = (accumulator >>> bitCount) & 0xff;
      }
    }
    // 43 symbols carry 258 bits: the last 2 must be zero in canonical base64.
    if ((accumulator & ((1 << bitCount) - 1)) !== 0) {
      throw new InvalidPdqHash('a PDQ hash in base64 has non-zero padding bits (not canonical base64)');
    }
    return PdqHash.fromBytes(bytes);
  }

  /** The 32 bytes of the big-endian 256-bit number (byte 0 is the first two hex digits). */
  static fromBytes(bytes: Uint8Array): PdqHash {
    if (bytes.length !== PDQ_HASH_BYTES) {
      throw new InvalidPdqHash(`a PDQ hash has ${PDQ_HASH_BYTES} bytes, got ${bytes.length}`);
    }
    const words = new Uint32Array(8);
    for (let i = 0; i < PDQ_HASH_BYTES; i++) {
      // Byte i holds bits 255-8i .. 248-8i of the big-endian number.
      const lowBit = 248 - 8 * i;
      words[lowBit >>> 5] |= bytes[i] << (lowBit & 31);
    }
    return new PdqHash(words);
  }

  toBytes(): Uint8Array {
    const bytes = new Uint8Array(PDQ_HASH_BYTES);
    for (let i = 0; i < PDQ_HASH_BYTES; i++) {
      const lowBit = 248 - 8 * i;
      bytes[i] = (this.words[lowBit >>> 5] >>> (lowBit & 31)) & 0xff;
    }
    return bytes;
  }

  /** Lowercase hex in the reference's layout (`%04hx` of words 15..0). */
  toHex(): string {
    let hex = '';
    for (let i = 7; i >= 0; i--) hex += this.words[i].toString(16).padStart(8, '0');
    return hex;
  }

  toBase64(): string {
    const bytes = this.toBytes();
    let out = '';
    for (let i = 0; i < 30; i += 3) {
      const triple = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      out +=
        BASE64_ALPHABET[(triple >>> 18) & 63] +
        BASE64_ALPHABET[(triple >>> 12) & 63] +
        BASE64_ALPHABET[(triple >>> 6) & 63] +
        BASE64_ALPHABET[triple & 63];
    }
    const tail = (bytes[30] << 8) | bytes[31];
    out += BASE64_ALPHABET[(tail >>> 10) & 63] + BASE64_ALPHABET[(tail >>> 4) & 63] + BASE64_ALPHABET[(tail << 2) & 63] + '=';
    return out;
  }

  /** Whether bit k (16·row + col of the DCT block) is set. */
  bit(k: number): boolean {
    if (!Number.isInteger(k) || k < 0 || k >= PDQ_HASH_BITS) {
      throw new RangeError(`bit index must be an integer in 0..255, got ${k}`);
    }
    return ((this.words[k >>> 5] >>> (k & 31)) & 1) === 1;
  }

  /** Number of set bits; a useful sanity check (a PDQ hash from an image has about 128). */
  bitCount(): number {
    let n = 0;
    for (let i = 0; i < 8; i++) n += popcount32(this.words[i]);
    return n;
  }

  hammingDistance(other: PdqHash): number {
    const a = this.words;
    const b = other.words;
    return (
      popcount32(a[0] ^ b[0]) +
      popcount32(a[1] ^ b[1]) +
      popcount32(a[2] ^ b[2]) +
      popcount32(a[3] ^ b[3]) +
      popcount32(a[4] ^ b[4]) +
      popcount32(a[5] ^ b[5]) +
      popcount32(a[6] ^ b[6]) +
      popcount32(a[7] ^ b[7])
    );
  }

  equals(other: PdqHash): boolean {
    for (let i = 0; i < 8; i++) if (this.words[i] !== other.words[i]) return false;
    return true;
  }

  toString(): string {
    return this.toHex();
  }

  toJSON(): string {
    return this.toHex();
  }
}
