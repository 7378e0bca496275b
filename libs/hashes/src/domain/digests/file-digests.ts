/** Exact (cryptographic) digests of a file's bytes, as lowercase hex, plus its length. */
export interface FileDigests {
  readonly md5: string;
  readonly sha1: string;
  readonly sha256: string;
  readonly bytes: number;
}
