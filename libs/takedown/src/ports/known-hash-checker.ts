/** Hashes of a file seen at a URL (by a crawler or a partner). */
export interface ObservedHashes {
  sha256?: string;
  md5?: string;
  pdq?: string;
  /** PDQ quality (0–100) when the observer knows it; below 50 the PDQ hash is not matched on. */
  pdqQuality?: number;
}

export interface KnownHashHit {
  bankId: string;
  bankName: string;
  entryId: string;
  classification: string;
  /** The match rule, in words (from the hash banks' match decision). */
  reason: string;
}

/** Asks the hash banks whether a file is known material (implemented over @vigil/hashes in the app). */
export interface KnownHashChecker {
  lookup(hashes: ObservedHashes): Promise<KnownHashHit | undefined>;
}

export const KNOWN_HASH_CHECKER = Symbol('KnownHashChecker');
