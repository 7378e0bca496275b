import { EntryId, compareEntryIds } from './entry-id';
import { InvalidThresholdError } from './match-index-errors';
import { PdqHashInput } from './pdq-words';

/** The usual PDQ match threshold (Meta's recommendation for "same image"). */
export const DEFAULT_PDQ_MATCH_THRESHOLD = 31;
export const MAX_PDQ_DISTANCE = 256;

export interface PdqMatch {
  readonly id: EntryId;
  readonly distance: number;
}

/**
 * An in-memory set of (entry id, PDQ hash) pairs answering "which entries are within Hamming
 * distance d of this hash". Ids are unique: adding an id that is present replaces its hash.
 */
export interface PdqIndex {
  /** Live entries. */
  readonly size: number;
  has(id: EntryId): boolean;
  add(id: EntryId, hash: PdqHashInput): void;
  /** Returns whether the id was present. */
  remove(id: EntryId): boolean;
  /**
   * Adds many entries at once; `hashes` is either one Uint32Array of 8 words per id (fastest) or
   * one hash per id. Later duplicates of an id win, as with repeated `add`.
   */
  bulkLoad(ids: ReadonlyArray<EntryId>, hashes: Uint32Array | ReadonlyArray<PdqHashInput>): void;
  /** All live entries within `maxDistance` (default 31), sorted by distance, then id. */
  query(hash: PdqHashInput, maxDistance?: number): PdqMatch[];
  memoryEstimateBytes(): number;
  serialize(): Uint8Array;
}

export function assertThreshold(maxDistance: unknown): asserts maxDistance is number {
  if (typeof maxDistance !== 'number' || !Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > MAX_PDQ_DISTANCE) {
    throw new InvalidThresholdError(
      `the Hamming-distance threshold must be an integer from 0 to ${MAX_PDQ_DISTANCE}, got ${String(maxDistance)}`,
    );
  }
}

export function compareMatches(a: PdqMatch, b: PdqMatch): number {
  return a.distance - b.distance || compareEntryIds(a.id, b.id);
}
