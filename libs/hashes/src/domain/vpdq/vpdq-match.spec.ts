import { PdqHash } from '../pdq/pdq-hash';
import { createVpdqFeature, VpdqFeature } from './vpdq-feature';
import { dedupeVpdqFeatures, InvalidVpdqMatchOptions, matchVpdq } from './vpdq-match';

/** A hash whose bits come from a seed: unrelated seeds land ~128 bits apart. */
function seededHash(seed: number): PdqHash {
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state;
  };
  const words = Array.from({ length: 8 }, next);
  return PdqHash.fromSetBits((k) => ((words[k >>> 5] >>> (k & 31)) & 1) === 1);
}

/** The hash with its first `bits` bits flipped: exactly that Hamming distance away. */
function flipped(hash: PdqHash, bits: number): PdqHash {
  return PdqHash.fromSetBits((k) => (k < bits ? !hash.bit(k) : hash.bit(k)));
}

function frames(hashes: readonly PdqHash[], quality = 90): VpdqFeature[] {
  return hashes.map((pdq, i) => createVpdqFeature({ frameNumber: i * 25, timestampSeconds: i, pdq, quality }));
}

const clip = Array.from({ length: 10 }, (_, i) => seededHash(100 + i));
const unrelated = Array.from({ length: 10 }, (_, i) => seededHash(900 + i));

describe('matchVpdq (Meta vPDQ: thresholds quality 50, distance 31, query 80 %, compared 0 %)', () => {
  it('matches a video with itself at 100 % both ways and says why', () => {
    const result = matchVpdq(frames(clip), frames(clip));
    expect(result).toMatchObject({ queryMatchPercent: 100, comparedMatchPercent: 100, queryFrames: 10, comparedFrames: 10, isMatch: true });
    expect(result.reason).toBe(
      "vPDQ match: 100% of the query's 10 frames (needs 80%) and 100% of the compared video's 10 frames (needs 0%) matched within PDQ distance 31",
    );
  });

  it('counts frames within distance 31 inclusive as found, and 32 as not', () => {
    expect(seededHash(1).hammingDistance(seededHash(2))).toBeGreaterThan(64);
    const at31 = clip.map((hash) => flipped(hash, 31));
    expect(at31[0].hammingDistance(clip[0])).toBe(31);
    expect(matchVpdq(frames(clip), frames(at31)).queryMatchPercent).toBe(100);
    const at32 = clip.map((hash) => flipped(hash, 32));
    expect(matchVpdq(frames(clip), frames(at32))).toMatchObject({ queryMatchPercent: 0, isMatch: false });
    expect(matchVpdq(frames(clip), frames(at32), { distanceThreshold: 32 }).isMatch).toBe(true);
  });

  it('does not match unrelated videos', () => {
    const result = matchVpdq(frames(clip), frames(unrelated));
    expect(result).toMatchObject({ queryMatchPercent: 0, comparedMatchPercent: 0, isMatch: false });
    expect(result.reason).toMatch(/^no match: 0% of the query's 10 frames/);
  });

  it('needs 80 % of the query found: 8 of 10 frames match, 7 of 10 do not', () => {
    const eight = [...clip.slice(0, 8), ...unrelated.slice(0, 2)];
    expect(matchVpdq(frames(clip), frames(eight))).toMatchObject({ queryMatchPercent: 80, comparedMatchPercent: 80, isMatch: true });
    const seven = [...clip.slice(0, 7), ...unrelated.slice(0, 3)];
    expect(matchVpdq(frames(clip), frames(seven))).toMatchObject({ queryMatchPercent: 70, isMatch: false });
    expect(matchVpdq(frames(clip), frames(seven), { queryMatchPercent: 70 }).isMatch).toBe(true);
  });

  it('finds a short clip inside a longer video as the query, but not the longer video as the query', () => {
    const longer = [...unrelated.slice(0, 5), ...clip, ...unrelated.slice(5)];
    const clipInLonger = matchVpdq(frames(clip), frames(longer));
    expect(clipInLonger).toMatchObject({ queryMatchPercent: 100, comparedMatchPercent: 50, isMatch: true });
    const longerInClip = matchVpdq(frames(longer), frames(clip));
    expect(longerInClip).toMatchObject({ queryMatchPercent: 50, comparedMatchPercent: 100, isMatch: false });
    // Swapping the thresholds finds a known clip inside a longer upload.
    expect(matchVpdq(frames(longer), frames(clip), { queryMatchPercent: 0, comparedMatchPercent: 80 }).isMatch).toBe(true);
  });

  it('applies the compared threshold too', () => {
    const longer = [...unrelated, ...clip];
    expect(matchVpdq(frames(clip), frames(longer), { comparedMatchPercent: 60 })).toMatchObject({ comparedMatchPercent: 50, isMatch: false });
  });

  it('ignores frames under the quality threshold on both sides', () => {
    const query = [...frames(clip.slice(0, 8)), ...frames(unrelated.slice(0, 2), 49)];
    expect(matchVpdq(query, frames(clip))).toMatchObject({ queryFrames: 8, queryMatchPercent: 100, isMatch: true });
    expect(matchVpdq(query, frames(clip), { qualityThreshold: 0 })).toMatchObject({ queryFrames: 10, queryMatchPercent: 80 });
    const lowCompared = frames(clip, 30);
    expect(matchVpdq(frames(clip), lowCompared)).toMatchObject({ comparedFrames: 0, isMatch: false, queryMatchPercent: 0 });
  });

  it('says why when a side has no usable frame instead of dividing by zero', () => {
    expect(matchVpdq([], frames(clip)).reason).toBe('no match: the query has no distinct frame of quality ≥ 50');
    expect(matchVpdq(frames(clip), frames(clip, 10)).reason).toBe('no match: the compared video has no distinct frame of quality ≥ 50');
  });

  it('counts each distinct hash once: a still scene does not outweigh the rest', () => {
    // 8 identical frames of a still scene plus 2 others: 3 distinct frames, 1 of them found.
    const still = [...Array.from({ length: 8 }, () => clip[0]), unrelated[0], unrelated[1]];
    const result = matchVpdq(frames(still), frames(clip));
    expect(result.queryFrames).toBe(3);
    expect(result.queryMatchPercent).toBeCloseTo(100 / 3, 10);
    expect(result.isMatch).toBe(false);
  });

  it('refuses options out of range, naming the option', () => {
    expect(() => matchVpdq(frames(clip), frames(clip), { queryMatchPercent: 120 })).toThrow(InvalidVpdqMatchOptions);
    expect(() => matchVpdq(frames(clip), frames(clip), { distanceThreshold: -1 })).toThrow(/distanceThreshold must be a number from 0 to 256, got -1/);
    expect(() => matchVpdq(frames(clip), frames(clip), { qualityThreshold: Number.NaN })).toThrow(/qualityThreshold/);
  });
});

describe('dedupeVpdqFeatures', () => {
  it('keeps the first frame of each distinct hash, in order', () => {
    const input = frames([clip[0], clip[1], clip[0], clip[2], clip[1]]);
    expect(dedupeVpdqFeatures(input).map((f) => f.frameNumber)).toEqual([0, 25, 75]);
  });
});
