import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { digestBuffer, digestStream } from './stream-digests';

// Published test vectors (RFC 1321, FIPS 180).
const ABC = {
  md5: '900150983cd24fb0d6963f7d28e17f72',
  sha1: 'a9993e364706816aba3e25717850c26c9cd0d89d',
  sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  bytes: 3,
};
const EMPTY = {
  md5: 'd41d8cd98f00b204e9800998ecf8427e',
  sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
  sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  bytes: 0,
};
const QUICK_FOX = {
  md5: '9e107d9d372bb6826bd81d3542a419d6',
  sha1: '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12',
  sha256: 'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592',
  bytes: 43,
};

describe('stream digests', () => {
  it('digests "abc", the empty input and the quick brown fox to the published values', async () => {
    expect(digestBuffer(Buffer.from('abc'))).toEqual(ABC);
    expect(await digestStream(Readable.from([Buffer.from('abc')]))).toEqual(ABC);
    expect(digestBuffer(Buffer.alloc(0))).toEqual(EMPTY);
    expect(await digestStream(Readable.from([]))).toEqual(EMPTY);
    const fox = 'The quick brown fox jumps over the lazy dog';
    expect(digestBuffer(Buffer.from(fox))).toEqual(QUICK_FOX);
  });

  it('gives the same digests however the stream is chunked', async () => {
    const fox = Buffer.from('The quick brown fox jumps over the lazy dog');
    const chunks = Array.from(fox, (byte) => Buffer.from([byte]));
    expect(await digestStream(Readable.from(chunks))).toEqual(QUICK_FOX);
    expect(await digestStream(Readable.from(['The quick brown ', 'fox jumps over the lazy dog']))).toEqual(QUICK_FOX);
  });

  it('digests a multi-megabyte stream chunk by chunk', async () => {
    const chunk = Buffer.alloc(64 * 1024, 7);
    const count = 80; // 5 MiB
    async function* generate(): AsyncGenerator<Buffer> {
      for (let i = 0; i < count; i++) yield chunk;
    }
    const expected = createHash('sha256');
    for (let i = 0; i < count; i++) expected.update(chunk);
    const digests = await digestStream(Readable.from(generate()));
    expect(digests.bytes).toBe(chunk.length * count);
    expect(digests.sha256).toBe(expected.digest('hex'));
  });

  it('rejects when the stream fails', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('disk went away'));
      },
    });
    await expect(digestStream(failing)).rejects.toThrow('disk went away');
  });
});
