import type { Readable } from 'node:stream';

/**
 * A file opened for hashing: small enough files come whole (one read serves both the digests
 * and the image decoder); bigger ones come as a stream so digests never buffer them.
 */
export type OpenedFile =
  | { readonly kind: 'buffered'; readonly content: Buffer }
  | { readonly kind: 'streamed'; readonly bytes: number; readonly stream: Readable };

export interface FileSource {
  /** Rejects (with the platform's error) when the file cannot be opened or read. */
  open(path: string, maxBufferedBytes: number): Promise<OpenedFile>;
}

export const FILE_SOURCE = Symbol('FILE_SOURCE');
