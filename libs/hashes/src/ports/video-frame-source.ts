import { TooLargeError, UnprocessableError } from '@vigil/kernel';
import type { VideoContainer } from '../domain/vpdq/video-container';

/** A video to decode: a file path, or the content itself (an upload held in memory). */
export type VideoInput = string | Buffer;

/** What the container header says about the first video stream. */
export interface VideoStreamInfo {
  readonly container: VideoContainer;
  /** Codec of the first video stream as the decoder names it, e.g. "h264", "vp9". */
  readonly codec: string;
  readonly width: number;
  readonly height: number;
  /** Average frame rate (the header's, falling back to the stream's base rate). */
  readonly frameRate: number;
  /** null when the container does not say (some streams have no duration). */
  readonly durationSeconds: number | null;
}

/** One decoded frame: 8-bit RGB, tightly packed, row-major. */
export interface VideoFrame {
  /** 0-based index among every decoded frame. */
  readonly frameNumber: number;
  readonly timestampSeconds: number;
  readonly width: number;
  readonly height: number;
  readonly rgb: Uint8Array;
}

/**
 * Decompression-bomb guards. A few kilobytes of video can claim hours of 16K frames, so every
 * limit is checked against the header before decoding starts and again while frames arrive
 * (headers can lie).
 */
export interface VideoLimits {
  readonly maxDurationSeconds: number;
  /** Decoded frames (all of them, not only the sampled ones): duration × frame rate. */
  readonly maxFrames: number;
  readonly maxPixelsPerFrame: number;
  /** Wall-clock time one video may take to decode. */
  readonly maxDecodeSeconds: number;
}

/** One hour, at up to 60 frames/s, of frames up to 40 megapixels (as for images), decoded within 15 min. */
export const DEFAULT_VIDEO_LIMITS: VideoLimits = {
  maxDurationSeconds: 3600,
  maxFrames: 3600 * 60,
  maxPixelsPerFrame: 40_000_000,
  maxDecodeSeconds: 900,
};

/** A video opened for decoding. Close it when done (it may hold a temporary copy). */
export interface OpenedVideo {
  readonly info: VideoStreamInfo;
  /**
   * Decodes the first video stream and yields one frame every `secondsPerHash` seconds, as vpdq
   * samples (see vpdqFrameStep). Stopping the iteration early stops the decoder. Rejects with
   * VideoTooLarge when a limit is crossed while decoding, VideoDecodeFailed on corrupt data.
   */
  sampleFrames(secondsPerHash: number): AsyncIterable<VideoFrame>;
  close(): Promise<void>;
}

export interface VideoFrameSource {
  /**
   * Sniffs the container, reads the header and checks it against the limits. Rejects with
   * NotAVideo or VideoTooLarge; a path that cannot be read rejects with the file system's error.
   */
  open(input: VideoInput): Promise<OpenedVideo>;
}

export const VIDEO_FRAME_SOURCE = Symbol('VIDEO_FRAME_SOURCE');

/** The content is not a video we decode (unknown container, no video stream, unreadable header). */
export class NotAVideo extends UnprocessableError {
  constructor(reason: string) {
    super(`not a video we can decode: ${reason}`, 'video');
  }
}

export type VideoLimitUnit = 'seconds' | 'frames' | 'pixels' | 'decode-seconds';

/** The video crosses one of the VideoLimits; decoding was refused or stopped. */
export class VideoTooLarge extends TooLargeError {
  readonly limit: number;
  readonly unit: VideoLimitUnit;

  constructor(actual: string, limit: number, unit: VideoLimitUnit) {
    const limitText = unit === 'decode-seconds' ? `${limit} seconds of decoding` : `${limit} ${unit}`;
    super(`video too large: ${actual}, over the limit of ${limitText}`, 'video');
    this.limit = limit;
    this.unit = unit;
  }
}

/** The header was fine but decoding failed part way (corrupt or truncated stream). */
export class VideoDecodeFailed extends UnprocessableError {
  constructor(reason: string) {
    super(`video decoding failed: ${reason}`, 'video');
  }
}
