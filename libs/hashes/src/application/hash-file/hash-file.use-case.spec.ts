import { Readable } from 'node:stream';
import { computePdq, computePdqDihedral } from '../../domain/pdq/pdq-hasher';
import { FileDigests } from '../../domain/digests/file-digests';
import { ContentDigester } from '../../ports/content-digester';
import { FileSource, OpenedFile } from '../../ports/file-source';
import { DecodedImage, ImageDecoder, ImageTooLarge, UnsupportedImage } from '../../ports/image-decoder';
import { HashFileUseCase } from './hash-file.use-case';

/** In-memory fakes for the ports: the use case is tested without disks, codecs or crypto. */
const IMAGE_BYTES = Buffer.from('fake-image');
const TEXT_BYTES = Buffer.from('plain text');
const HUGE_IMAGE_BYTES = Buffer.from('fake-huge-image');
const BROKEN_DECODER_BYTES = Buffer.from('fake-crash');

function pixels(): DecodedImage {
  const width = 32;
  const height = 24;
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37) % 251;
  return { width, height, channels: 3, data, format: 'png' };
}

const fakeDecoder: ImageDecoder = {
  async decode(input) {
    const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input);
    if (bytes.equals(IMAGE_BYTES)) return pixels();
    if (bytes.equals(HUGE_IMAGE_BYTES)) throw new ImageTooLarge('image is 20000×20000 = 400000000 pixels', 100_000_000, 'pixels');
    if (bytes.equals(BROKEN_DECODER_BYTES)) throw new TypeError('codec exploded');
    throw new UnsupportedImage('not an image');
  },
};

const fakeDigester: ContentDigester = {
  digestBuffer(buffer): FileDigests {
    const tag = Buffer.from(buffer).toString('hex');
    return { md5: `md5:${tag}`, sha1: `sha1:${tag}`, sha256: `sha256:${tag}`, bytes: buffer.length };
  },
  async digestStream(stream: Readable): Promise<FileDigests> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
    return fakeDigester.digestBuffer(Buffer.concat(chunks));
  },
};

function fakeFiles(files: Record<string, Buffer>): FileSource {
  return {
    async open(path, maxBufferedBytes): Promise<OpenedFile> {
      const content = files[path];
      if (content === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
      if (content.length > maxBufferedBytes) return { kind: 'streamed', bytes: content.length, stream: Readable.from([content]) };
      return { kind: 'buffered', content };
    },
  };
}

const files = fakeFiles({
  '/in/image.png': IMAGE_BYTES,
  '/in/notes.txt': TEXT_BYTES,
  '/in/huge.png': HUGE_IMAGE_BYTES,
  '/in/crash.png': BROKEN_DECODER_BYTES,
});
const useCase = new HashFileUseCase(files, fakeDecoder, fakeDigester, { maxImageBytes: 12 });

describe('HashFileUseCase', () => {
  it('returns digests, PDQ and quality for an image', async () => {
    const result = await useCase.execute('/in/image.png');
    const expected = computePdq(pixels());
    expect(result).toEqual({ ...fakeDigester.digestBuffer(IMAGE_BYTES), pdq: expected.hash, quality: expected.quality });
    expect(result.error).toBeUndefined();
  });

  it('adds the dihedral hashes when asked', async () => {
    const result = await useCase.execute('/in/image.png', { dihedral: true });
    const expected = computePdqDihedral(pixels());
    expect(result.dihedral?.rotate90.toHex()).toBe(expected.hashes.rotate90.toHex());
    expect(result.pdq?.toHex()).toBe(expected.hashes.original.toHex());
  });

  it('hashes a buffer as well as a path', async () => {
    const result = await useCase.execute(IMAGE_BYTES);
    expect(result.sha256).toBe(fakeDigester.digestBuffer(IMAGE_BYTES).sha256);
    expect(result.pdq).toBeDefined();
  });

  it('keeps the digests of a non-image and reports it as a value', async () => {
    const result = await useCase.execute('/in/notes.txt');
    expect(result).toEqual({ ...fakeDigester.digestBuffer(TEXT_BYTES), error: { kind: 'not-an-image', message: 'unsupported or corrupt image: not an image' } });
  });

  it('reports an unreadable file without digests', async () => {
    const result = await useCase.execute('/in/missing.png');
    expect(result.md5).toBeUndefined();
    expect(result.error).toEqual({ kind: 'unreadable', message: expect.stringContaining('ENOENT') });
  });

  it('streams files over the size limit through the digests only', async () => {
    const result = await useCase.execute('/in/huge.png');
    expect(result.sha1).toBe(fakeDigester.digestBuffer(HUGE_IMAGE_BYTES).sha1);
    expect(result.pdq).toBeUndefined();
    expect(result.error).toEqual({ kind: 'image-too-large', message: expect.stringContaining('over the limit of 12 bytes') });
  });

  it('reports decoder limits and unexpected failures as values', async () => {
    const roomy = new HashFileUseCase(files, fakeDecoder, fakeDigester, { maxImageBytes: 1000 });
    expect((await roomy.execute('/in/huge.png')).error?.kind).toBe('image-too-large');
    expect(await roomy.execute('/in/crash.png')).toMatchObject({ bytes: BROKEN_DECODER_BYTES.length, error: { kind: 'hash-failed', message: 'codec exploded' } });
  });
});
