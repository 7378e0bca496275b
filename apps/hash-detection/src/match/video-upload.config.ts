import { integerSetting } from '@vigil/kernel';
import { readFileSync } from 'node:fs';

/** Why video uploads are refused on this server (provided only when they are). */
export const VIDEO_UPLOAD_REFUSAL = Symbol('VideoUploadRefusal');

export interface VideoUploadConfig {
  /** Largest video the match API takes, in bytes. */
  maxBytes: number;
  /** Wall-clock decoding budget per video: a real-time API must answer. */
  maxDecodeSeconds: number;
  /** A memory-backed folder where the decoder reads the upload; absent: video uploads are refused. */
  temporaryDirectory?: string;
  /** Why video uploads are refused, when they are. */
  refusal?: string;
}

/**
 * The decoder needs a seekable file (an MP4's index is often at its end, so a pipe will not do),
 * and an upload must never be written to disk. So the file goes to a memory-backed folder: the
 * operator's MATCH_VIDEO_TMPDIR (they vouch that it is tmpfs or encrypted), else /dev/shm when the
 * kernel's mount table says it is tmpfs. Without one, video uploads are refused and partners send
 * hashes instead (`vigil hash --vpdq` computes them locally).
 */
export function readVideoUploadConfig(env: Record<string, string | undefined>, mountTable: () => string = () => readFileSync('/proc/mounts', 'utf8')): VideoUploadConfig {
  const maxBytes = integerSetting(env, 'MATCH_VIDEO_MAX_BYTES', { fallback: 200 * 1024 * 1024, min: 1024 * 1024, max: 2 * 1024 * 1024 * 1024, unit: 'bytes' });
  const maxDecodeSeconds = integerSetting(env, 'MATCH_VIDEO_MAX_DECODE_SECONDS', { fallback: 120, min: 1, max: 3600, unit: 'seconds' });
  if (env.MATCH_VIDEO_TMPDIR) return { maxBytes, maxDecodeSeconds, temporaryDirectory: env.MATCH_VIDEO_TMPDIR };
  if (isTmpfs('/dev/shm', mountTable)) return { maxBytes, maxDecodeSeconds, temporaryDirectory: '/dev/shm' };
  return { maxBytes, maxDecodeSeconds, refusal: 'video uploads are off on this server (no memory-backed folder to decode them from; the operator sets MATCH_VIDEO_TMPDIR); send the frames’ PDQ hashes instead' };
}

function isTmpfs(mountPoint: string, mountTable: () => string): boolean {
  try {
    return mountTable()
      .split('\n')
      .some((line) => {
        const [, point, type] = line.split(' ');
        return point === mountPoint && type === 'tmpfs';
      });
  } catch {
    return false; // no /proc (not Linux): nothing known to be memory-backed
  }
}
