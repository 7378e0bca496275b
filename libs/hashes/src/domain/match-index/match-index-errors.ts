/**
 * Typed errors for invalid input to the match indexes. They carry no HTTP or framework knowledge;
 * the application layer decides how to report them. Every message names the concrete problem
 * (which character, which length, which index) because these inputs usually come from bulk
 * imports where "invalid hash" alone is useless for finding the bad row.
 */
export abstract class MatchIndexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A PDQ hash that is not 64 hex characters, 32 bytes or 8 32-bit words. */
export class InvalidPdqHashError extends MatchIndexError {}

/** A cryptographic digest with an unknown algorithm, the wrong length or a non-hex character. */
export class InvalidDigestError extends MatchIndexError {}

/** An entry id that is neither a safe integer nor a non-empty string. */
export class InvalidEntryIdError extends MatchIndexError {}

/** A Hamming-distance threshold outside 0..256 or not an integer. */
export class InvalidThresholdError extends MatchIndexError {}

/** Bulk-load arguments that do not line up (e.g. 10 ids but 9 hashes). */
export class BulkLoadInputError extends MatchIndexError {}

/** A snapshot that is truncated, corrupt, from another format version or another byte order. */
export class SnapshotFormatError extends MatchIndexError {}
