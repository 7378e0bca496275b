import { execFile, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';

/**
 * Benign synthetic videos, generated with the ffmpeg binary shipped in the
 * @ffmpeg-installer/ffmpeg npm package from its built-in test sources: a test card with a moving
 * pattern and a running clock (testsrc2), a zooming fractal (mandelbrot), Conway's game of life,
 * a cellular automaton, colour bars. As with the synthetic images, no real video ever enters the
 * project.
 */
export type SyntheticVideoScene = 'testsrc2' | 'mandelbrot' | 'life' | 'cellauto' | 'smptebars';

export type SyntheticVideoCodec = 'h264' | 'vp8' | 'vp9' | 'mpeg4' | 'ffv1';

export interface SyntheticVideoSegment {
  readonly scene: SyntheticVideoScene;
  readonly seconds: number;
}

export interface VideoEncoding {
  readonly width?: number;
  readonly height?: number;
  readonly fps?: number;
  readonly codec?: SyntheticVideoCodec;
  /** Target bitrate; the codec's default quality when unset. */
  readonly bitrateKbps?: number;
}

export interface SyntheticVideoOptions extends VideoEncoding {
  /** Played one after the other. */
  readonly segments: readonly SyntheticVideoSegment[];
}

const run = promisify(execFile);

/** The bundled ffmpeg binary, loaded on first use so importing the fixtures never needs it. */
async function ffmpegPath(): Promise<string> {
  return (await import('@ffmpeg-installer/ffmpeg')).default.path;
}

function sourceFilter(scene: SyntheticVideoScene, width: number, height: number, fps: number): string {
  const size = `size=${width}x${height}:rate=${fps}`;
  switch (scene) {
    case 'testsrc2':
      return `testsrc2=${size}`;
    case 'mandelbrot':
      // Fewer iterations than the default keep generation fast; the fractal still zooms.
      return `mandelbrot=${size}:maxiter=256`;
    case 'life':
      return `life=${size}:seed=7:ratio=0.3:mold=10:life_color=#40c0ff:death_color=#a03020:mold_color=#204010`;
    case 'cellauto':
      return `cellauto=${size}:rule=30:seed=11:scroll=1`;
    case 'smptebars':
      return `smptebars=${size}`;
  }
}

function codecArgs(codec: SyntheticVideoCodec, bitrateKbps: number | undefined): string[] {
  const bitrate = bitrateKbps === undefined ? [] : ['-b:v', `${bitrateKbps}k`];
  switch (codec) {
    case 'h264':
      return ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', ...bitrate];
    case 'vp8':
      return ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', ...(bitrate.length ? bitrate : ['-b:v', '1M'])];
    case 'vp9':
      return ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', ...(bitrate.length ? bitrate : ['-b:v', '1M'])];
    case 'mpeg4':
      return ['-c:v', 'mpeg4', ...(bitrate.length ? bitrate : ['-q:v', '4'])];
    case 'ffv1':
      return ['-c:v', 'ffv1'];
  }
}

async function ffmpeg(args: readonly string[]): Promise<void> {
  try {
    await run(await ffmpegPath(), ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...args], { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const stderr = typeof error === 'object' && error !== null && 'stderr' in error ? String(error.stderr) : '';
    throw new Error(`ffmpeg failed (${args.join(' ')}): ${stderr.trim() || String(error)}`);
  }
}

/** Writes a video of the segments; the container follows the file's extension (.mp4, .webm, .mkv, .avi, .mov). */
export async function writeSyntheticVideo(file: string, options: SyntheticVideoOptions): Promise<string> {
  const width = options.width ?? 320;
  const height = options.height ?? 240;
  const fps = options.fps ?? 25;
  const inputs = options.segments.flatMap((segment) => ['-f', 'lavfi', '-t', String(segment.seconds), '-i', sourceFilter(segment.scene, width, height, fps)]);
  const n = options.segments.length;
  const graph = `${options.segments.map((_, i) => `[${i}:v]`).join('')}concat=n=${n}:v=1:a=0,format=yuv420p[v]`;
  await ffmpeg([...inputs, '-filter_complex', graph, '-map', '[v]', ...codecArgs(options.codec ?? 'h264', options.bitrateKbps), '-an', file]);
  return file;
}

/** Re-encodes a video, optionally at another size, rate, codec or bitrate (the container follows the extension). */
export async function reencodeVideo(input: string, output: string, encoding: VideoEncoding = {}): Promise<string> {
  const filters = [
    ...(encoding.width !== undefined && encoding.height !== undefined ? [`scale=${encoding.width}:${encoding.height}`] : []),
    ...(encoding.fps !== undefined ? [`fps=${encoding.fps}`] : []),
  ];
  await ffmpeg(['-i', input, ...(filters.length ? ['-vf', filters.join(',')] : []), ...codecArgs(encoding.codec ?? 'h264', encoding.bitrateKbps), '-an', output]);
  return output;
}

/**
 * Copies a video into Matroska through a pipe, as a live stream is written: ffmpeg cannot seek
 * back to fill in the duration, so the header says nothing about the length (to test limits that
 * must hold while decoding, not only against the header).
 */
export async function writeVideoWithoutDuration(input: string, output: string): Promise<string> {
  const child = spawn(await ffmpegPath(), ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', input, '-c', 'copy', '-f', 'matroska', 'pipe:1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  await pipeline(child.stdout, createWriteStream(output));
  const code = await exited;
  if (code !== 0) throw new Error(`ffmpeg failed to remux ${input}: ${stderr.trim()}`);
  return output;
}

/** The videos the vPDQ tests need, as files in one folder. */
export interface SyntheticVideoSet {
  /** 6 s of testsrc2, 320×240, 25 frames/s, H.264 in MP4. */
  readonly original: string;
  /** The original re-encoded: 480×360, 30 frames/s, VP8 at a low bitrate, in WebM. Should match it. */
  readonly reencoded: string;
  /** 6 s of a zooming fractal, same format as the original. Should not match it. */
  readonly different: string;
  /** 4 s of game of life, then the original's 6 s, then 4 s of a cellular automaton, MPEG-4 in Matroska. */
  readonly embedded: string;
}

export async function writeSyntheticVideoSet(dir: string): Promise<SyntheticVideoSet> {
  const original = await writeSyntheticVideo(path.join(dir, 'original.mp4'), { segments: [{ scene: 'testsrc2', seconds: 6 }], bitrateKbps: 600 });
  const [reencoded, different, embedded] = await Promise.all([
    reencodeVideo(original, path.join(dir, 'reencoded.webm'), { width: 480, height: 360, fps: 30, codec: 'vp8', bitrateKbps: 250 }),
    writeSyntheticVideo(path.join(dir, 'different.mp4'), { segments: [{ scene: 'mandelbrot', seconds: 6 }], bitrateKbps: 600 }),
    writeSyntheticVideo(path.join(dir, 'embedded.mkv'), {
      segments: [
        { scene: 'life', seconds: 4 },
        { scene: 'testsrc2', seconds: 6 },
        { scene: 'cellauto', seconds: 4 },
      ],
      codec: 'mpeg4',
    }),
  ]);
  return { original, reencoded, different, embedded };
}
