import { MASK16_WEIGHT_START, MASKS16_BY_WEIGHT, POPCOUNT16, binomial, pigeonholeRadii } from './pigeonhole';
import { SeededRandom } from './synthetic-pdq-hashes';

describe('pigeonhole radii', () => {
  it('spend exactly d + 1 over the segments, so some segment is within its radius', () => {
    for (let d = 0; d <= 256; d++) {
      const radii = pigeonholeRadii(d, 8);
      const budget = Array.from(radii).reduce((sum, r) => sum + r + 1, 0);
      expect(budget).toBe(d + 1);
      expect(Math.max(...radii) - Math.min(...radii)).toBeLessThanOrEqual(1);
    }
  });

  it('give the classic floor(d / m) when m divides d + 1', () => {
    expect(Array.from(pigeonholeRadii(31, 8))).toEqual([3, 3, 3, 3, 3, 3, 3, 3]);
    expect(Array.from(pigeonholeRadii(63, 8))).toEqual([7, 7, 7, 7, 7, 7, 7, 7]);
  });

  it('probe a single segment exactly for d = 0', () => {
    expect(Array.from(pigeonholeRadii(0, 8))).toEqual([0, -1, -1, -1, -1, -1, -1, -1]);
  });

  it('hold for random distance vectors: some segment is within its radius', () => {
    const random = new SeededRandom(3);
    const failures: string[] = [];
    for (let trial = 0; trial < 20000; trial++) {
      const d = random.nextInt(80);
      const radii = pigeonholeRadii(d, 8);
      // Spread at most d differing bits over 8 segments, worst cases (exactly d) included.
      const perSegment = new Array<number>(8).fill(0);
      const total = trial % 2 === 0 ? d : random.nextInt(d + 1);
      for (let b = 0; b < total; b++) perSegment[random.nextInt(8)]++;
      if (!perSegment.some((x, s) => x <= radii[s])) failures.push(`d=${d} bits=${perSegment.join(',')}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('16-bit mask tables', () => {
  it('POPCOUNT16 matches a bit-by-bit count', () => {
    for (let v = 0; v < 65536; v += 37) {
      let bits = 0;
      for (let b = 0; b < 16; b++) bits += (v >> b) & 1;
      expect(POPCOUNT16[v]).toBe(bits);
    }
  });

  it('lists every mask once, grouped by weight, C(16, j) of weight j', () => {
    const seen = new Set<number>();
    const wrongWeight: number[] = [];
    for (let j = 0; j <= 16; j++) {
      expect(MASK16_WEIGHT_START[j + 1] - MASK16_WEIGHT_START[j]).toBe(binomial(16, j));
      for (let i = MASK16_WEIGHT_START[j]; i < MASK16_WEIGHT_START[j + 1]; i++) {
        if (POPCOUNT16[MASKS16_BY_WEIGHT[i]] !== j) wrongWeight.push(MASKS16_BY_WEIGHT[i]);
        seen.add(MASKS16_BY_WEIGHT[i]);
      }
    }
    expect(wrongWeight).toEqual([]);
    expect(seen.size).toBe(65536);
  });
});
