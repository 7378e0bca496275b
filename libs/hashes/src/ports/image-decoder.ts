import { TooLargeError, UnprocessableError } from '@vigil/kernel';
import { PdqPixels } from '../domain/pdq/pdq-pixels';

/**
 * 8-bit pixels as the reference PDQ tool would have seen them after its ImageMagick decode:
 * stored orientation, no alpha, 1 channel for grey images, 3 for everything else.
 */
export interface DecodedImage extends PdqPixels {
  /** Container format as detected from the content, e.g. "jpeg", "png", "webp". */
  readonly format: string;
}

export interface ImageDecoder {
  /**
   * Decodes an image from its bytes or from a file path. Rejects with UnsupportedImage or
   * ImageTooLarge; a path that cannot be read rejects with the file system's own error.
   */
  decode(input: Buffer | string): Promise<DecodedImage>;
}

/** Injection token for ImageDecoder (interfaces do not exist at run time). */
export const IMAGE_DECODER = Symbol('IMAGE_DECODER');

/** The content is not an image we can decode (unknown format, corrupt data, empty file...). */
export class UnsupportedImage extends UnprocessableError {
  constructor(reason: string) {
    super(`unsupported or corrupt image: ${reason}`);
  }
}

/** The input exceeds a configured limit; decoding was refused before it could exhaust memory. */
export class ImageTooLarge extends TooLargeError {
  readonly limit: number;
  readonly unit: 'bytes' | 'pixels';

  constructor(actual: string, limit: number, unit: 'bytes' | 'pixels') {
    super(`image too large: ${actual}, over the limit of ${limit} ${unit}`);
    this.limit = limit;
    this.unit = unit;
  }
}
