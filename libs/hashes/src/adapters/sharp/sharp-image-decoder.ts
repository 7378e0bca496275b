import { stat } from 'node:fs/promises';
import sharp, { Metadata, Sharp, SharpOptions } from 'sharp';
import { DecodedImage, ImageDecoder, ImageTooLarge, UnsupportedImage } from '../../ports/image-decoder';
import { readJpegFrameHeader } from './jpeg-header';
import { cmykToRgb, dropToChannels, isEveryPixelGrey, rgbToGrey, scale16To8 } from './pixel-conversions';

/** Decompression-bomb guard: 100 megapixels is ~10 000 × 10 000, far beyond any photo we need. */
export const DEFAULT_MAX_IMAGE_PIXELS = 100_000_000;
/** Largest encoded input we accept (bigger files still get exact digests, just no PDQ). */
export const DEFAULT_MAX_IMAGE_BYTES = 256 * 1024 * 1024;

export interface SharpImageDecoderOptions {
  readonly maxInputBytes?: number;
  readonly maxPixels?: number;
}

/**
 * Raster formats we hash. Vector and document formats (SVG, PDF) and libvips' own formats are
 * refused: rendering them is a different attack surface (e.g. SVG can reference other files) and
 * their pixels depend on the renderer, so their PDQ would not be reproducible anyway.
 */
const RASTER_FORMATS: ReadonlySet<string> = new Set(['jpeg', 'png', 'webp', 'gif', 'tiff', 'heif', 'jp2k', 'jxl', 'ppm']);

type ColourModel = 'grey' | 'rgb' | 'cmyk';

function colourModelOf(metadata: Metadata): ColourModel {
  if (metadata.space === 'cmyk') return 'cmyk';
  if (metadata.space === 'b-w' || metadata.space === 'grey16') return 'grey';
  return 'rgb';
}

const COLOUR_CHANNELS: Record<ColourModel, number> = { grey: 1, rgb: 3, cmyk: 4 };

/** What the header says, enough to check the limits and choose the decode pipeline. */
interface ImageHeader {
  readonly format: string;
  readonly width: number;
  readonly height: number;
  readonly model: ColourModel;
  readonly sixteenBit: boolean;
}

/**
 * The header of an 8-bit grey or colour JPEG, read in JS (libvips would report the same:
 * b-w for one component, sRGB for three). Other JPEGs and other formats return null.
 */
function plainJpegHeader(input: Buffer): ImageHeader | null {
  const frame = readJpegFrameHeader(input);
  if (frame === null || frame.precision !== 8 || (frame.components !== 1 && frame.components !== 3)) return null;
  return { format: 'jpeg', width: frame.width, height: frame.height, model: frame.components === 1 ? 'grey' : 'rgb', sixteenBit: false };
}

// Duck-typed rather than `instanceof Error`: errors from other realms (Node core under some
// test runners, native addons) fail that check but still carry a message.
function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}

/**
 * ImageDecoder on sharp/libvips, tuned to hand PDQ the same pixels as the reference tool, which
 * decodes through ImageMagick (`convert FILE pnm:-`):
 * - EXIF orientation is ignored: the stored pixels are hashed (no autorotate).
 * - Embedded ICC profiles are ignored (ImageMagick does not apply them when writing PNM).
 * - Alpha is dropped without compositing: the stored colour is hashed.
 * - Grey images stay 1-channel, and so does a colour image whose every pixel has R=G=B,
 *   because ImageMagick writes such an image as a grey PGM.
 * - Palette images come out as RGB (libvips expands them).
 * - CMYK is converted the naive, profile-less way ImageMagick does it (see cmykToRgb), not
 *   through libvips' ICC transform.
 * - 16-bit samples are scaled properly to 8 bits. The reference keeps only the low byte of each
 *   16-bit sample (a CImg bug that makes its hashes of 16-bit PNGs junk); we do not copy that.
 */
export class SharpImageDecoder implements ImageDecoder {
  private readonly maxInputBytes: number;
  private readonly maxPixels: number;

  constructor(options: SharpImageDecoderOptions = {}) {
    this.maxInputBytes = options.maxInputBytes ?? DEFAULT_MAX_IMAGE_BYTES;
    this.maxPixels = options.maxPixels ?? DEFAULT_MAX_IMAGE_PIXELS;
  }

  async decode(input: Buffer | string): Promise<DecodedImage> {
    const size = typeof input === 'string' ? (await stat(input)).size : input.length;
    if (size > this.maxInputBytes) {
      throw new ImageTooLarge(`input is ${size} bytes`, this.maxInputBytes, 'bytes');
    }
    if (size === 0) throw new UnsupportedImage('input is empty');

    // Reading the header is safe at any claimed size, so check the claim ourselves first and
    // report the actual dimensions (sharp's own limit still guards the decode below). Plain
    // JPEGs, the bulk of what we hash, are parsed here, saving libvips a whole header pass.
    const header = (typeof input === 'string' ? null : plainJpegHeader(input)) ?? (await this.readHeader(input));
    const { width, height, model, sixteenBit, format } = header;
    // Check the header's claim before decoding anything (sharp also enforces this while decoding).
    if (width * height > this.maxPixels) {
      throw new ImageTooLarge(`image is ${width}×${height} = ${width * height} pixels`, this.maxPixels, 'pixels');
    }

    let pipeline = this.open(input);
    if (model === 'cmyk') {
      // Keep the raw CMYK samples; libvips would otherwise convert through an ICC profile.
      pipeline = pipeline.pipelineColourspace('cmyk').toColourspace('cmyk');
    } else if (model === 'grey') {
      pipeline = pipeline.toColourspace(sixteenBit ? 'grey16' : 'b-w');
    } else {
      pipeline = pipeline.toColourspace(sixteenBit ? 'rgb16' : 'srgb');
    }
    const { data, info } = await this.run(() =>
      pipeline.raw({ depth: sixteenBit ? 'ushort' : 'uchar' }).toBuffer({ resolveWithObject: true }),
    );

    const colourChannels = COLOUR_CHANNELS[model];
    if (info.channels < colourChannels) {
      throw new UnsupportedImage(`decoded ${info.channels} channels for a ${model} image`);
    }
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.length);
    let samples = sixteenBit ? scale16To8(bytes) : bytes;
    // Extra channels are alpha (or other extras): dropped, never composited.
    samples = dropToChannels(samples, info.width * info.height, info.channels, colourChannels);
    if (model === 'cmyk') samples = cmykToRgb(samples);

    if (model === 'grey') return { width: info.width, height: info.height, channels: 1, data: samples, format };
    if (isEveryPixelGrey(samples)) {
      return { width: info.width, height: info.height, channels: 1, data: rgbToGrey(samples), format };
    }
    return { width: info.width, height: info.height, channels: 3, data: samples, format };
  }

  /** Asks libvips for the header, refusing formats we do not hash. */
  private async readHeader(input: Buffer | string): Promise<ImageHeader> {
    const metadata = await this.run(() => this.open(input, false).metadata());
    if (!metadata.format || !RASTER_FORMATS.has(metadata.format)) {
      throw new UnsupportedImage(`${metadata.format ?? 'unknown'} is not a raster image format we hash`);
    }
    const { width, height, format } = metadata;
    if (!width || !height) throw new UnsupportedImage(`no image dimensions in the ${format} header`);
    return { format, width, height, model: colourModelOf(metadata), sixteenBit: metadata.depth === 'ushort' };
  }

  private open(input: Buffer | string, limitPixels = true): Sharp {
    const options: SharpOptions = {
      limitInputPixels: limitPixels ? this.maxPixels : false,
      // The reference hashes whatever ImageMagick manages to decode, truncated files included.
      failOn: 'none',
      ignoreIcc: true,
      autoOrient: false,
      sequentialRead: true,
    };
    return sharp(input, options);
  }

  /** Runs a sharp call, turning its untyped errors into the port's typed ones. */
  private async run<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const message = errorMessage(error);
      if (/pixel limit/i.test(message)) {
        throw new ImageTooLarge('image dimensions', this.maxPixels, 'pixels');
      }
      throw new UnsupportedImage(message);
    }
  }
}
