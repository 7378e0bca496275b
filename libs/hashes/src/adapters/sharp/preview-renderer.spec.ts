import sharp from 'sharp';
import { syntheticImage } from '@vigil/test-fixtures';
import { UnsupportedImage } from '../../ports/image-decoder';
import { SharpPreviewRenderer } from './preview-renderer';

/** Decodes to 3-channel RGB so greyscale can be checked as R = G = B. */
async function rgb(bytes: Uint8Array) {
  const { data, info } = await sharp(bytes).toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** Mean squared difference between horizontal neighbours, on luma: fine detail's energy. */
function highFrequencyEnergy(image: { data: Buffer; width: number; height: number; channels: number }): number {
  let sum = 0;
  let count = 0;
  const luma = (i: number) => 0.299 * image.data[i] + 0.587 * image.data[i + 1] + 0.114 * image.data[i + 2];
  for (let y = 0; y < image.height; y++) {
    for (let x = 1; x < image.width; x++) {
      const here = (y * image.width + x) * image.channels;
      const d = luma(here) - luma(here - image.channels);
      sum += d * d;
      count++;
    }
  }
  return sum / count;
}

function maxChannelSpread(image: { data: Buffer; channels: number }): number {
  let spread = 0;
  for (let i = 0; i < image.data.length; i += image.channels) {
    spread = Math.max(spread, Math.abs(image.data[i] - image.data[i + 1]), Math.abs(image.data[i + 1] - image.data[i + 2]));
  }
  return spread;
}

describe('SharpPreviewRenderer', () => {
  const renderer = new SharpPreviewRenderer();
  let original: Buffer;

  beforeAll(async () => {
    // Colourful and full of fine detail: thin stripes at 900 × 600.
    original = await syntheticImage({ pattern: 'stripes', seed: 3, width: 900, height: 600 });
  });

  it('by default shows a greyscale, strongly blurred JPEG no bigger than 400 px', async () => {
    const preview = await renderer.render(original, { blurred: true, colour: false, maxSize: 400 });
    expect(preview.contentType).toBe('image/jpeg');
    expect(await sharp(preview.content).metadata()).toMatchObject({ format: 'jpeg', channels: 1 });
    expect(Math.max(preview.width, preview.height)).toBe(400);
    const shown = await rgb(preview.content);
    expect(maxChannelSpread(await rgb(original))).toBeGreaterThan(100);
    expect(maxChannelSpread(shown)).toBe(0);
    // Compare with the same image merely downscaled, so the loss is the blur's, not the resize's.
    const downscaled = await rgb(await sharp(original).resize(400, 400, { fit: 'inside' }).png().toBuffer());
    expect(highFrequencyEnergy(shown)).toBeLessThan(highFrequencyEnergy(downscaled) / 50);
  });

  it('reveals an unblurred image, still downscaled and greyscale unless colour is asked for', async () => {
    const revealed = await rgb((await renderer.render(original, { blurred: false, colour: false, maxSize: 400 })).content);
    expect(Math.max(revealed.width, revealed.height)).toBe(400);
    expect(maxChannelSpread(revealed)).toBe(0);
    const blurred = await rgb((await renderer.render(original, { blurred: true, colour: false, maxSize: 400 })).content);
    expect(highFrequencyEnergy(revealed)).toBeGreaterThan(highFrequencyEnergy(blurred) * 50);
    const colour = await rgb((await renderer.render(original, { blurred: false, colour: true, maxSize: 400 })).content);
    expect(maxChannelSpread(colour)).toBeGreaterThan(100);
  });

  it('never enlarges a small image', async () => {
    const small = await syntheticImage({ pattern: 'rings', seed: 2, width: 120, height: 80 });
    const preview = await renderer.render(small, { blurred: true, colour: false, maxSize: 400 });
    expect([preview.width, preview.height]).toEqual([120, 80]);
  });

  it('refuses bytes that are not an image', async () => {
    await expect(renderer.render(new TextEncoder().encode('not an image'), { blurred: true, colour: false, maxSize: 400 })).rejects.toThrow(UnsupportedImage);
  });
});
