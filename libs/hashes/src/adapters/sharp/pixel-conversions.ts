/**
 * Pixel-format conversions the sharp adapter needs to reproduce ImageMagick's decode. Kept
 * separate from the adapter so they can be tested without images.
 */

/**
 * 16-bit samples (native byte order, as sharp's raw output gives them) to 8 bits, rounding the
 * way ImageMagick's ScaleQuantumToChar does for a 16-bit quantum: round(v / 257).
 */
export function scale16To8(bytes: Uint8Array): Uint8Array {
  const count = bytes.length >>> 1;
  const samples =
    bytes.byteOffset % 2 === 0
      ? new Uint16Array(bytes.buffer, bytes.byteOffset, count)
      : new Uint16Array(bytes.slice().buffer, 0, count);
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const v = samples[i] + 128;
    out[i] = (v - (v >>> 8)) >>> 8;
  }
  return out;
}

/** Keeps the first `keep` of every `channels` samples (drops alpha without compositing). */
export function dropToChannels(samples: Uint8Array, pixelCount: number, channels: number, keep: number): Uint8Array {
  if (channels === keep) return samples;
  const out = new Uint8Array(pixelCount * keep);
  for (let p = 0, i = 0, o = 0; p < pixelCount; p++, i += channels) {
    for (let c = 0; c < keep; c++) out[o++] = samples[i + c];
  }
  return out;
}

/** ImageMagick's Q16 formula for one colour channel: 8-bit ink and black in, 8-bit value out. */
function imageMagickCmykChannel(ink8: number, black8: number): number {
  const quantumRange = 65535;
  const ink = ink8 * 257;
  const black = black8 * 257;
  const value = quantumRange - ((1 / quantumRange) * ink * (quantumRange - black) + black);
  const quantum = Math.min(quantumRange, Math.max(0, Math.floor(value + 0.5))); // ClampToQuantum
  const v = quantum + 128;
  return (v - (v >>> 8)) >>> 8; // ScaleQuantumToChar
}

let cmykTable: Uint8Array | null = null;

/** The channel formula for every (ink, black) pair, computed once: 64 KiB. */
function cmykChannelTable(): Uint8Array {
  if (cmykTable === null) {
    cmykTable = new Uint8Array(65536);
    for (let ink = 0; ink < 256; ink++) {
      for (let black = 0; black < 256; black++) cmykTable[(ink << 8) | black] = imageMagickCmykChannel(ink, black);
    }
  }
  return cmykTable;
}

/**
 * CMYK to RGB as ImageMagick 6 (Q16) does without colour profiles: each 8-bit sample becomes a
 * 16-bit quantum, R = Q − (C·(Q−K)/Q + K) (likewise G from M, B from Y), rounded to a 16-bit
 * quantum and then scaled back to 8 bits. `samples` holds C, M, Y, K per pixel with ink as high
 * values (libvips has already undone Adobe's inversion).
 */
export function cmykToRgb(samples: Uint8Array): Uint8Array {
  const table = cmykChannelTable();
  const pixelCount = samples.length >>> 2;
  const out = new Uint8Array(pixelCount * 3);
  for (let p = 0, i = 0, o = 0; p < pixelCount; p++, i += 4, o += 3) {
    const black = samples[i + 3];
    out[o] = table[(samples[i] << 8) | black];
    out[o + 1] = table[(samples[i + 1] << 8) | black];
    out[o + 2] = table[(samples[i + 2] << 8) | black];
  }
  return out;
}

/** Whether every RGB pixel has R = G = B; stops at the first colour pixel. */
export function isEveryPixelGrey(rgb: Uint8Array): boolean {
  for (let i = 0; i < rgb.length; i += 3) {
    const r = rgb[i];
    if (r !== rgb[i + 1] || r !== rgb[i + 2]) return false;
  }
  return true;
}

export function rgbToGrey(rgb: Uint8Array): Uint8Array {
  const out = new Uint8Array(rgb.length / 3);
  for (let i = 0, o = 0; i < rgb.length; i += 3, o++) out[o] = rgb[i];
  return out;
}
