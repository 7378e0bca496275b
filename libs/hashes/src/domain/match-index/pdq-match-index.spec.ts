import { BruteForcePdqIndex } from './brute-force-pdq-index';
import { EntryId } from './entry-id';
import {
  BulkLoadInputError,
  InvalidEntryIdError,
  InvalidPdqHashError,
  InvalidThresholdError,
  SnapshotFormatError,
} from './match-index-errors';
import { PdqIndex, PdqMatch } from './pdq-index';
import { PdqMatchIndex, PdqMatchIndexOptions } from './pdq-match-index';
import { PDQ_WORDS, pdqWordsToHex } from './pdq-words';
import { SeededRandom, neighbourOf, randomPdqHashes, writeNeighbour } from './synthetic-pdq-hashes';

const THRESHOLDS = [0, 8, 31, 40];

interface Dataset {
  ids: number[];
  words: Uint32Array;
  queries: Uint32Array[];
}

/**
 * Uniformly random hashes plus, around each query centre, planted neighbours at every distance
 * 0..40, so every threshold has matches right at and just beyond its boundary.
 */
function plantedDataset(seed: number, randomCount: number, centres: number): Dataset {
  const random = new SeededRandom(seed);
  const perCentre = 12;
  const total = randomCount + centres * perCentre;
  const words = new Uint32Array(total * PDQ_WORDS);
  words.set(randomPdqHashes(random, randomCount));
  const queries: Uint32Array[] = [];
  let next = randomCount;
  for (let c = 0; c < centres; c++) {
    const centre = randomPdqHashes(random, 1);
    queries.push(centre);
    for (let p = 0; p < perCentre; p++) writeNeighbour(random, centre, 0, random.nextInt(41), words, PDQ_WORDS * next++);
  }
  // Queries that are stored hashes, near stored hashes, and far from everything.
  for (let i = 0; i < 40; i++) {
    const stored = randomSlot(random, words, total);
    queries.push(stored);
    queries.push(neighbourOf(random, stored, random.nextInt(45)));
    queries.push(randomPdqHashes(random, 1));
  }
  return { ids: Array.from({ length: total }, (_, i) => i), words, queries };
}

function randomSlot(random: SeededRandom, words: Uint32Array, count: number): Uint32Array {
  const slot = random.nextInt(count);
  return words.slice(slot * PDQ_WORDS, (slot + 1) * PDQ_WORDS);
}

/**
 * A few base hashes with thousands of variants each, most within a handful of bits, some
 * identical: the segment tables then have large buckets, long runs of equal halves and many
 * entries found through several segments, which uniform data at test sizes never produces.
 */
function clusteredDataset(seed: number, bases: number, perBase: number): Dataset {
  const random = new SeededRandom(seed);
  const total = bases * perBase;
  const words = new Uint32Array(total * PDQ_WORDS);
  const centres = randomPdqHashes(random, bases);
  const queries: Uint32Array[] = [];
  for (let b = 0; b < bases; b++) {
    for (let i = 0; i < perBase; i++) {
      const bits = random.nextInt(4) === 0 ? random.nextInt(3) : random.nextInt(49);
      writeNeighbour(random, centres, b * PDQ_WORDS, bits, words, (b * perBase + i) * PDQ_WORDS);
    }
    const centre = centres.slice(b * PDQ_WORDS, (b + 1) * PDQ_WORDS);
    queries.push(centre);
    for (let q = 0; q < 6; q++) queries.push(neighbourOf(random, centre, random.nextInt(30)));
  }
  return { ids: Array.from({ length: total }, (_, i) => i), words, queries };
}

function load(index: PdqIndex, data: Dataset): PdqIndex {
  index.bulkLoad(data.ids, data.words);
  return index;
}

function expectSameAnswers(actual: PdqIndex, oracle: PdqIndex, queries: readonly Uint32Array[], thresholds = THRESHOLDS): number {
  let matches = 0;
  for (const threshold of thresholds) {
    for (const query of queries) {
      const expected = oracle.query(query, threshold);
      matches += expected.length;
      const got = actual.query(query, threshold);
      if (got.length !== expected.length || got.some((m, i) => m.id !== expected[i].id || m.distance !== expected[i].distance)) {
        // Fail with the query and threshold in the message, not just two long arrays.
        expect({ query: pdqWordsToHex(query), threshold, got }).toEqual({ query: pdqWordsToHex(query), threshold, got: expected });
      }
    }
  }
  expect(actual.size).toBe(oracle.size);
  return matches;
}

describe('PdqMatchIndex equals brute force', () => {
  const planted = plantedDataset(11, 6000, 60);
  const oracle = load(new BruteForcePdqIndex(), planted);

  it.each<[string, PdqMatchIndexOptions]>([
    ['MIH probe', { strategy: 'mih' }],
    ['automatic strategy', { strategy: 'auto' }],
    ['linear scan', { strategy: 'linear' }],
    ['MIH over several small runs', { strategy: 'mih', maxRunSlots: 1000 }],
  ])('on uniform hashes with planted neighbours at 0..40 bits (%s)', (_, options) => {
    const index = load(new PdqMatchIndex(options), planted);
    const matches = expectSameAnswers(index, oracle, planted.queries);
    // The planted neighbours guarantee the comparison is not between two empty answers.
    expect(matches).toBeGreaterThan(1000);
  });

  it('on clustered hashes with large buckets and duplicates', () => {
    const clustered = clusteredDataset(12, 6, 1500);
    const clusteredOracle = load(new BruteForcePdqIndex(), clustered);
    const index = load(new PdqMatchIndex({ strategy: 'mih' }), clustered);
    const matches = expectSameAnswers(index, clusteredOracle, clustered.queries, [0, 1, 2, 3, 8, 31, 40]);
    expect(matches).toBeGreaterThan(10000);
  });

  it('at large thresholds, where the automatic strategy switches to scanning', () => {
    const queries = planted.queries.slice(0, 20);
    for (const strategy of ['mih', 'auto'] as const) {
      const index = load(new PdqMatchIndex({ strategy }), planted);
      expectSameAnswers(index, oracle, queries, [63, 64, 100, 256]);
    }
  });

  it('reports each entry once even when several segments match it', () => {
    const index = load(new PdqMatchIndex({ strategy: 'mih' }), planted);
    for (const query of planted.queries) {
      const ids = index.query(query, 40).map((m) => m.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});

describe('PdqMatchIndex results', () => {
  it('are sorted by distance, then id (numbers before strings)', () => {
    const random = new SeededRandom(5);
    const base = randomPdqHashes(random, 1);
    const index = new PdqMatchIndex({ strategy: 'mih' });
    index.add('b', neighbourOf(random, base, 3));
    index.add(7, neighbourOf(random, base, 3));
    index.add('a', neighbourOf(random, base, 3));
    index.add(2, neighbourOf(random, base, 3));
    index.add(9, neighbourOf(random, base, 1));
    index.add(1, neighbourOf(random, base, 32));
    expect(index.query(base)).toEqual<PdqMatch[]>([
      { id: 9, distance: 1 },
      { id: 2, distance: 3 },
      { id: 7, distance: 3 },
      { id: 'a', distance: 3 },
      { id: 'b', distance: 3 },
    ]);
    expect(index.query(pdqWordsToHex(base), 32).map((m) => m.id)).toContain(1);
  });

  it('accept hashes as hex, bytes or words interchangeably', () => {
    const random = new SeededRandom(6);
    const hash = randomPdqHashes(random, 1);
    const hex = pdqWordsToHex(hash);
    const bytes = Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
    const index = new PdqMatchIndex();
    index.add(1, hex);
    index.add(2, bytes);
    index.add(3, hash);
    for (const query of [hex, bytes, hash]) {
      expect(index.query(query, 0)).toEqual([
        { id: 1, distance: 0 },
        { id: 2, distance: 0 },
        { id: 3, distance: 0 },
      ]);
    }
  });
});

describe('PdqMatchIndex incremental updates', () => {
  function mirror(data: Dataset, options: PdqMatchIndexOptions): { index: PdqMatchIndex; oracle: BruteForcePdqIndex } {
    return {
      index: load(new PdqMatchIndex(options), data) as PdqMatchIndex,
      oracle: load(new BruteForcePdqIndex(), data) as BruteForcePdqIndex,
    };
  }

  it.each<[string, PdqMatchIndexOptions]>([
    ['automatic compaction', { strategy: 'mih' }],
    ['no automatic compaction', { strategy: 'mih', autoCompact: false }],
    ['small runs', { strategy: 'mih', maxRunSlots: 700 }],
  ])('add after bulk load, remove, re-add and replace stay equal to brute force (%s)', (_, options) => {
    const random = new SeededRandom(21);
    const data = plantedDataset(22, 3000, 30);
    const { index, oracle } = mirror(data, options);
    const queries = data.queries;
    const both = (apply: (target: PdqIndex) => void): void => {
      apply(index);
      apply(oracle);
    };

    // Enough adds to go through the tail, the overflow runs and (with autoCompact) a compaction.
    let nextId = data.ids.length;
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 2200; i++) {
        const id = nextId++;
        const hash = i % 3 === 0 ? neighbourOf(random, queries[random.nextInt(queries.length)], random.nextInt(41)) : randomPdqHashes(random, 1);
        both((target) => target.add(id, hash));
      }
      expectSameAnswers(index, oracle, queries);
    }
    expect(index.stats().overflowIndexed + index.stats().base).toBeGreaterThan(0);

    // Remove a third of everything, including planted neighbours.
    const removed: number[] = [];
    for (let id = 0; id < nextId; id++) {
      if (random.nextInt(3) === 0) {
        removed.push(id);
        both((target) => expect(target.remove(id)).toBe(true));
      }
    }
    expect(index.remove(removed[0])).toBe(false);
    expect(index.has(removed[0])).toBe(false);
    expectSameAnswers(index, oracle, queries);

    // Re-add some removed ids with new hashes, and replace the hash of some live ids.
    for (const id of removed.slice(0, 1500)) {
      const hash = neighbourOf(random, queries[random.nextInt(queries.length)], random.nextInt(41));
      both((target) => target.add(id, hash));
    }
    for (let i = 0; i < 500; i++) {
      const id = random.nextInt(nextId);
      const hash = neighbourOf(random, queries[random.nextInt(queries.length)], random.nextInt(41));
      both((target) => target.add(id, hash));
    }
    expect(index.has(removed[0])).toBe(true);
    expectSameAnswers(index, oracle, queries);

    index.compact();
    expect(index.stats().removed).toBe(0);
    expect(index.stats().tail).toBe(0);
    expectSameAnswers(index, oracle, queries);
  });

  it('builds from adds alone, with no bulk load', () => {
    const random = new SeededRandom(23);
    const index = new PdqMatchIndex({ strategy: 'mih' });
    const oracle = new BruteForcePdqIndex();
    const centres = Array.from({ length: 30 }, () => randomPdqHashes(random, 1));
    for (let id = 0; id < 9000; id++) {
      const hash = id % 2 === 0 ? neighbourOf(random, centres[id % 30], random.nextInt(41)) : randomPdqHashes(random, 1);
      index.add(`entry-${id}`, hash);
      oracle.add(`entry-${id}`, hash);
    }
    expect(index.stats().base).toBeGreaterThan(0);
    expectSameAnswers(index, oracle, centres);
  });

  it('bulk-loads into a non-empty index, later duplicates winning', () => {
    const random = new SeededRandom(24);
    const first = plantedDataset(25, 1000, 10);
    const index = load(new PdqMatchIndex({ strategy: 'mih' }), first);
    const oracle = load(new BruteForcePdqIndex(), first);
    const ids = [5, 6, 5, 100000];
    const hashes = [randomPdqHashes(random, 1), randomPdqHashes(random, 1), first.queries[0], first.queries[1]];
    index.bulkLoad(ids, hashes);
    oracle.bulkLoad(ids, hashes);
    expect(index.size).toBe(first.ids.length + 1);
    expect(index.query(first.queries[0], 0).map((m) => m.id)).toContain(5);
    expectSameAnswers(index, oracle, first.queries);
  });

  it('keeps the hash of the earlier entry when a later add fails validation', () => {
    const index = new PdqMatchIndex();
    const hash = randomPdqHashes(new SeededRandom(26), 1);
    index.add(1, hash);
    expect(() => index.add(1, 'not a hash')).toThrow(InvalidPdqHashError);
    expect(index.size).toBe(1);
    expect(index.query(hash, 0)).toEqual([{ id: 1, distance: 0 }]);
  });
});

describe('PdqMatchIndex snapshots', () => {
  function mutated(options: PdqMatchIndexOptions = {}): { index: PdqMatchIndex; oracle: BruteForcePdqIndex; queries: Uint32Array[] } {
    const random = new SeededRandom(31);
    const data = plantedDataset(32, 4000, 40);
    const index = load(new PdqMatchIndex({ strategy: 'mih', autoCompact: false, ...options }), data) as PdqMatchIndex;
    const oracle = load(new BruteForcePdqIndex(), data) as BruteForcePdqIndex;
    // Overflow runs, a tail and tombstones, so the snapshot has every region populated.
    for (let i = 0; i < 2500; i++) {
      const id = i % 5 === 0 ? `late-${i}` : 100000 + i;
      const hash = neighbourOf(random, data.queries[random.nextInt(data.queries.length)], random.nextInt(41));
      index.add(id, hash);
      oracle.add(id, hash);
    }
    for (let id = 0; id < 4000; id += 3) {
      index.remove(id);
      oracle.remove(id);
    }
    const stats = index.stats();
    expect(stats.removed).toBeGreaterThan(0);
    expect(stats.overflowIndexed).toBeGreaterThan(0);
    expect(stats.tail).toBeGreaterThan(0);
    return { index, oracle, queries: data.queries };
  }

  it.each([false, true])('round-trip to identical answers (copy: %s)', (copy) => {
    const { index, oracle, queries } = mutated();
    const bytes = index.serialize();
    const restored = PdqMatchIndex.deserialize(bytes.slice(), { strategy: 'mih', copy });
    expectSameAnswers(restored, oracle, queries);
    expect(restored.size).toBe(index.size);
    expect(restored.stats().removed).toBe(index.stats().removed);
    // The restored index keeps working incrementally.
    const random = new SeededRandom(33);
    for (let i = 0; i < 1500; i++) {
      const hash = neighbourOf(random, queries[random.nextInt(queries.length)], random.nextInt(41));
      restored.add(`after-${i}`, hash);
      oracle.add(`after-${i}`, hash);
    }
    for (let id = 1; id < 4000; id += 7) {
      restored.remove(id);
      oracle.remove(id);
    }
    expectSameAnswers(restored, oracle, queries);
  });

  it('round-trip an index with numeric ids only, several runs, and an empty index', () => {
    const data = plantedDataset(34, 3000, 20);
    const index = load(new PdqMatchIndex({ strategy: 'mih', maxRunSlots: 1024 }), data) as PdqMatchIndex;
    const restored = PdqMatchIndex.deserialize(index.serialize(), { strategy: 'mih' });
    expect(restored.stats().baseRuns).toBe(index.stats().baseRuns);
    expectSameAnswers(restored, index, data.queries);

    const empty = PdqMatchIndex.deserialize(new PdqMatchIndex().serialize());
    expect(empty.size).toBe(0);
    expect(empty.query(data.queries[0], 256)).toEqual([]);
  });

  it('round-trip an index keyed by UUIDs, stored compactly', () => {
    const data = plantedDataset(35, 3000, 20);
    const uuids = data.ids.map((i) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`);
    const index = new PdqMatchIndex({ strategy: 'mih' });
    index.bulkLoad(uuids, data.words);
    const oracle = new BruteForcePdqIndex();
    oracle.bulkLoad(uuids, data.words);
    const restored = PdqMatchIndex.deserialize(index.serialize(), { strategy: 'mih' });
    // 16 bytes per UUID against 4 per integer id, everything else equal.
    const numeric = load(new PdqMatchIndex(), data) as PdqMatchIndex;
    expect(restored.memoryEstimateBytes() - numeric.memoryEstimateBytes()).toBe(index.size * 12);
    expectSameAnswers(restored, oracle, data.queries);
    expect(restored.remove(uuids[7])).toBe(true);
    expect(restored.has(uuids[7])).toBe(false);
    expect(restored.has(uuids[8])).toBe(true);
  });

  it('reject corrupt, truncated and foreign snapshots', () => {
    const { index } = mutated();
    const bytes = index.serialize();
    const flipped = bytes.slice();
    flipped[Math.floor(bytes.length / 2)] ^= 0x10;
    expect(() => PdqMatchIndex.deserialize(flipped)).toThrow(SnapshotFormatError);
    expect(() => PdqMatchIndex.deserialize(flipped)).toThrow('checksum');
    expect(() => PdqMatchIndex.deserialize(bytes.slice(0, bytes.length - 8))).toThrow(SnapshotFormatError);
    expect(() => PdqMatchIndex.deserialize(bytes.slice(0, 10))).toThrow('truncated');
    const foreign = new BruteForcePdqIndex().serialize();
    expect(() => PdqMatchIndex.deserialize(foreign)).toThrow('not a VIGILMIH snapshot');
    const versioned = bytes.slice();
    versioned[8] = 99;
    expect(() => PdqMatchIndex.deserialize(versioned)).toThrow('format version 99 is not supported');
  });
});

describe('PdqMatchIndex input validation', () => {
  const hash = randomPdqHashes(new SeededRandom(41), 1);

  it('rejects invalid thresholds with a typed error', () => {
    const index = new PdqMatchIndex();
    for (const bad of [-1, 1.5, 257, Number.NaN]) {
      expect(() => index.query(hash, bad)).toThrow(InvalidThresholdError);
    }
    expect(() => index.query(hash, '31' as unknown as number)).toThrow('an integer from 0 to 256, got 31');
  });

  it('rejects invalid ids with a typed error', () => {
    const index = new PdqMatchIndex();
    expect(() => index.add(1.5, hash)).toThrow(InvalidEntryIdError);
    expect(() => index.add(Number.MAX_SAFE_INTEGER + 1, hash)).toThrow('safe integer');
    expect(() => index.add('', hash)).toThrow('must not be an empty string');
    expect(() => index.add(null as unknown as EntryId, hash)).toThrow('got null');
    expect(index.size).toBe(0);
  });

  it('rejects mismatched or malformed bulk input, naming the row', () => {
    const index = new PdqMatchIndex();
    expect(() => index.bulkLoad([1, 2], new Uint32Array(8))).toThrow(BulkLoadInputError);
    expect(() => index.bulkLoad([1, 2], new Uint32Array(8))).toThrow('2 ids but 8 hash words');
    expect(() => index.bulkLoad([1, 2], [hash])).toThrow('2 ids but 1 hashes');
    expect(() => index.bulkLoad([1, 2], [hash, 'xyz'])).toThrow('PDQ hash at index 1: expected 64 hex characters, got 3');
    expect(() => index.bulkLoad([1, Number.NaN], [hash, hash])).toThrow('entry id at index 1 must be a safe integer');
    expect(index.size).toBe(0);
  });

  it('rejects malformed query hashes, naming the problem', () => {
    const index = new PdqMatchIndex();
    expect(() => index.query('ab')).toThrow('query hash: expected 64 hex characters, got 2');
  });
});

describe('PdqMatchIndex memory estimate', () => {
  it('counts the typed arrays, growing with the number of hashes', () => {
    const small = load(new PdqMatchIndex(), plantedDataset(51, 2000, 10)) as PdqMatchIndex;
    const large = load(new PdqMatchIndex(), plantedDataset(52, 20000, 10)) as PdqMatchIndex;
    // 32 bytes of hash + 56 of tables per entry at least, plus fixed-size offsets.
    expect(large.memoryEstimateBytes()).toBeGreaterThan(large.size * 88);
    expect(large.memoryEstimateBytes() - small.memoryEstimateBytes()).toBeGreaterThan((large.size - small.size) * 88);
  });
});
