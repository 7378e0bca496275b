import { ValidationError } from '@vigil/kernel';

/** vpdq's default: one hash per second of video. */
export const VPDQ_DEFAULT_SECONDS_PER_HASH = 1;

/**
 * Which decoded frames vpdq hashes: every frame whose 0-based index is a multiple of
 * trunc(secondsPerHash × frame rate), at least 1 (vpdq/cpp filehasher.cpp, `m_frameMod`). It counts
 * frames rather than reading timestamps, so a variable-frame-rate video is sampled by its average
 * rate, as vpdq does.
 */
export function vpdqFrameStep(frameRate: number, secondsPerHash: number = VPDQ_DEFAULT_SECONDS_PER_HASH): number {
  if (!Number.isFinite(frameRate) || frameRate <= 0) throw new ValidationError(`frame rate must be a positive number, got ${frameRate}`, 'frameRate');
  if (!Number.isFinite(secondsPerHash) || secondsPerHash <= 0) {
    throw new ValidationError(`secondsPerHash must be a positive number, got ${secondsPerHash}`, 'secondsPerHash');
  }
  return Math.max(1, Math.trunc(secondsPerHash * frameRate));
}

/** A frame's time as vpdq gives it: frame number / average frame rate (hasher.h `hashFrame`). */
export function vpdqTimestamp(frameNumber: number, frameRate: number): number {
  return frameNumber / frameRate;
}
