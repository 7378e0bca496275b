import sharp from 'sharp';

/**
 * Benign synthetic images, generated in code: gradients, stripes and rings. They stand in for
 * "known material" in demos and tests, as shared/domain.md requires: no real abusive image,
 * and no image of a real person, ever enters this project.
 */
export type Pattern = 'gradient' | 'stripes' | 'rings' | 'checker';

export interface SyntheticImageOptions {
  pattern: Pattern;
  width?: number;
  height?: number;
  /** Shifts colours and geometry so each seed gives a distinct image. */
  seed?: number;
  format?: 'png' | 'jpeg';
}

export function syntheticPixels(options: SyntheticImageOptions): { data: Buffer; width: number; height: number } {
  const width = options.width ?? 256;
  const height = options.height ?? 256;
  const seed = options.seed ?? 1;
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      let r = 0;
      let g = 0;
      let b = 0;
      switch (options.pattern) {
        case 'gradient':
          r = (x * 255) / width;
          g = (y * 255) / height;
          b = ((x + y) * 127 * seed) / (width + height);
          break;
        case 'stripes': {
          const on = Math.floor((x + y * seed) / (8 + seed)) % 2 === 0;
          r = on ? 230 : 20;
          g = on ? 40 * seed : 200;
          b = on ? 90 : 30;
          break;
        }
        case 'rings': {
          const d = Math.hypot(x - width / 2, y - height / 2);
          const v = Math.sin(d / (3 + seed)) * 127 + 128;
          r = v;
          g = 255 - v;
          b = (v * seed) % 256;
          break;
        }
        case 'checker': {
          const on = (Math.floor(x / (16 + seed)) + Math.floor(y / (16 + seed))) % 2 === 0;
          r = g = b = on ? 240 : 15;
          r = (r + seed * 37) % 256;
          break;
        }
      }
      data[i] = Math.max(0, Math.min(255, Math.round(r)));
      data[i + 1] = Math.max(0, Math.min(255, Math.round(g)));
      data[i + 2] = Math.max(0, Math.min(255, Math.round(b)));
    }
  }
  return { data, width, height };
}

export async function syntheticImage(options: SyntheticImageOptions): Promise<Buffer> {
  const { data, width, height } = syntheticPixels(options);
  const image = sharp(data, { raw: { width, height, channels: 3 } });
  return options.format === 'jpeg' ? image.jpeg({ quality: 90 }).toBuffer() : image.png({ compressionLevel: 9 }).toBuffer();
}

/** The images the demo "known material" bank is seeded with; tests upload the same ones to get a match. */
export async function demoKnownImages(): Promise<Array<{ name: string; bytes: Buffer }>> {
  const patterns: Pattern[] = ['gradient', 'stripes', 'rings', 'checker'];
  return Promise.all(patterns.map(async (pattern, index) => ({ name: `demo-known-${pattern}.png`, bytes: await syntheticImage({ pattern, seed: index + 2 }) })));
}

/** An image that is in no bank. */
export function demoUnknownImage(seed = 99): Promise<Buffer> {
  return syntheticImage({ pattern: 'rings', seed, width: 200, height: 160 });
}
