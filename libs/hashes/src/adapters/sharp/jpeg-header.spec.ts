import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import sharp, { type JpegOptions } from 'sharp';
import { readJpegFrameHeader } from './jpeg-header';
import { SharpImageDecoder } from './sharp-image-decoder';

function gradient(width: number, height: number, channels: 1 | 3 | 4): Buffer {
  const data = Buffer.alloc(width * height * channels);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37 + Math.floor(i / 97)) % 256;
  return data;
}

async function jpeg(width: number, height: number, channels: 1 | 3, options: JpegOptions = {}): Promise<Buffer> {
  return sharp(gradient(width, height, channels), { raw: { width, height, channels } })
    .toColourspace(channels === 1 ? 'b-w' : 'srgb')
    .withExif({ IFD0: { Copyright: 'synthetic test image' } })
    .jpeg({ quality: 80, ...options })
    .toBuffer();
}

describe('readJpegFrameHeader', () => {
  it.each([
    ['baseline colour', 3, {}],
    ['progressive colour', 3, { progressive: true }],
    ['grey', 1, {}],
  ] as const)('reads size, precision and components of a %s JPEG (after its APPn segments)', async (_case, channels, options) => {
    const header = readJpegFrameHeader(await jpeg(123, 45, channels, options));
    expect(header).toEqual({ width: 123, height: 45, precision: 8, components: channels });
  });

  it('reads the four components of a CMYK JPEG', async () => {
    const cmyk = await sharp(gradient(20, 10, 3), { raw: { width: 20, height: 10, channels: 3 } })
      .toColourspace('cmyk')
      .jpeg()
      .toBuffer();
    expect(readJpegFrameHeader(cmyk)).toMatchObject({ width: 20, height: 10, components: 4 });
  });

  it.each([
    ['not a JPEG', Buffer.from('\x89PNG\r\n\x1a\n0000', 'latin1')],
    ['a bare SOI', Buffer.from([0xff, 0xd8])],
    ['a JPEG cut before its frame header', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46])],
    ['scan data before any frame header', Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 0, 0, 0, 0, 0, 0])],
    ['a frame header with height 0 (given later by DNL)', Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x0b, 8, 0, 0, 0, 16, 1, 1, 0x11, 0])],
    ['garbage where a marker should be', Buffer.from([0xff, 0xd8, 0x12, 0x34, 0x00, 0x10])],
  ])('returns null for %s', (_case, bytes) => {
    expect(readJpegFrameHeader(bytes)).toBeNull();
  });
});

describe('SharpImageDecoder on JPEGs whose header it reads itself', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vigil-jpeg-header-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // A path input always goes through libvips' header pass, so it is the control.
  it.each([
    ['colour', 3],
    ['grey', 1],
  ] as const)('gives the same pixels as the libvips header path for a %s JPEG', async (name, channels) => {
    const bytes = await jpeg(97, 61, channels);
    const file = path.join(dir, `${name}.jpg`);
    await writeFile(file, bytes);
    const decoder = new SharpImageDecoder();
    const fast = await decoder.decode(bytes);
    const control = await decoder.decode(file);
    expect(fast).toMatchObject({ width: 97, height: 61, channels, format: 'jpeg' });
    expect(fast.channels).toBe(control.channels);
    expect(fast.format).toBe(control.format);
    expect(Buffer.from(fast.data).equals(Buffer.from(control.data))).toBe(true);
  });

  it('checks the pixel limit against the JPEG header before decoding', async () => {
    const decoder = new SharpImageDecoder({ maxPixels: 1000 });
    await expect(decoder.decode(await jpeg(50, 40, 3))).rejects.toThrow(/image is 50×40 = 2000 pixels, over the limit of 1000 pixels/);
  });

  it('rejects a JPEG whose scan data is missing', async () => {
    const bytes = await jpeg(64, 64, 3);
    const sos = bytes.indexOf(Buffer.from([0xff, 0xda]));
    await expect(new SharpImageDecoder().decode(bytes.subarray(0, sos))).rejects.toThrow(/unsupported or corrupt image/);
  });
});
