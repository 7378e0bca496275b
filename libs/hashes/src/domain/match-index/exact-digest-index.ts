import { EntryId, assertEntryId, compareEntryIds } from './entry-id';
import { InvalidDigestError, SnapshotFormatError } from './match-index-errors';
import { SnapshotReader, SnapshotWriter } from './snapshot-sections';

export type DigestAlgorithm = 'md5' | 'sha1' | 'sha256';

export const DIGEST_ALGORITHMS: readonly DigestAlgorithm[] = ['md5', 'sha1', 'sha256'];

/** Digest sizes in bytes; also what tells digests of different algorithms apart (see below). */
export const DIGEST_BYTES: Readonly<Record<DigestAlgorithm, number>> = { md5: 16, sha1: 20, sha256: 32 };

const ALGORITHM_BY_HEX_LENGTH = new Map<number, DigestAlgorithm>(
  DIGEST_ALGORITHMS.map((algorithm) => [DIGEST_BYTES[algorithm] * 2, algorithm]),
);

export interface DigestRef {
  readonly algorithm: DigestAlgorithm;
  /** Lowercase hex. */
  readonly digest: string;
}

const SNAPSHOT_MAGIC = 'VIGILDIG';
const SNAPSHOT_VERSION = 1;

/** "an md5", "a sha1": the messages are read by people fixing import files. */
function article(algorithm: DigestAlgorithm): string {
  return algorithm === 'md5' ? 'an' : 'a';
}

function isAlgorithm(value: unknown): value is DigestAlgorithm {
  return value === 'md5' || value === 'sha1' || value === 'sha256';
}

/**
 * The canonical (lowercase hex) form of a digest given as hex in either case or as raw bytes.
 * Errors say which algorithm, which length and which character.
 */
export function normalizeDigest(algorithm: DigestAlgorithm, digest: string | Uint8Array): string {
  if (!isAlgorithm(algorithm)) {
    throw new InvalidDigestError(`unknown digest algorithm ${JSON.stringify(algorithm)} (expected md5, sha1 or sha256)`);
  }
  const bytes = DIGEST_BYTES[algorithm];
  if (digest instanceof Uint8Array) {
    if (digest.length !== bytes) throw new InvalidDigestError(`${article(algorithm)} ${algorithm} digest has ${bytes} bytes, got ${digest.length}`);
    let hex = '';
    for (let i = 0; i < digest.length; i++) hex += (digest[i] < 16 ? '0' : '') + digest[i].toString(16);
    return hex;
  }
  if (typeof digest !== 'string') {
    throw new InvalidDigestError(`${article(algorithm)} ${algorithm} digest must be a hex string or bytes, got ${digest === null ? 'null' : typeof digest}`);
  }
  if (digest.length !== bytes * 2) {
    throw new InvalidDigestError(`${article(algorithm)} ${algorithm} digest has ${bytes * 2} hex characters, got ${digest.length}`);
  }
  for (let i = 0; i < digest.length; i++) {
    const c = digest.charCodeAt(i);
    const isHex = (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
    if (!isHex) {
      throw new InvalidDigestError(
        `invalid hex character ${JSON.stringify(digest[i])} at position ${i} of ${article(algorithm)} ${algorithm} digest (expected 0-9, a-f or A-F)`,
      );
    }
  }
  return digest.toLowerCase();
}

/**
 * Exact-match lookup from (algorithm, digest) to the hash-list entries that carry it.
 *
 * One map keyed by the lowercase hex serves all three algorithms: their digests have different
 * lengths (32, 40, 64 hex characters), so keys cannot collide, and the algorithm is recovered
 * from the length. Most digests belong to one entry, so a single id is stored bare and only
 * shared digests pay for an array. The reverse map makes `removeEntry` (an entry disabled or
 * deleted upstream) proportional to that entry's digests rather than to the index.
 */
export class ExactDigestIndex {
  private readonly idsByDigest = new Map<string, EntryId | EntryId[]>();
  private readonly digestsById = new Map<EntryId, string | string[]>();
  private pairs = 0;

  static deserialize(bytes: Uint8Array): ExactDigestIndex {
    const reader = new SnapshotReader(bytes, SNAPSHOT_MAGIC, SNAPSHOT_VERSION, true);
    const algorithms = reader.uint8Array('digest algorithms');
    const digestBytes = reader.uint8Array('digests');
    const ids = reader.entryIds('entry ids');
    reader.end();
    if (ids.length !== algorithms.length) throw new SnapshotFormatError('snapshot has a different number of ids and digests');
    const index = new ExactDigestIndex();
    let offset = 0;
    for (let i = 0; i < algorithms.length; i++) {
      const algorithm = DIGEST_ALGORITHMS[algorithms[i]];
      if (algorithm === undefined) throw new SnapshotFormatError(`unknown digest algorithm code ${algorithms[i]}`);
      const size = DIGEST_BYTES[algorithm];
      if (offset + size > digestBytes.length) throw new SnapshotFormatError('snapshot digests are truncated');
      index.add(algorithm, digestBytes.subarray(offset, offset + size), ids[i]);
      offset += size;
    }
    if (offset !== digestBytes.length) throw new SnapshotFormatError('snapshot has unused digest bytes');
    return index;
  }

  /** Distinct digests indexed. */
  get size(): number {
    return this.idsByDigest.size;
  }

  /** Distinct entries with at least one digest. */
  get entryCount(): number {
    return this.digestsById.size;
  }

  /** (digest, entry) associations. */
  get pairCount(): number {
    return this.pairs;
  }

  /** Associates a digest with an entry; returns false if it already was. */
  add(algorithm: DigestAlgorithm, digest: string | Uint8Array, id: EntryId): boolean {
    const key = normalizeDigest(algorithm, digest);
    assertEntryId(id);
    if (!addTo(this.idsByDigest, key, id)) return false;
    addTo(this.digestsById, id, key);
    this.pairs++;
    return true;
  }

  /** Removes one association; returns whether it existed. */
  remove(algorithm: DigestAlgorithm, digest: string | Uint8Array, id: EntryId): boolean {
    const key = normalizeDigest(algorithm, digest);
    if (!removeFrom(this.idsByDigest, key, id)) return false;
    removeFrom(this.digestsById, id, key);
    this.pairs--;
    return true;
  }

  /** Removes every digest of an entry (the entry was disabled); returns how many. */
  removeEntry(id: EntryId): number {
    const keys = this.digestsById.get(id);
    if (keys === undefined) return 0;
    const list = Array.isArray(keys) ? keys : [keys];
    for (const key of list) removeFrom(this.idsByDigest, key, id);
    this.digestsById.delete(id);
    this.pairs -= list.length;
    return list.length;
  }

  /** Entries carrying this digest, sorted (numbers before strings). */
  lookup(algorithm: DigestAlgorithm, digest: string | Uint8Array): EntryId[] {
    const found = this.idsByDigest.get(normalizeDigest(algorithm, digest));
    if (found === undefined) return [];
    return Array.isArray(found) ? [...found].sort(compareEntryIds) : [found];
  }

  has(algorithm: DigestAlgorithm, digest: string | Uint8Array): boolean {
    return this.idsByDigest.has(normalizeDigest(algorithm, digest));
  }

  digestsOf(id: EntryId): DigestRef[] {
    const keys = this.digestsById.get(id);
    if (keys === undefined) return [];
    return (Array.isArray(keys) ? keys : [keys]).map((digest) => ({
      algorithm: ALGORITHM_BY_HEX_LENGTH.get(digest.length) as DigestAlgorithm,
      digest,
    }));
  }

  serialize(): Uint8Array {
    const algorithms = new Uint8Array(this.pairs);
    const ids: EntryId[] = [];
    let totalBytes = 0;
    for (const key of this.idsByDigest.keys()) {
      const found = this.idsByDigest.get(key) as EntryId | EntryId[];
      totalBytes += (key.length / 2) * (Array.isArray(found) ? found.length : 1);
    }
    const digests = new Uint8Array(totalBytes);
    let offset = 0;
    for (const [key, found] of this.idsByDigest) {
      const algorithm = ALGORITHM_BY_HEX_LENGTH.get(key.length) as DigestAlgorithm;
      for (const id of Array.isArray(found) ? found : [found]) {
        algorithms[ids.length] = DIGEST_ALGORITHMS.indexOf(algorithm);
        for (let i = 0; i < key.length; i += 2) digests[offset++] = parseInt(key.slice(i, i + 2), 16);
        ids.push(id);
      }
    }
    const writer = new SnapshotWriter(SNAPSHOT_MAGIC, SNAPSHOT_VERSION);
    writer.array(algorithms);
    writer.array(digests);
    writer.entryIds(ids);
    return writer.finish();
  }
}

function addTo<K, V>(map: Map<K, V | V[]>, key: K, value: V): boolean {
  const existing = map.get(key);
  if (existing === undefined) {
    map.set(key, value);
    return true;
  }
  if (Array.isArray(existing)) {
    if (existing.includes(value)) return false;
    existing.push(value);
    return true;
  }
  if (existing === value) return false;
  map.set(key, [existing, value]);
  return true;
}

function removeFrom<K, V>(map: Map<K, V | V[]>, key: K, value: V): boolean {
  const existing = map.get(key);
  if (existing === undefined) return false;
  if (!Array.isArray(existing)) {
    if (existing !== value) return false;
    map.delete(key);
    return true;
  }
  const at = existing.indexOf(value);
  if (at < 0) return false;
  existing.splice(at, 1);
  if (existing.length === 1) map.set(key, existing[0]);
  return true;
}
