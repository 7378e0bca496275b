import { PDQ_WORDS } from './pdq-words';

/**
 * Deterministic synthetic PDQ hashes for tests and benchmarks (never real data). mulberry32 is
 * tiny, fast and good enough for spreading bits; determinism matters more than quality here so
 * a failing property test can be replayed from its seed.
 */
// Module-level alias: under Jest (vm contexts) every global lookup such as `Math.imul` goes
// through the sandbox's global object and costs ~20x more in hot loops.
const imul = Math.imul;
const floor = Math.floor;

export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform integer in [0, bound). */
  nextInt(bound: number): number {
    return floor((this.nextUint32() / 4294967296) * bound);
  }
}

/** `count` uniformly random hashes, packed 8 words per hash. */
export function randomPdqHashes(random: SeededRandom, count: number): Uint32Array {
  const words = new Uint32Array(count * PDQ_WORDS);
  for (let i = 0; i < words.length; i++) words[i] = random.nextUint32();
  return words;
}

/**
 * Copies the hash at `source[sourceOffset..+8)` to `target[targetOffset..+8)` with exactly
 * `bits` distinct bits flipped, i.e. at Hamming distance exactly `bits`.
 */
export function writeNeighbour(
  random: SeededRandom,
  source: Uint32Array,
  sourceOffset: number,
  bits: number,
  target: Uint32Array,
  targetOffset: number,
): void {
  if (!Number.isInteger(bits) || bits < 0 || bits > 256) throw new RangeError(`cannot flip ${bits} of 256 bits`);
  const flips = new Uint32Array(PDQ_WORDS);
  let flipped = 0;
  while (flipped < bits) {
    const bit = random.nextInt(256);
    const mask = 1 << (bit & 31);
    if ((flips[bit >>> 5] & mask) !== 0) continue;
    flips[bit >>> 5] |= mask;
    flipped++;
  }
  for (let w = 0; w < PDQ_WORDS; w++) target[targetOffset + w] = (source[sourceOffset + w] ^ flips[w]) >>> 0;
}

/** A fresh Uint32Array(8) at distance exactly `bits` from `hash`. */
export function neighbourOf(random: SeededRandom, hash: Uint32Array, bits: number): Uint32Array {
  const out = new Uint32Array(PDQ_WORDS);
  writeNeighbour(random, hash, 0, bits, out, 0);
  return out;
}
