import { InvalidEntryIdError } from './match-index-errors';

/**
 * The id of a hash-list entry as the application knows it: a database integer key or an opaque
 * string (e.g. a UUID). The number 1 and the string "1" are different ids.
 */
export type EntryId = number | string;

export function assertEntryId(id: unknown, context = 'entry id'): asserts id is EntryId {
  if (typeof id === 'number') {
    // Non-integers and unsafe integers would make equality and hashing ambiguous (1e17 + 1 === 1e17).
    if (!Number.isSafeInteger(id)) throw new InvalidEntryIdError(`${context} must be a safe integer, got ${id}`);
    return;
  }
  if (typeof id === 'string') {
    if (id.length === 0) throw new InvalidEntryIdError(`${context} must not be an empty string`);
    return;
  }
  throw new InvalidEntryIdError(`${context} must be a number or a string, got ${id === null ? 'null' : typeof id}`);
}

/** Total order used to make results deterministic: numbers (ascending) before strings (code-unit order). */
export function compareEntryIds(a: EntryId, b: EntryId): number {
  if (typeof a === 'number') {
    if (typeof b === 'number') return a - b;
    return -1;
  }
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

// Module-level alias: under Jest (vm contexts) every global lookup such as `Math.imul` goes
// through the sandbox's global object and costs ~20x more in hot loops.
const imul = Math.imul;
const floor = Math.floor;

/** Murmur3's finaliser: spreads sequential integer ids over the whole table. */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of an id, consistent with `===` on valid ids. */
export function hashEntryId(id: EntryId): number {
  if (typeof id === 'number') {
    const low = id >>> 0;
    const high = floor(id / 4294967296) | 0;
    return mix32(low ^ imul(high, 0x9e3779b1));
  }
  // FNV-1a over UTF-16 code units.
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = imul(h ^ id.charCodeAt(i), 0x01000193);
  return finishStringHash(h);
}

/** The last step of a string id's hash, for callers that run the FNV loop themselves. */
export function finishStringHash(fnv: number): number {
  return mix32(fnv ^ 0x5bd1e995);
}
