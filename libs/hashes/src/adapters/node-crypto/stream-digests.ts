import { createHash, Hash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { FileDigests } from '../../domain/digests/file-digests';
import { ContentDigester } from '../../ports/content-digester';

interface DigestSet {
  readonly md5: Hash;
  readonly sha1: Hash;
  readonly sha256: Hash;
}

function newDigestSet(): DigestSet {
  return { md5: createHash('md5'), sha1: createHash('sha1'), sha256: createHash('sha256') };
}

function finish(set: DigestSet, bytes: number): FileDigests {
  return { md5: set.md5.digest('hex'), sha1: set.sha1.digest('hex'), sha256: set.sha256.digest('hex'), bytes };
}

/**
 * MD5, SHA-1 and SHA-256 of a stream in a single pass: each chunk feeds all three hashes and is
 * then dropped, so memory stays at one chunk whatever the stream's size.
 */
export async function digestStream(stream: Readable): Promise<FileDigests> {
  const set = newDigestSet();
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    // A stream in object/string mode would hash the text's UTF-8; byte streams give Buffers.
    const data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    set.md5.update(data);
    set.sha1.update(data);
    set.sha256.update(data);
    bytes += data.length;
  }
  return finish(set, bytes);
}

export function digestBuffer(buffer: Uint8Array): FileDigests {
  const set = newDigestSet();
  set.md5.update(buffer);
  set.sha1.update(buffer);
  set.sha256.update(buffer);
  return finish(set, buffer.length);
}

export const nodeContentDigester: ContentDigester = { digestStream, digestBuffer };
