// The hashes library's barrel also exports TypeORM entities, whose decorators need this.
import 'reflect-metadata';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { computePdq, createLocalHashVideoUseCase, FfmpegFrameSource, VideoFrame } from '@vigil/hashes';
import { writeSyntheticVideo } from '@vigil/test-fixtures';

/**
 * vPDQ throughput: synthetic H.264 clips (a test card, then game of life) hashed at one frame per
 * second.
 * Reports, per clip, frames hashed per second and seconds of video per second of wall time for
 * the whole hash-video use case (streamed MD5/SHA-1/SHA-256 + ffmpeg decode + PDQ), then the
 * decode alone and PDQ alone. ffmpeg decodes on one thread, in its own process beside Node's.
 *
 * Run from the repository root after `npm run build`:
 *   npm run -s bench -- vpdq
 */

interface Clip {
  readonly label: string;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly seconds: number;
  /** Typical of web video at this size; the game of life's noise would otherwise take far more. */
  readonly bitrateKbps: number;
}

const CLIPS: readonly Clip[] = [
  { label: 'SD 640×360, 25 fps', width: 640, height: 360, fps: 25, seconds: 30, bitrateKbps: 1000 },
  { label: 'HD 1280×720, 30 fps', width: 1280, height: 720, fps: 30, seconds: 20, bitrateKbps: 3000 },
  { label: 'Full HD 1920×1080, 30 fps', width: 1920, height: 1080, fps: 30, seconds: 10, bitrateKbps: 5000 },
];

/** Timed passes per measure; the best is reported (least disturbed by other load). */
const PASSES = 2;

export interface ClipFigures {
  readonly clip: Clip;
  readonly bytes: number;
  readonly framesHashed: number;
  /** Whole use case: digests + decode + PDQ. */
  readonly useCaseFramesPerSecond: number;
  readonly useCaseVideoSecondsPerSecond: number;
  /** Decoding and sampling only (frames delivered by ffmpeg, not hashed). */
  readonly decodeFramesPerSecond: number;
  /** PDQ of the decoded frames held in memory. */
  readonly pdqFramesPerSecond: number;
}

async function bestSeconds(pass: () => Promise<void> | void): Promise<number> {
  await pass(); // warm-up: JIT, page cache
  let best = Number.POSITIVE_INFINITY;
  for (let p = 0; p < PASSES; p++) {
    const start = process.hrtime.bigint();
    await pass();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return best;
}

async function decodeAll(source: FfmpegFrameSource, file: string): Promise<VideoFrame[]> {
  const opened = await source.open(file);
  try {
    const frames: VideoFrame[] = [];
    for await (const frame of opened.sampleFrames(1)) frames.push(frame);
    return frames;
  } finally {
    await opened.close();
  }
}

export async function measureClip(dir: string, clip: Clip): Promise<ClipFigures> {
  const file = path.join(dir, `bench-${clip.width}x${clip.height}.mp4`);
  await writeSyntheticVideo(file, {
    segments: [
      { scene: 'testsrc2', seconds: clip.seconds / 2 },
      { scene: 'life', seconds: clip.seconds / 2 },
    ],
    width: clip.width,
    height: clip.height,
    fps: clip.fps,
    bitrateKbps: clip.bitrateKbps,
  });
  const options = { threads: 1 };
  const useCase = createLocalHashVideoUseCase(options);
  const source = new FfmpegFrameSource(options);

  let framesHashed = 0;
  const useCaseSeconds = await bestSeconds(async () => {
    const result = await useCase.execute(file);
    if (result.error) throw new Error(`${result.error.kind}: ${result.error.message}`);
    framesHashed = result.frames?.length ?? 0;
  });
  let frames: VideoFrame[] = [];
  const decodeSeconds = await bestSeconds(async () => {
    frames = await decodeAll(source, file);
  });
  const pdqSeconds = await bestSeconds(() => {
    for (const frame of frames) computePdq({ width: frame.width, height: frame.height, channels: 3, data: frame.rgb });
  });
  return {
    clip,
    bytes: (await stat(file)).size,
    framesHashed,
    useCaseFramesPerSecond: framesHashed / useCaseSeconds,
    useCaseVideoSecondsPerSecond: clip.seconds / useCaseSeconds,
    decodeFramesPerSecond: frames.length / decodeSeconds,
    pdqFramesPerSecond: frames.length / pdqSeconds,
  };
}

export async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vigil-vpdq-bench-'));
  try {
    process.stdout.write(`vPDQ throughput, 1 frame hashed per second of video, ffmpeg on 1 thread, best of ${PASSES} passes\n`);
    for (const clip of CLIPS) {
      const f = await measureClip(dir, clip);
      const mb = (f.bytes / 1e6).toFixed(1);
      process.stdout.write(
        `${clip.label}, ${clip.seconds} s H.264 at ${clip.bitrateKbps} kbit/s (${mb} MB), ${f.framesHashed} frames hashed:\n` +
          `  hash-video use case (digests + decode + PDQ) ${f.useCaseFramesPerSecond.toFixed(1).padStart(8)} frames/s  (${f.useCaseVideoSecondsPerSecond.toFixed(1)} s of video per second)\n` +
          `  decode and sample only                       ${f.decodeFramesPerSecond.toFixed(1).padStart(8)} frames/s\n` +
          `  PDQ only (frames in memory)                  ${f.pdqFramesPerSecond.toFixed(1).padStart(8)} frames/s\n`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`vpdq-throughput: ${String(error)}\n`);
    process.exitCode = 1;
  });
}
