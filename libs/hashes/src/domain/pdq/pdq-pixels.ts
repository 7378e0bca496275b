import { ValidationError } from '@vigil/kernel';

/**
 * Decoded 8-bit pixels handed to the hasher: tightly packed, row-major, interleaved channels.
 * One channel means grey (the reference then uses the grey value as luma, which is not always
 * float32-equal to the RGB luma formula applied to R=G=B).
 */
export interface PdqPixels {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  readonly data: Uint8Array;
}

/** Pixels whose dimensions, channel count and buffer length do not agree. */
export class InvalidPdqPixels extends ValidationError {}

export function assertValidPixels(pixels: PdqPixels): void {
  const { width, height, channels, data } = pixels;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new InvalidPdqPixels(`image dimensions must be non-negative integers, got ${width}×${height}`);
  }
  if (channels !== 1 && channels !== 3) {
    throw new InvalidPdqPixels(`pixels must have 1 (grey) or 3 (RGB) channels, got ${String(channels)}`);
  }
  if (data.length !== width * height * channels) {
    throw new InvalidPdqPixels(
      `pixel buffer has ${data.length} bytes but ${width}×${height}×${channels} needs ${width * height * channels}`,
    );
  }
}
