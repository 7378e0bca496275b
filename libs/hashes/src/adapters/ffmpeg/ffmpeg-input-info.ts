/**
 * Reads what `ffmpeg -i FILE` prints about its input (we ship ffmpeg without ffprobe). The format
 * of these lines is ffmpeg's `av_dump_format`, stable for many years:
 *   Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'clip.mp4':
 *     Duration: 00:00:06.00, start: 0.000000, bitrate: 373 kb/s
 *       Stream #0:0(und): Video: h264 (High) (avc1 / 0x31637661), yuv420p, 320x240 [SAR 1:1 DAR 4:3], 369 kb/s, 25 fps, 25 tbr, 12800 tbn, 50 tbc (default)
 */

export interface FfmpegVideoStream {
  /** Position among the input's video streams, for `-map 0:v:<index>`. */
  readonly videoIndex: number;
  readonly codec: string;
  readonly width: number;
  readonly height: number;
  /** The average frame rate ("fps"), else the base rate ("tbr"); null when neither is printed. */
  readonly frameRate: number | null;
}

export interface FfmpegInputInfo {
  readonly durationSeconds: number | null;
  /** The first video stream that is a real video (not an MP3-style "attached pic" cover). */
  readonly video: FfmpegVideoStream | null;
}

const DURATION = /^\s*Duration: (?:(\d+):(\d{2}):(\d{2}(?:\.\d+)?)|N\/A)/m;
const VIDEO_STREAM = /^\s*Stream #\d+:\d+.*?: Video: (.*)$/gm;
// ", 320x240" and not the "0x31637661" of a codec tag, which follows "/ ".
const DIMENSIONS = /, (\d{1,6})x(\d{1,6})(?=[\s,[]|$)/;

/** ffmpeg prints rates with 2 decimals, or as e.g. "90k" (print_fps in libavformat/dump.c). */
function rate(line: string, unit: 'fps' | 'tbr'): number | null {
  const match = new RegExp(`, (\\d+(?:\\.\\d+)?)(k?) ${unit}\\b`).exec(line);
  if (!match) return null;
  const value = Number(match[1]) * (match[2] === 'k' ? 1000 : 1);
  return value > 0 && Number.isFinite(value) ? value : null;
}

/** Null when stderr has no "Input #0" section, i.e. ffmpeg could not open the input. */
export function parseFfmpegInputInfo(stderr: string): FfmpegInputInfo | null {
  if (!/^Input #0, /m.test(stderr)) return null;
  const duration = DURATION.exec(stderr);
  const durationSeconds =
    duration && duration[1] !== undefined ? Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3]) : null;

  let videoIndex = 0;
  let video: FfmpegVideoStream | null = null;
  for (const match of stderr.matchAll(VIDEO_STREAM)) {
    const details = match[1];
    const dimensions = DIMENSIONS.exec(details);
    if (!/\(attached pic\)/.test(details) && dimensions) {
      video = {
        videoIndex,
        codec: /^[\w-]+/.exec(details)?.[0] ?? 'unknown',
        width: Number(dimensions[1]),
        height: Number(dimensions[2]),
        frameRate: rate(details, 'fps') ?? rate(details, 'tbr'),
      };
      break;
    }
    videoIndex++;
  }
  return { durationSeconds, video };
}

/** The last meaningful line of ffmpeg's stderr, for error messages. */
export function lastFfmpegMessage(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && line !== 'At least one output file must be specified');
  return lines.at(-1) ?? 'ffmpeg gave no reason';
}
