import { crc32, deflateSync } from 'node:zlib';

/** PNG colour types: 0 grey, 2 RGB, 4 grey + alpha, 6 RGBA. */
export type PngColourType = 0 | 2 | 4 | 6;
const CHANNELS: Record<PngColourType, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

function header(width: number, height: number, bitDepth: 8 | 16, colourType: PngColourType): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(bitDepth, 8);
  ihdr.writeUInt8(colourType, 9);
  return ihdr; // compression, filter and interlace bytes stay 0
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A minimal PNG writer for tests: `samples` are row-major interleaved channel values (0..255 for
 * 8-bit, 0..65535 for 16-bit), written unfiltered.
 */
export function encodePng(width: number, height: number, bitDepth: 8 | 16, colourType: PngColourType, samples: ArrayLike<number>): Buffer {
  const channels = CHANNELS[colourType];
  const bytesPerSample = bitDepth / 8;
  const rowBytes = width * channels * bytesPerSample;
  const raw = Buffer.alloc(height * (rowBytes + 1));
  for (let y = 0; y < height; y++) {
    const rowStart = y * (rowBytes + 1) + 1; // byte 0 of each row is filter type 0
    for (let i = 0; i < width * channels; i++) {
      const value = samples[y * width * channels + i];
      if (bitDepth === 16) raw.writeUInt16BE(value, rowStart + 2 * i);
      else raw.writeUInt8(value, rowStart + i);
    }
  }
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header(width, height, bitDepth, colourType)),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A PNG whose header claims the given size but whose data is a few bytes: a decompression-bomb probe. */
export function pngHeaderOnly(width: number, height: number): Buffer {
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header(width, height, 8, 2)),
    chunk('IDAT', deflateSync(Buffer.alloc(16))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
