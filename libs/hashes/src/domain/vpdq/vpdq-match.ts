import { ValidationError } from '@vigil/kernel';
import { VpdqFeature } from './vpdq-feature';

/*
 * vPDQ matching as Meta defines it. The defaults are python-threatexchange's
 * (threatexchange/extensions/vpdq/vpdq_util.py: VPDQ_QUALITY_THRESHOLD = 50,
 * VPDQ_DISTANCE_THRESHOLD = 31, VPDQ_QUERY_MATCH_THRESHOLD_PERCENT = 80.0,
 * VPDQ_INDEX_MATCH_THRESHOLD_PERCENT = 0.0), and the algorithm is its brute-force matcher
 * (vpdq_brute_matcher.py `match_VPDQ_hash_brute`, which Hasher-Matcher-Actioner uses):
 *   1. each side is deduplicated (frames with the very same hash count once) and frames with
 *      quality under the threshold are dropped;
 *   2. the query match % is the share of the query's remaining frames that have some frame of
 *      the other video within Hamming distance ≤ 31, and the compared match % likewise the other
 *      way round;
 *   3. it is a match when query % ≥ 80 and compared % ≥ 0.
 * The C++ matcher (vpdq/cpp matchTwoHash.cpp) differs in two details we do not follow: it counts
 * `distance < tolerance` and does not deduplicate.
 *
 * With these defaults a short query matches a long video that contains it (the query's frames are
 * all found), but a long query does not match a short clip inside it (only a small share of the
 * query's frames are found). To find a known clip inside a longer upload, make the upload the
 * compared side, or swap the thresholds.
 */
export const VPDQ_DEFAULT_QUALITY_THRESHOLD = 50;
export const VPDQ_DEFAULT_DISTANCE_THRESHOLD = 31;
export const VPDQ_DEFAULT_QUERY_MATCH_PERCENT = 80;
export const VPDQ_DEFAULT_COMPARED_MATCH_PERCENT = 0;

export interface VpdqMatchOptions {
  /** Frames with a lower PDQ quality are ignored on both sides. */
  readonly qualityThreshold?: number;
  /** Largest Hamming distance (inclusive) at which two frames match. */
  readonly distanceThreshold?: number;
  /** Smallest query match % (inclusive) for a match. */
  readonly queryMatchPercent?: number;
  /** Smallest compared match % (inclusive) for a match. */
  readonly comparedMatchPercent?: number;
}

export interface VpdqMatchResult {
  /** Share (0..100) of the query's usable frames found in the compared video. */
  readonly queryMatchPercent: number;
  /** Share (0..100) of the compared video's usable frames found in the query. */
  readonly comparedMatchPercent: number;
  /** Frames left on each side after deduplication and the quality filter. */
  readonly queryFrames: number;
  readonly comparedFrames: number;
  readonly isMatch: boolean;
  /** Why it is or is not a match, in words a reviewer can read. */
  readonly reason: string;
}

/** Match options with a value out of range; the message names the option. */
export class InvalidVpdqMatchOptions extends ValidationError {}

interface ResolvedOptions {
  readonly qualityThreshold: number;
  readonly distanceThreshold: number;
  readonly queryMatchPercent: number;
  readonly comparedMatchPercent: number;
}

function resolveOptions(options: VpdqMatchOptions): ResolvedOptions {
  const resolved: ResolvedOptions = {
    qualityThreshold: options.qualityThreshold ?? VPDQ_DEFAULT_QUALITY_THRESHOLD,
    distanceThreshold: options.distanceThreshold ?? VPDQ_DEFAULT_DISTANCE_THRESHOLD,
    queryMatchPercent: options.queryMatchPercent ?? VPDQ_DEFAULT_QUERY_MATCH_PERCENT,
    comparedMatchPercent: options.comparedMatchPercent ?? VPDQ_DEFAULT_COMPARED_MATCH_PERCENT,
  };
  const ranges: Record<keyof ResolvedOptions, readonly [number, number]> = {
    qualityThreshold: [0, 100],
    distanceThreshold: [0, 256],
    queryMatchPercent: [0, 100],
    comparedMatchPercent: [0, 100],
  };
  for (const [name, [min, max]] of Object.entries(ranges) as Array<[keyof ResolvedOptions, readonly [number, number]]>) {
    const value = resolved[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      throw new InvalidVpdqMatchOptions(`${name} must be a number from ${min} to ${max}, got ${String(value)}`, name);
    }
  }
  return resolved;
}

/** Keeps the first frame of each distinct PDQ hash, in order (python-threatexchange `dedupe`). */
export function dedupeVpdqFeatures(features: readonly VpdqFeature[]): VpdqFeature[] {
  const seen = new Set<string>();
  const unique: VpdqFeature[] = [];
  for (const feature of features) {
    const key = feature.pdq.toHex();
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(feature);
  }
  return unique;
}

/** Frames of at least this quality. */
export function filterVpdqByQuality(features: readonly VpdqFeature[], qualityThreshold: number): VpdqFeature[] {
  return features.filter((feature) => feature.quality >= qualityThreshold);
}

/** How many of `from` have some frame of `to` within the distance (brute force, early exit). */
function countFoundIn(from: readonly VpdqFeature[], to: readonly VpdqFeature[], distanceThreshold: number): number {
  let found = 0;
  for (const a of from) {
    if (to.some((b) => a.pdq.hammingDistance(b.pdq) <= distanceThreshold)) found++;
  }
  return found;
}

const percent = (value: number): string => `${Number(value.toFixed(1))}%`;

/**
 * Compares a query video with another by their vPDQ features. A side left with no frame after
 * deduplication and the quality filter gives 0 % both ways and no match (the reference would
 * divide by zero).
 */
export function matchVpdq(query: readonly VpdqFeature[], compared: readonly VpdqFeature[], options: VpdqMatchOptions = {}): VpdqMatchResult {
  const o = resolveOptions(options);
  const queryUsable = filterVpdqByQuality(dedupeVpdqFeatures(query), o.qualityThreshold);
  const comparedUsable = filterVpdqByQuality(dedupeVpdqFeatures(compared), o.qualityThreshold);
  const counts = { queryFrames: queryUsable.length, comparedFrames: comparedUsable.length };
  if (queryUsable.length === 0 || comparedUsable.length === 0) {
    const side = queryUsable.length === 0 ? 'the query' : 'the compared video';
    return {
      queryMatchPercent: 0,
      comparedMatchPercent: 0,
      ...counts,
      isMatch: false,
      reason: `no match: ${side} has no distinct frame of quality ≥ ${o.qualityThreshold}`,
    };
  }
  const queryMatchPercent = (countFoundIn(queryUsable, comparedUsable, o.distanceThreshold) * 100) / queryUsable.length;
  const comparedMatchPercent = (countFoundIn(comparedUsable, queryUsable, o.distanceThreshold) * 100) / comparedUsable.length;
  const queryOk = queryMatchPercent >= o.queryMatchPercent;
  const comparedOk = comparedMatchPercent >= o.comparedMatchPercent;
  const isMatch = queryOk && comparedOk;
  const shares =
    `${percent(queryMatchPercent)} of the query's ${queryUsable.length} frames (needs ${o.queryMatchPercent}%) and ` +
    `${percent(comparedMatchPercent)} of the compared video's ${comparedUsable.length} frames (needs ${o.comparedMatchPercent}%) ` +
    `matched within PDQ distance ${o.distanceThreshold}`;
  return { queryMatchPercent, comparedMatchPercent, ...counts, isMatch, reason: `${isMatch ? 'vPDQ match' : 'no match'}: ${shares}` };
}
