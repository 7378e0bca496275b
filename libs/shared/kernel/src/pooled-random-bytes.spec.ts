import { pooledRandomBytes } from './pooled-random-bytes';

describe('pooledRandomBytes', () => {
  it('gives the size asked, never the same bytes twice, across pool refills', () => {
    const seen = new Set<string>();
    // 24 bytes × 1,000 = several refills of the 4 KiB pool.
    for (let i = 0; i < 1000; i += 1) {
      const bytes = pooledRandomBytes(24);
      expect(bytes).toHaveLength(24);
      seen.add(bytes.toString('hex'));
    }
    expect(seen.size).toBe(1000);
  });

  it('hands out copies: changing one does not change what comes next', () => {
    const first = pooledRandomBytes(8);
    first.fill(0);
    expect(pooledRandomBytes(8).equals(Buffer.alloc(8))).toBe(false);
  });

  it('looks uniform: every byte value turns up, none far more often than the others', () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 4096; i += 1) for (const byte of pooledRandomBytes(16)) counts[byte] += 1;
    // 65,536 bytes: 256 expected per value; a broken pool (zeros, repeats) is far outside these bounds.
    expect(Math.min(...counts)).toBeGreaterThan(150);
    expect(Math.max(...counts)).toBeLessThan(370);
  });

  it('asks the system directly for large sizes', () => {
    expect(pooledRandomBytes(2048)).toHaveLength(2048);
  });
});
