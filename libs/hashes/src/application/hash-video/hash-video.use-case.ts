import { DomainError } from '@vigil/kernel';
import { FileDigests } from '../../domain/digests/file-digests';
import { computePdq } from '../../domain/pdq/pdq-hasher';
import { createVpdqFeature, VpdqFeature } from '../../domain/vpdq/vpdq-feature';
import { VPDQ_DEFAULT_SECONDS_PER_HASH } from '../../domain/vpdq/vpdq-sampling';
import { ContentDigester } from '../../ports/content-digester';
import { FileSource } from '../../ports/file-source';
import { NotAVideo, OpenedVideo, VideoFrameSource, VideoStreamInfo, VideoTooLarge } from '../../ports/video-frame-source';

/**
 * Why a video has no digests or no vPDQ. Expected per-file failures are values, as in
 * HashFileUseCase, so one bad file in a batch never stops the others.
 * - unreadable: the file could not be read: no digests.
 * - not-a-video: digests computed, but the content is not a video we decode.
 * - video-too-large: digests computed, but the video crosses a limit (duration, frames, pixels).
 * - hash-failed: digests computed, but decoding failed part way or something unexpected happened.
 */
export type HashVideoErrorKind = 'unreadable' | 'not-a-video' | 'video-too-large' | 'hash-failed';

export interface HashVideoError {
  readonly kind: HashVideoErrorKind;
  readonly message: string;
  /** The typed error (NotAVideo → 422, VideoTooLarge → 413...), for an API to rethrow. */
  readonly cause?: DomainError;
}

/** Digests are absent only when the file was unreadable; `video` and `frames` only when it hashed. */
export interface HashVideoResult extends Partial<FileDigests> {
  readonly video?: VideoStreamInfo;
  /** The vPDQ hash: one feature per sampled frame, in frame order. */
  readonly frames?: readonly VpdqFeature[];
  readonly error?: HashVideoError;
}

export interface HashVideoOptions {
  /** vpdq's sampling interval; 1 (one frame per second) unless told otherwise. */
  readonly secondsPerHash?: number;
}

// Duck-typed rather than `instanceof Error`: errors from other realms (Node core under some
// test runners, native addons) fail that check but still carry a message.
function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}

function videoError(error: unknown): HashVideoError {
  if (error instanceof NotAVideo) return { kind: 'not-a-video', message: error.message, cause: error };
  if (error instanceof VideoTooLarge) return { kind: 'video-too-large', message: error.message, cause: error };
  if (error instanceof DomainError) return { kind: 'hash-failed', message: error.message, cause: error };
  return { kind: 'hash-failed', message: messageOf(error) };
}

/**
 * Exact digests of a video file (or upload) and its vPDQ hash: PDQ of one frame per second, as
 * Meta's vpdq samples. The digests are streamed from the file (never buffered whole) while the
 * frames are decoded, each frame hashed and dropped as it arrives.
 */
export class HashVideoUseCase {
  constructor(
    private readonly files: FileSource,
    private readonly frames: VideoFrameSource,
    private readonly digester: ContentDigester,
  ) {}

  async execute(input: string | Buffer, options: HashVideoOptions = {}): Promise<HashVideoResult> {
    const secondsPerHash = options.secondsPerHash ?? VPDQ_DEFAULT_SECONDS_PER_HASH;
    if (typeof input !== 'string') {
      return { ...this.digester.digestBuffer(input), ...(await this.hashFrames(input, secondsPerHash)) };
    }
    // Digests and decoding run side by side: two reads of the file, neither holding it whole.
    const digesting = this.digestFile(input);
    const hashing = this.hashFrames(input, secondsPerHash);
    const [digests, vpdq] = await Promise.all([digesting, hashing]);
    if ('error' in digests) return digests;
    return { ...digests, ...vpdq };
  }

  private async digestFile(file: string): Promise<FileDigests | { error: HashVideoError }> {
    try {
      // A buffered limit of 0 makes the file source stream every file, whatever its size.
      const opened = await this.files.open(file, 0);
      return opened.kind === 'buffered' ? this.digester.digestBuffer(opened.content) : await this.digester.digestStream(opened.stream);
    } catch (error) {
      return { error: { kind: 'unreadable', message: messageOf(error) } };
    }
  }

  private async hashFrames(input: string | Buffer, secondsPerHash: number): Promise<Pick<HashVideoResult, 'video' | 'frames' | 'error'>> {
    let opened: OpenedVideo;
    try {
      opened = await this.frames.open(input);
    } catch (error) {
      return { error: videoError(error) };
    }
    try {
      const features: VpdqFeature[] = [];
      for await (const frame of opened.sampleFrames(secondsPerHash)) {
        const { hash, quality } = computePdq({ width: frame.width, height: frame.height, channels: 3, data: frame.rgb });
        features.push(createVpdqFeature({ frameNumber: frame.frameNumber, timestampSeconds: frame.timestampSeconds, pdq: hash, quality }));
      }
      return { video: opened.info, frames: features };
    } catch (error) {
      return { video: opened.info, error: videoError(error) };
    } finally {
      await opened.close();
    }
  }
}
