import { InvalidPdqHashError } from './match-index-errors';
import { hammingDistanceAt, packPdqHashes, pdqWordsToHex, popcount32, toPdqWords } from './pdq-words';
import { SeededRandom, neighbourOf, randomPdqHashes } from './synthetic-pdq-hashes';

const HEX = 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22';

describe('PDQ hash words', () => {
  it('reads hex as a big-endian 256-bit number: the last 8 digits are word 0', () => {
    const words = toPdqWords(HEX);
    expect(words[0]).toBe(0x4e9c9b22);
    expect(words[7]).toBe(0xf8f8f0ce);
    expect(pdqWordsToHex(words)).toBe(HEX);
  });

  it('accepts upper-case hex and formats lower-case', () => {
    expect(pdqWordsToHex(toPdqWords(HEX.toUpperCase()))).toBe(HEX);
  });

  it('reads 32 bytes as the same big-endian number as the hex', () => {
    const bytes = Uint8Array.from(HEX.match(/../g) ?? [], (pair) => parseInt(pair, 16));
    expect(Array.from(toPdqWords(bytes))).toEqual(Array.from(toPdqWords(HEX)));
  });

  it('round-trips random hashes through hex', () => {
    const random = new SeededRandom(1);
    const packed = randomPdqHashes(random, 200);
    for (let i = 0; i < 200; i++) {
      const words = packed.subarray(i * 8, i * 8 + 8);
      expect(Array.from(toPdqWords(pdqWordsToHex(words)))).toEqual(Array.from(words));
    }
  });

  it('counts bits with popcount32', () => {
    expect(popcount32(0)).toBe(0);
    expect(popcount32(0xffffffff)).toBe(32);
    expect(popcount32(0x80000001)).toBe(2);
    expect(popcount32(0x0f0f0f0f)).toBe(16);
  });

  it('measures the Hamming distance of planted neighbours exactly', () => {
    const random = new SeededRandom(2);
    const base = randomPdqHashes(random, 1);
    for (let bits = 0; bits <= 256; bits += 7) {
      expect(hammingDistanceAt(base, 0, neighbourOf(random, base, bits), 0)).toBe(bits);
    }
  });

  describe('errors name the problem', () => {
    it('a hex string of the wrong length', () => {
      expect(() => toPdqWords(HEX.slice(1))).toThrow(InvalidPdqHashError);
      expect(() => toPdqWords(HEX.slice(1))).toThrow('expected 64 hex characters, got 63');
    });

    it('a non-hex character, with its position', () => {
      const bad = HEX.slice(0, 10) + 'g' + HEX.slice(11);
      expect(() => toPdqWords(bad)).toThrow('invalid hex character "g" at position 10');
    });

    it('a non-ASCII character', () => {
      const bad = 'é' + HEX.slice(1);
      expect(() => toPdqWords(bad)).toThrow('invalid hex character "é" at position 0');
    });

    it('byte and word arrays of the wrong length', () => {
      expect(() => toPdqWords(new Uint8Array(31))).toThrow('expected 32 bytes, got 31');
      expect(() => toPdqWords(new Uint32Array(9))).toThrow('expected 8 32-bit words, got 9');
    });

    it('values of the wrong type', () => {
      expect(() => toPdqWords(42 as unknown as string)).toThrow('got number');
      expect(() => toPdqWords([1, 2] as unknown as string)).toThrow('got an array');
      expect(() => toPdqWords(new Int32Array(8) as unknown as string)).toThrow('got Int32Array');
    });

    it('the index of the bad hash when packing many', () => {
      expect(() => packPdqHashes([HEX, HEX, 'abc'])).toThrow('PDQ hash at index 2: expected 64 hex characters, got 3');
    });
  });
});
