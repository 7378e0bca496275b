import { UnprocessableError, ValidationError } from '@vigil/kernel';
import type { HashFileUseCase } from '@vigil/hashes';

export const MEDIA_LIMITS = { maxFiles: 10, maxFileBytes: 20 * 1024 * 1024 };

/** Magic numbers of the evidence formats we take; the file name and declared type are not trusted. */
const SIGNATURES: Array<{ type: string; test: (bytes: Buffer) => boolean }> = [
  { type: 'image/jpeg', test: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/gif', test: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8' },
  { type: 'image/webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

export function sniffContentType(bytes: Buffer): string | undefined {
  return SIGNATURES.find((signature) => signature.test(bytes))?.type;
}

export interface IntakeFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

/**
 * Digests each uploaded file (SHA-256, MD5, and PDQ for images) in memory and hands its bytes on
 * for the evidence store. Files that are not a supported image, or that decode to too many
 * pixels, are refused with the index of the file in question; nothing is stored when any file
 * is refused.
 */
export async function digestMedia(files: IntakeFile[], hasher: HashFileUseCase) {
  return Promise.all(
    files.map(async (file, index) => {
      const field = `media[${index}]`;
      if (file.size === 0) throw new ValidationError(`${field}: the file "${file.originalname}" is empty`, field);
      const contentType = sniffContentType(file.buffer);
      if (!contentType) throw new UnprocessableError(`${field}: "${file.originalname}" is not a JPEG, PNG, GIF or WebP image`, field);
      const result = await hasher.execute(file.buffer);
      if (result.error?.kind === 'image-too-large') throw new UnprocessableError(`${field}: ${result.error.message}`, field);
      if (result.error) throw new UnprocessableError(`${field}: "${file.originalname}" could not be read as an image (${result.error.message})`, field);
      return {
        filename: file.originalname.slice(0, 255),
        contentType,
        bytes: file.size,
        sha256: result.sha256 as string,
        md5: result.md5 as string,
        pdq: result.pdq?.toHex(),
        pdqQuality: result.quality,
        content: file.buffer,
      };
    }),
  );
}
