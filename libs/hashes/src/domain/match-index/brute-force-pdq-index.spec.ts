import { BruteForcePdqIndex } from './brute-force-pdq-index';
import { SnapshotFormatError } from './match-index-errors';
import { pdqWordsToHex } from './pdq-words';
import { SeededRandom, neighbourOf, randomPdqHashes } from './synthetic-pdq-hashes';

/** Distance computed from the hex strings digit by digit, sharing no code with the index. */
function hexDistance(a: string, b: string): number {
  let distance = 0;
  for (let i = 0; i < a.length; i++) {
    let x = parseInt(a[i], 16) ^ parseInt(b[i], 16);
    while (x !== 0) {
      distance += x & 1;
      x >>= 1;
    }
  }
  return distance;
}

describe('BruteForcePdqIndex (the oracle)', () => {
  const random = new SeededRandom(61);
  const centre = randomPdqHashes(random, 1);
  const hexes = Array.from({ length: 300 }, (_, i) =>
    pdqWordsToHex(i % 2 === 0 ? neighbourOf(random, centre, random.nextInt(60)) : randomPdqHashes(random, 1)),
  );

  it('agrees with a digit-by-digit distance on every entry and threshold', () => {
    const index = new BruteForcePdqIndex();
    hexes.forEach((hex, id) => index.add(id, hex));
    const query = pdqWordsToHex(centre);
    for (const threshold of [0, 8, 31, 40, 63, 256]) {
      const expected = hexes
        .map((hex, id) => ({ id, distance: hexDistance(hex, query) }))
        .filter((m) => m.distance <= threshold)
        .sort((a, b) => a.distance - b.distance || a.id - b.id);
      expect(index.query(query, threshold)).toEqual(expected);
    }
    expect(index.query(query, 256)).toHaveLength(300);
  });

  it('replaces, removes (swapping the last entry in) and re-adds', () => {
    const index = new BruteForcePdqIndex();
    hexes.slice(0, 3).forEach((hex, id) => index.add(id, hex));
    index.add(0, hexes[2]);
    expect(index.size).toBe(3);
    expect(index.query(hexes[2], 0).map((m) => m.id)).toEqual([0, 2]);
    expect(index.remove(0)).toBe(true);
    expect(index.remove(0)).toBe(false);
    expect(index.has(2)).toBe(true);
    expect(index.query(hexes[2], 0).map((m) => m.id)).toEqual([2]);
    index.add(0, hexes[0]);
    expect(index.query(hexes[0], 0).map((m) => m.id)).toEqual([0]);
  });

  it('round-trips through a snapshot and rejects a corrupt one', () => {
    const index = new BruteForcePdqIndex();
    index.bulkLoad(
      hexes.map((_, i) => (i % 3 === 0 ? `id-${i}` : i)),
      hexes,
    );
    const bytes = index.serialize();
    const restored = BruteForcePdqIndex.deserialize(bytes);
    expect(restored.size).toBe(300);
    expect(restored.query(centre, 40)).toEqual(index.query(centre, 40));
    bytes[bytes.length - 20] ^= 1;
    expect(() => BruteForcePdqIndex.deserialize(bytes)).toThrow(SnapshotFormatError);
  });
});
