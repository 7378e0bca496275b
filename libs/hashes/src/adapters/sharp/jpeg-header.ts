/**
 * Just enough of a JPEG parser to read the frame header (SOFn): size, sample precision and
 * component count. It lets the decoder skip libvips' separate header pass for the most common
 * input, which costs a thread-pool round trip per image. Anything it does not recognise returns
 * null, and the caller falls back to asking libvips.
 */
export interface JpegFrameHeader {
  readonly width: number;
  readonly height: number;
  /** Bits per sample: 8 for baseline JPEG, 12 or 16 for extended/lossless. */
  readonly precision: number;
  /** 1 = grey, 3 = YCbCr/RGB, 4 = CMYK/YCCK. */
  readonly components: number;
}

const MARKER = 0xff;
const SOI = 0xd8;
const SOS = 0xda;
const EOI = 0xd9;

/** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Markers without a length field: TEM and RST0..RST7. */
function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
}

export function readJpegFrameHeader(bytes: Uint8Array): JpegFrameHeader | null {
  if (bytes.length < 4 || bytes[0] !== MARKER || bytes[1] !== SOI) return null;
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== MARKER) return null;
    const marker = bytes[i + 1];
    if (marker === MARKER) {
      i++; // fill byte before a marker
      continue;
    }
    if (isStandalone(marker)) {
      i += 2;
      continue;
    }
    if (marker === SOS || marker === EOI || marker === SOI) return null; // no frame header first
    const length = (bytes[i + 2] << 8) | bytes[i + 3];
    if (length < 2) return null;
    if (isStartOfFrame(marker)) {
      if (length < 8 || i + 10 > bytes.length) return null;
      const precision = bytes[i + 4];
      const height = (bytes[i + 5] << 8) | bytes[i + 6];
      const width = (bytes[i + 7] << 8) | bytes[i + 8];
      const components = bytes[i + 9];
      // Height 0 means "given later in a DNL marker": leave that to libvips.
      if (width === 0 || height === 0) return null;
      return { width, height, precision, components };
    }
    i += 2 + length;
  }
  return null;
}
