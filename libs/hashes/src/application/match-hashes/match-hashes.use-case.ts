import { ValidationError } from '@vigil/kernel';
import type { HashType } from '../../domain/banks/hash-bank';
import { decideMatch, type CandidateMatch } from '../../domain/banks/match-decision';
import type { FileDigests } from '../../domain/digests/file-digests';
import type { VpdqFeature } from '../../domain/vpdq/vpdq-feature';
import { KnownMediaLookup, MIN_PDQ_QUALITY, type MediaHashes, type MediaLookup } from './known-media-lookup';
import { decodeHashQuery, type HashQuery } from './hash-query';

/** The answer for one hash (or one file): matched or not, and why. */
export interface HashMatchResult {
  /** The hash as looked up: lowercase hex. */
  hash: string;
  type: HashType;
  matched: boolean;
  matchKind?: 'exact' | 'near';
  /** 0 for exact digests, the Hamming distance for PDQ. */
  distance?: number;
  classification?: string;
  bank?: { id: string; name: string; source: string; owner: string; terms: string };
  entryId?: string;
  series?: string;
  /** Which rule decided: the entry and bank that matched, the one that suppressed, or why nothing did. */
  reason: string;
  /** Every positive entry that would match on its own (HMA's lookup lists their banks). */
  matchingEntries: Array<{ entryId: string; bankId: string; bankName: string; classification: string; distance: number }>;
}

/** A file's hashes, as HashFileUseCase computed them. */
export interface FileHashes extends FileDigests {
  pdq?: string;
  quality?: number;
}

/** Per-hash answers, plus for a file one verdict over all its hashes together (what a report would get). */
export interface FileMatchResult {
  verdict: Omit<HashMatchResult, 'hash' | 'type'>;
  results: HashMatchResult[];
}

/** A video's whole-file digests and its vPDQ features (one PDQ per sampled second). */
export interface VideoHashes extends FileDigests {
  frames: readonly VpdqFeature[];
}

/** One sampled frame that matched a bank entry. */
export interface FrameMatch {
  frameNumber: number;
  timestampSeconds: number;
  distance: number;
  entryId: string;
  bankName: string;
  classification: string;
}

/** A video's answer: the file's digests, then its frames against the PDQ entries of the banks. */
export interface VideoMatchResult {
  verdict: Omit<HashMatchResult, 'hash' | 'type' | 'matchingEntries'>;
  results: HashMatchResult[];
  frames: {
    sampled: number;
    /** Frames whose PDQ quality is below MIN_PDQ_QUALITY are not matched on (blank or flat frames). */
    usable: number;
    matched: number;
    /** matched / usable, in percent (vPDQ's query match percentage against the banks' frames). */
    matchedPercent: number;
    /** The first matched frames, in time order (at most MAX_FRAME_MATCHES_LISTED). */
    matches: FrameMatch[];
  };
}

export const MAX_FRAME_MATCHES_LISTED = 100;

export const MAX_HASHES_PER_REQUEST = 1000;

/**
 * The industry match API's use case: hashes in (hex or base64), an answer per hash out, using
 * the same lookup and decision rules as report matching. Nothing is stored.
 */
export class MatchHashesUseCase {
  constructor(private readonly lookup: KnownMediaLookup) {}

  /** Validates every query first (a bad one fails the request, naming `hashes[i]`), then matches them in one batch. */
  async execute(queries: readonly HashQuery[]): Promise<HashMatchResult[]> {
    if (queries.length === 0 || queries.length > MAX_HASHES_PER_REQUEST) {
      throw new ValidationError(`hashes: send from 1 to ${MAX_HASHES_PER_REQUEST} hashes per request`, 'hashes');
    }
    const decoded = queries.map((query, index) => ({ type: query.type, quality: query.quality, hash: decodeHashQuery(query.type, query.value, `hashes[${index}]`) }));
    const lookups = await this.lookup.lookupMany(decoded.map((query) => mediaOf(query.type, query.hash, query.quality)));
    return decoded.map((query, index) => ({ hash: query.hash, type: query.type, ...describe(lookups[index], nothingFor(query.type)) }));
  }

  /** Matches an uploaded file: each of its hashes on its own, and all of them together. */
  async matchFile(file: FileHashes): Promise<FileMatchResult> {
    const hashes: Array<{ type: HashType; hash: string; quality?: number }> = [
      { type: 'sha256', hash: file.sha256 },
      { type: 'sha1', hash: file.sha1 },
      { type: 'md5', hash: file.md5 },
      ...(file.pdq ? [{ type: 'pdq' as const, hash: file.pdq, quality: file.quality }] : []),
    ];
    const whole: MediaHashes = {
      digests: hashes.flatMap((hash) => (hash.type === 'pdq' ? [] : [{ type: hash.type, value: hash.hash }])),
      pdq: file.pdq ? { value: file.pdq, quality: file.quality } : undefined,
    };
    const [verdict, ...each] = await this.lookup.lookupMany([whole, ...hashes.map((hash) => mediaOf(hash.type, hash.hash, hash.quality))]);
    return {
      verdict: describe(verdict, 'no bank entry matches this file’s digests or PDQ'),
      results: hashes.map((hash, index) => ({ hash: hash.hash, type: hash.type, ...describe(each[index], nothingFor(hash.type)) })),
    };
  }

  /**
   * Matches a video: its exact digests as a file, and each sampled frame's PDQ against the PDQ
   * entries of the banks (known images and known frames), with the same rules as an image. The
   * video matches when its file does, or when any usable frame does; the answer says which frames
   * and how many. (Video-to-video vPDQ entries in banks are not kept yet: frames are matched one
   * by one.)
   */
  async matchVideo(video: VideoHashes): Promise<VideoMatchResult> {
    const digests: Array<{ type: Exclude<HashType, 'pdq'>; hash: string }> = [
      { type: 'sha256', hash: video.sha256 },
      { type: 'sha1', hash: video.sha1 },
      { type: 'md5', hash: video.md5 },
    ];
    const usable = video.frames.filter((frame) => frame.quality >= MIN_PDQ_QUALITY);
    // Still scenes repeat one hash for many seconds: each distinct hash is looked up once.
    const distinct = [...new Set(usable.map((frame) => frame.pdq.toHex()))];
    const lookups = await this.lookup.lookupMany([
      { digests: digests.map((digest) => ({ type: digest.type, value: digest.hash })) },
      ...digests.map((digest) => mediaOf(digest.type, digest.hash)),
      ...distinct.map((hex) => mediaOf('pdq', hex, MIN_PDQ_QUALITY)),
    ]);
    const [whole, ...rest] = lookups;
    const byHash = new Map(distinct.map((hex, index) => [hex, rest[digests.length + index]]));
    const frameMatches: FrameMatch[] = [];
    let best: { frame: VpdqFeature; lookup: MediaLookup } | undefined;
    for (const frame of usable) {
      const lookup = byHash.get(frame.pdq.toHex()) as MediaLookup;
      const hit = lookup.decision.matched ? lookup.decision.best : undefined;
      if (!hit) continue;
      frameMatches.push({ frameNumber: frame.frameNumber, timestampSeconds: frame.timestampSeconds, distance: hit.distance, entryId: hit.entry.id, bankName: hit.bank.name, classification: hit.entry.classification });
      if (!best || hit.distance < (best.lookup.decision.best?.distance ?? Infinity)) best = { frame, lookup };
    }
    const matchedPercent = usable.length === 0 ? 0 : Math.round((frameMatches.length / usable.length) * 10000) / 100;
    const results = digests.map((digest, index) => ({ hash: digest.hash, type: digest.type, ...describe(rest[index], nothingFor(digest.type)) }));
    const { matchingEntries: _whole, ...fileVerdict } = describe(whole, 'no bank entry matches this file’s digests');
    let verdict: VideoMatchResult['verdict'] = fileVerdict;
    if (!fileVerdict.matched && best) {
      const { matchingEntries: _frame, ...frameVerdict } = describe(best.lookup, '');
      const share = `${frameMatches.length} of ${usable.length} usable sampled frames (${matchedPercent}%) match known entries`;
      verdict = { ...frameVerdict, reason: `${share}; closest at ${best.frame.timestampSeconds.toFixed(1)} s: ${frameVerdict.reason}` };
    } else if (!fileVerdict.matched) {
      verdict = { ...fileVerdict, reason: usable.length === 0 ? `${fileVerdict.reason}; no sampled frame has PDQ quality ${MIN_PDQ_QUALITY} or more` : `${fileVerdict.reason}, nor does any of its ${usable.length} usable sampled frames` };
    }
    return {
      verdict,
      results,
      frames: { sampled: video.frames.length, usable: usable.length, matched: frameMatches.length, matchedPercent, matches: frameMatches.slice(0, MAX_FRAME_MATCHES_LISTED) },
    };
  }
}

function mediaOf(type: HashType, hash: string, quality?: number): MediaHashes {
  return type === 'pdq' ? { digests: [], pdq: { value: hash, quality } } : { digests: [{ type, value: hash }] };
}

function describe(lookup: MediaLookup, nothingFound: string): Omit<HashMatchResult, 'hash' | 'type'> {
  const { decision, candidates } = lookup;
  if (decision.matched && decision.best) {
    const { bank, entry, distance, kind, reason } = decision.best;
    return {
      matched: true,
      matchKind: kind,
      distance,
      classification: entry.classification,
      bank: { id: bank.id, name: bank.name, source: bank.source, owner: bank.owner, terms: bank.terms },
      entryId: entry.id,
      series: entry.series,
      reason,
      // The decision rules applied to each candidate alone, so the list never disagrees with them.
      matchingEntries: candidates.filter((candidate) => decideMatch([candidate]).matched).map(matchingEntry),
    };
  }
  return { matched: false, reason: noMatchReason(lookup, nothingFound), matchingEntries: [] };
}

function matchingEntry(candidate: CandidateMatch): HashMatchResult['matchingEntries'][number] {
  return { entryId: candidate.entry.id, bankId: candidate.bank.id, bankName: candidate.bank.name, classification: candidate.entry.classification, distance: candidate.distance };
}

function noMatchReason(lookup: MediaLookup, nothingFound: string): string {
  const suppressor = lookup.decision.suppressedBy;
  if (suppressor) {
    return `suppressed: ${suppressor.entry.hashType} ${suppressor.entry.hashType === 'pdq' ? `within ${suppressor.distance} bits of` : 'equal to'} entry ${suppressor.entry.id} of negative bank "${suppressor.bank.name}" (a known false positive)`;
  }
  if (lookup.lowQualityPdq && lookup.candidates.length === 0) return `PDQ quality below ${MIN_PDQ_QUALITY}: not matched on, as PDQ specifies`;
  if (lookup.candidates.length > 0) return 'entries were found but none counts: disabled, or beyond their bank’s PDQ threshold';
  return nothingFound;
}

function nothingFor(type: HashType): string {
  return type === 'pdq' ? 'no PDQ entry within its bank’s threshold' : `no bank entry has this ${type}`;
}
