import { PdqPixels } from './pdq-pixels';

/** Deterministic pseudo-random numbers in [0, 1) for synthetic test images (LCG). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function clampByte(value: number): number {
  return Math.max(0, Math.min(255, Math.round(value)));
}

/** An RGB image from a per-pixel colour function. */
export function rgbImage(width: number, height: number, colour: (x: number, y: number) => [number, number, number]): PdqPixels {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = colour(x, y);
      const i = 3 * (y * width + x);
      data[i] = clampByte(r);
      data[i + 1] = clampByte(g);
      data[i + 2] = clampByte(b);
    }
  }
  return { width, height, channels: 3, data };
}

export function greyImage(width: number, height: number, grey: (x: number, y: number) => number): PdqPixels {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = clampByte(grey(x, y));
  return { width, height, channels: 1, data };
}

/** A benign synthetic "scene": smooth waves, a disc and a bar, plus optional noise. */
export function syntheticScene(width: number, height: number, noise = 0, seed = 1): PdqPixels {
  const random = seededRandom(seed);
  const cx = width * 0.62;
  const cy = height * 0.4;
  const radius = Math.min(width, height) * 0.22;
  return rgbImage(width, height, (x, y) => {
    const n = noise === 0 ? 0 : (random() - 0.5) * 2 * noise;
    const inDisc = (x - cx) ** 2 + (y - cy) ** 2 < radius ** 2;
    const inBar = y > height * 0.7 && y < height * 0.8 && x > width * 0.1 && x < width * 0.5;
    // Coordinates relative to the size, so resized copies show the same scene.
    const u = x / width;
    const v = y / height;
    const wave = 128 + 90 * Math.sin(u * 9) * Math.cos(v * 7);
    if (inDisc) return [230 + n, 200 + n, 40 + n];
    if (inBar) return [20 + n, 30 + n, 90 + n];
    return [wave + n, 0.8 * wave + 30 * u + n, 255 - wave + n];
  });
}

/** The image turned 90° counter-clockwise (the reference's "rotate90"). */
export function rotateCounterClockwise(image: PdqPixels): PdqPixels {
  const { width, height, channels, data } = image;
  const out = new Uint8Array(data.length);
  // New image is height × width; new(x', y') = old(width − 1 − y', x').
  for (let y2 = 0; y2 < width; y2++) {
    for (let x2 = 0; x2 < height; x2++) {
      const from = channels * ((x2) * width + (width - 1 - y2));
      const to = channels * (y2 * height + x2);
      for (let c = 0; c < channels; c++) out[to + c] = data[from + c];
    }
  }
  return { width: height, height: width, channels, data: out };
}

/** The image mirrored left to right (the reference's "flipY"). */
export function mirrorLeftRight(image: PdqPixels): PdqPixels {
  const { width, height, channels, data } = image;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = channels * (y * width + x);
      const to = channels * (y * width + (width - 1 - x));
      for (let c = 0; c < channels; c++) out[to + c] = data[from + c];
    }
  }
  return { width, height, channels, data: out };
}
