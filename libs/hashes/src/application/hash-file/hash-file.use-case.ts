import { FileDigests } from '../../domain/digests/file-digests';
import { computePdq, computePdqWithDihedral, PdqDihedralHashes } from '../../domain/pdq/pdq-hasher';
import { PdqHash } from '../../domain/pdq/pdq-hash';
import { ContentDigester } from '../../ports/content-digester';
import { FileSource } from '../../ports/file-source';
import { ImageDecoder, ImageTooLarge, UnsupportedImage } from '../../ports/image-decoder';

/**
 * Why a file has no digests or no PDQ. Expected per-file failures are values, so one bad file in
 * a batch never stops the others.
 * - unreadable: the file could not be read (missing, permissions, a directory...): no digests.
 * - not-an-image: readable, digests computed, but it does not decode as an image.
 * - image-too-large: digests computed, but the image is over a limit (bytes or pixels).
 * - hash-failed: anything unexpected while decoding or hashing.
 */
export type HashFileErrorKind = 'unreadable' | 'not-an-image' | 'image-too-large' | 'hash-failed';

export interface HashFileError {
  readonly kind: HashFileErrorKind;
  readonly message: string;
}

/** Digests are absent only when the file was unreadable; PDQ only when it decoded as an image. */
export interface HashFileResult extends Partial<FileDigests> {
  readonly pdq?: PdqHash;
  readonly quality?: number;
  /** Only when requested. `dihedral.original` equals `pdq` except for 64×64 images (a reference quirk). */
  readonly dihedral?: PdqDihedralHashes;
  readonly error?: HashFileError;
}

export interface HashFileOptions {
  /** Also compute the 8 dihedral-transform hashes. */
  readonly dihedral?: boolean;
}

export interface HashFileConfig {
  /**
   * Files up to this size are read into memory once, for both digests and decoding; bigger
   * files are only streamed through the digests and reported as too large for PDQ. Keep it at
   * or below the decoder's own byte limit.
   */
  readonly maxImageBytes: number;
}

export const DEFAULT_HASH_FILE_CONFIG: HashFileConfig = { maxImageBytes: 256 * 1024 * 1024 };

// Duck-typed rather than `instanceof Error`: errors from other realms (Node core under some
// test runners, native addons) fail that check but still carry a message.
function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}

/** Exact digests of a file (or buffer) plus, when it is an image, its PDQ hash and quality. */
export class HashFileUseCase {
  constructor(
    private readonly files: FileSource,
    private readonly decoder: ImageDecoder,
    private readonly digester: ContentDigester,
    private readonly config: HashFileConfig = DEFAULT_HASH_FILE_CONFIG,
  ) {}

  async execute(input: string | Buffer, options: HashFileOptions = {}): Promise<HashFileResult> {
    if (typeof input !== 'string') {
      return this.hashContent(input, this.digester.digestBuffer(input), options);
    }
    let content: Buffer | null = null;
    let digests: FileDigests;
    try {
      const opened = await this.files.open(input, this.config.maxImageBytes);
      if (opened.kind === 'buffered') {
        content = opened.content;
        digests = this.digester.digestBuffer(content);
      } else {
        digests = await this.digester.digestStream(opened.stream);
      }
    } catch (error) {
      return { error: { kind: 'unreadable', message: messageOf(error) } };
    }
    if (content === null) {
      const tooLarge = new ImageTooLarge(`input is ${digests.bytes} bytes`, this.config.maxImageBytes, 'bytes');
      return { ...digests, error: { kind: 'image-too-large', message: tooLarge.message } };
    }
    return this.hashContent(content, digests, options);
  }

  private async hashContent(content: Buffer, digests: FileDigests, options: HashFileOptions): Promise<HashFileResult> {
    try {
      const pixels = await this.decoder.decode(content);
      if (options.dihedral) {
        const { hash, quality, dihedral } = computePdqWithDihedral(pixels);
        return { ...digests, pdq: hash, quality, dihedral: dihedral.hashes };
      }
      const { hash, quality } = computePdq(pixels);
      return { ...digests, pdq: hash, quality };
    } catch (error) {
      if (error instanceof UnsupportedImage) return { ...digests, error: { kind: 'not-an-image', message: error.message } };
      if (error instanceof ImageTooLarge) return { ...digests, error: { kind: 'image-too-large', message: error.message } };
      return { ...digests, error: { kind: 'hash-failed', message: messageOf(error) } };
    }
  }
}
