import { TooLargeError, UnprocessableError, ValidationError } from '@vigil/kernel';
import { detectVideoContainer, type FileHashes, type HashFileUseCase, type HashVideoUseCase, type VideoHashes, type VideoStreamInfo } from '@vigil/hashes';

/** One image per request, at most 20 MB and 40 megapixels (decompression bombs are refused before decoding). */
export const MATCH_UPLOAD_LIMITS = { maxFileBytes: 20 * 1024 * 1024, maxPixels: 40_000_000 };

/** Magic numbers of the image formats we hash; the declared type and the file name are not trusted. */
const IMAGE_SIGNATURES: Array<{ type: string; test: (bytes: Buffer) => boolean }> = [
  { type: 'image/jpeg', test: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/gif', test: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8' },
  { type: 'image/webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

export function sniffImageType(bytes: Buffer): string | undefined {
  return IMAGE_SIGNATURES.find((signature) => signature.test(bytes))?.type;
}

export interface HashedUpload extends FileHashes {
  contentType: string;
}

/**
 * Hashes an uploaded image in memory: digests and PDQ. The bytes are never stored or logged;
 * they go out of scope with the request. `field` names the upload in error messages.
 */
export async function hashUploadedImage(bytes: Buffer | undefined, hasher: HashFileUseCase, field: string): Promise<HashedUpload> {
  if (!bytes || bytes.length === 0) throw new ValidationError(`${field}: the file is empty`, field);
  const contentType = sniffImageType(bytes);
  if (!contentType) throw new UnprocessableError(`${field}: not a JPEG, PNG, GIF or WebP image (the content is checked, not the name or declared type)`, field);
  const hashed = await hasher.execute(bytes);
  if (hashed.error?.kind === 'image-too-large') throw new TooLargeError(`${field}: ${hashed.error.message}`, field);
  if (hashed.error) throw new UnprocessableError(`${field}: could not be read as an image (${hashed.error.message})`, field);
  return {
    contentType,
    bytes: hashed.bytes as number,
    md5: hashed.md5 as string,
    sha1: hashed.sha1 as string,
    sha256: hashed.sha256 as string,
    pdq: hashed.pdq?.toHex(),
    quality: hashed.quality,
  };
}

/** Whether the upload's content is a video container we decode (sniffed, never the name). */
export function isVideoUpload(bytes: Buffer | undefined): boolean {
  return !!bytes && bytes.length > 0 && detectVideoContainer(bytes.subarray(0, 512)) !== null;
}

export interface HashedVideoUpload extends VideoHashes {
  contentType: string;
  bytes: number;
  video: VideoStreamInfo;
}

/**
 * Hashes an uploaded video: digests of the bytes, and vPDQ (one PDQ per second) decoded by ffmpeg
 * from a memory-backed folder (see readVideoUploadConfig); the copy is removed as soon as the
 * frames are read. Limits (duration, frames, pixels, decoding time) answer 413 naming the limit.
 */
export async function hashUploadedVideo(bytes: Buffer, hasher: HashVideoUseCase | undefined, refusal: string | undefined, field: string): Promise<HashedVideoUpload> {
  if (!hasher) throw new UnprocessableError(`${field}: ${refusal ?? 'video uploads are off on this server'}`, field);
  const hashed = await hasher.execute(bytes);
  if (hashed.error?.cause) throw hashed.error.cause;
  if (hashed.error || !hashed.frames || !hashed.video) throw new UnprocessableError(`${field}: could not be read as a video (${hashed.error?.message ?? 'no frames'})`, field);
  return {
    contentType: `video/${hashed.video.container}`,
    bytes: hashed.bytes as number,
    md5: hashed.md5 as string,
    sha1: hashed.sha1 as string,
    sha256: hashed.sha256 as string,
    frames: hashed.frames,
    video: hashed.video,
  };
}
