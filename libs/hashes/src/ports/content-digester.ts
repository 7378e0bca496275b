import type { Readable } from 'node:stream';
import { FileDigests } from '../domain/digests/file-digests';

/** Computes MD5, SHA-1 and SHA-256 of content in one pass. */
export interface ContentDigester {
  digestStream(stream: Readable): Promise<FileDigests>;
  digestBuffer(buffer: Uint8Array): FileDigests;
}

export const CONTENT_DIGESTER = Symbol('CONTENT_DIGESTER');
