import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { ImageTooLarge, UnsupportedImage } from '../../ports/image-decoder';
import { encodePng, pngHeaderOnly } from './png-encoder.test-util';
import { DEFAULT_MAX_IMAGE_PIXELS, SharpImageDecoder } from './sharp-image-decoder';

const decoder = new SharpImageDecoder();

function pattern(width: number, height: number, channels: number, value: (x: number, y: number, c: number) => number): number[] {
  const samples: number[] = [];
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) for (let c = 0; c < channels; c++) samples.push(value(x, y, c));
  return samples;
}

describe('SharpImageDecoder limits', () => {
  it('defaults to 100 megapixels', () => {
    expect(DEFAULT_MAX_IMAGE_PIXELS).toBe(100_000_000);
  });

  it('rejects a PNG whose header claims 100000×100000 pixels before decoding it', async () => {
    const bomb = pngHeaderOnly(100_000, 100_000);
    const attempt = decoder.decode(bomb);
    await expect(attempt).rejects.toBeInstanceOf(ImageTooLarge);
    await expect(decoder.decode(bomb)).rejects.toThrow(/10000000000 pixels, over the limit of 100000000 pixels/);
  });

  it('rejects an image over a configured pixel limit', async () => {
    const png = encodePng(100, 100, 8, 2, pattern(100, 100, 3, (x, y) => (x + y) % 256));
    const small = new SharpImageDecoder({ maxPixels: 1000 });
    await expect(small.decode(png)).rejects.toBeInstanceOf(ImageTooLarge);
    await expect(small.decode(png)).rejects.toThrow(/limit of 1000 pixels/);
    await expect(decoder.decode(png)).resolves.toMatchObject({ width: 100, height: 100 });
  });

  it('rejects input over the byte limit, naming the limit', async () => {
    const png = encodePng(50, 50, 8, 2, pattern(50, 50, 3, () => 1));
    const tiny = new SharpImageDecoder({ maxInputBytes: 20 });
    await expect(tiny.decode(png)).rejects.toBeInstanceOf(ImageTooLarge);
    await expect(tiny.decode(png)).rejects.toThrow(/over the limit of 20 bytes/);
  });

  it.each([
    ['random bytes', randomBytes(4096)],
    ['text', Buffer.from('this is a plain text file, not an image\n')],
    ['an empty buffer', Buffer.alloc(0)],
    ['a truncated PNG signature', encodePng(4, 4, 8, 0, new Array(16).fill(0)).subarray(0, 12)],
    ['an SVG (vector formats are not hashed)', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="32" fill="red"/></svg>')],
  ])('rejects %s with UnsupportedImage', async (_case, input) => {
    await expect(decoder.decode(input)).rejects.toBeInstanceOf(UnsupportedImage);
  });
});

describe('SharpImageDecoder pixels (as the reference ImageMagick decode gives them)', () => {
  it('drops alpha without compositing', async () => {
    // Fully transparent pixels keep their stored colour.
    const png = encodePng(3, 1, 8, 6, [200, 10, 20, 0, 30, 40, 50, 0, 60, 70, 80, 255]);
    const image = await decoder.decode(png);
    expect(image.channels).toBe(3);
    expect(Array.from(image.data)).toEqual([200, 10, 20, 30, 40, 50, 60, 70, 80]);
  });

  it('keeps grey and grey+alpha images as 1 channel', async () => {
    const grey = await decoder.decode(encodePng(2, 2, 8, 0, [0, 85, 170, 255]));
    expect({ channels: grey.channels, data: Array.from(grey.data) }).toEqual({ channels: 1, data: [0, 85, 170, 255] });
    const greyAlpha = await decoder.decode(encodePng(2, 1, 8, 4, [12, 0, 240, 128]));
    expect({ channels: greyAlpha.channels, data: Array.from(greyAlpha.data) }).toEqual({ channels: 1, data: [12, 240] });
  });

  it('turns an RGB image whose every pixel has R=G=B into 1 channel, as ImageMagick does', async () => {
    const neutral = await decoder.decode(encodePng(2, 1, 8, 2, [9, 9, 9, 200, 200, 200]));
    expect({ channels: neutral.channels, data: Array.from(neutral.data) }).toEqual({ channels: 1, data: [9, 200] });
    const colour = await decoder.decode(encodePng(2, 1, 8, 2, [9, 9, 9, 200, 200, 201]));
    expect(colour.channels).toBe(3);
  });

  it('scales 16-bit samples properly to 8 bits (unlike the reference, which keeps the low byte)', async () => {
    // The reference's CImg/PNM path keeps only the low byte of each 16-bit sample, which makes
    // its hashes of 16-bit PNGs junk; we round v/257 as ImageMagick's own 8-bit scaling does.
    const samples = [0x1234, 0xffff, 0x0000, 0x8080, 0x00ff, 0xff00];
    const image = await decoder.decode(encodePng(2, 1, 16, 2, samples));
    expect(image.channels).toBe(3);
    expect(Array.from(image.data)).toEqual([18, 255, 0, 128, 1, 254]);
    const grey16 = await decoder.decode(encodePng(2, 1, 16, 0, [0x1234, 0xfeff]));
    expect({ channels: grey16.channels, data: Array.from(grey16.data) }).toEqual({ channels: 1, data: [18, 254] });
  });

  it('expands palette images to RGB', async () => {
    const rgb = Buffer.from(pattern(8, 8, 3, (x, y, c) => [[255, 0, 0], [0, 128, 255], [30, 200, 30]][(x + y) % 3][c]));
    const palettePng = await sharp(rgb, { raw: { width: 8, height: 8, channels: 3 } }).png({ palette: true, colours: 4, dither: 0 }).toBuffer();
    expect((await sharp(palettePng).metadata()).isPalette).toBe(true);
    const image = await decoder.decode(palettePng);
    expect(image.channels).toBe(3);
    expect(Buffer.from(image.data).equals(rgb)).toBe(true);
  });

  it('ignores EXIF orientation (hashes the stored pixels)', async () => {
    const raw = Buffer.from(pattern(40, 20, 3, (x) => x * 6));
    const jpeg = await sharp(raw, { raw: { width: 40, height: 20, channels: 3 } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect((await sharp(jpeg).metadata()).orientation).toBe(6);
    const image = await decoder.decode(jpeg);
    expect({ width: image.width, height: image.height, format: image.format }).toEqual({ width: 40, height: 20, format: 'jpeg' });
  });
});
