import { spawn } from 'node:child_process';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PDQ_PRE_RESIZE_DIM } from '../../domain/pdq/pdq-luma';
import { detectVideoContainer, VIDEO_SNIFF_BYTES, VideoContainer } from '../../domain/vpdq/video-container';
import { vpdqFrameStep, vpdqTimestamp } from '../../domain/vpdq/vpdq-sampling';
import {
  DEFAULT_VIDEO_LIMITS,
  NotAVideo,
  OpenedVideo,
  VideoDecodeFailed,
  VideoFrame,
  VideoFrameSource,
  VideoInput,
  VideoLimits,
  VideoStreamInfo,
  VideoTooLarge,
} from '../../ports/video-frame-source';
import { lastFfmpegMessage, parseFfmpegInputInfo } from './ffmpeg-input-info';

export interface FfmpegFrameSourceOptions {
  /** Defaults to the static binary of the @ffmpeg-installer/ffmpeg npm package. */
  readonly ffmpegPath?: string;
  readonly limits?: Partial<VideoLimits>;
  /** Decoder threads per video; ffmpeg picks when unset. */
  readonly threads?: number;
  /**
   * Where an upload held in memory is written while it is decoded (the system's temporary folder
   * by default). Point it at an encrypted or memory-backed volume where media must not touch
   * plain disk.
   */
  readonly temporaryDirectory?: string;
}

/**
 * The static ffmpeg binary of the @ffmpeg-installer/ffmpeg npm package. Loaded on first use: the
 * package throws when its platform binary is missing, and that must not stop an app that never
 * hashes a video from starting.
 */
async function bundledFfmpegPath(): Promise<string> {
  const installer = await import('@ffmpeg-installer/ffmpeg');
  return installer.default.path;
}

/** The one ffmpeg demuxer allowed for each container we recognise. */
const DEMUXERS: Record<VideoContainer, string> = {
  mp4: 'mov',
  mov: 'mov',
  webm: 'matroska',
  matroska: 'matroska',
  avi: 'avi',
  'mpeg-ts': 'mpegts',
  'mpeg-ps': 'mpeg',
  flv: 'flv',
  asf: 'asf',
  ogg: 'ogg',
};

const PROBE_TIMEOUT_MS = 60_000;
/** The probe's description of the input comes first; a file crammed with metadata cannot make us hold more. */
const PROBE_STDERR_BYTES = 1024 * 1024;
/** While decoding only the reason for a failure matters, and it comes last. */
const DECODE_STDERR_TAIL_BYTES = 8192;

/**
 * Options that make ffmpeg safe to point at untrusted files:
 * - `-f <demuxer>`: only the demuxer of the container we sniffed runs, so playlists (HLS),
 *   concat lists and other formats that open further files or URLs never do;
 * - `-protocol_whitelist file`: no network or other protocol, whatever the content says;
 * - `-noautorotate`: the stored pixels are hashed, as vpdq and our image PDQ do.
 */
function inputArgs(demuxer: string, file: string, extra: readonly string[] = []): string[] {
  return ['-hide_banner', '-nostdin', '-protocol_whitelist', 'file', '-noautorotate', ...extra, '-f', demuxer, '-i', fileUrl(file)];
}

/** An explicit file: URL, so a name with a colon is never read as another protocol. */
function fileUrl(file: string): string {
  return `file:${path.resolve(file)}`;
}

/** ffmpeg's messages without the input's path (a temporary name, or a path not ours to echo). */
function withoutPath(stderr: string, file: string): string {
  return stderr.split(fileUrl(file)).join('input').split(file).join('input');
}

interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Collects a child's stderr up to a bound, keeping its start or its end. */
function stderrCollector(limit: number, keep: 'head' | 'tail'): { push(chunk: Buffer): void; text(): string } {
  let text = '';
  return {
    push: (chunk) => {
      if (keep === 'head' && text.length >= limit) return;
      text = text + chunk.toString('utf8');
      text = keep === 'head' ? text.slice(0, limit) : text.slice(-limit);
    },
    text: () => text,
  };
}

function formatSeconds(seconds: number): string {
  return `${Number(seconds.toFixed(3))} s`;
}

/**
 * VideoFrameSource on the ffmpeg binary shipped in the @ffmpeg-installer/ffmpeg npm package
 * (ffmpeg 4.1, static; nothing is downloaded at install or run time). Frames come from ffmpeg's
 * stdout as raw RGB, one sampled frame at a time, so memory stays at one frame whatever the
 * video's length; the pipe's backpressure paces the decoder to the hasher.
 *
 * Frames larger than 512 pixels on a side are scaled by ffmpeg to the 512×512 that PDQ would
 * resize them to anyway, with area averaging (SWS_AREA, vpdq's own scaler) instead of PDQ's nearest
 * neighbour. vpdq itself hashes full-size frames; the difference is a few bits, well inside the
 * match distance, and it keeps a 4K frame from costing 25 MB of pipe and memory.
 */
export class FfmpegFrameSource implements VideoFrameSource {
  private readonly ffmpegPath: string | undefined;
  private readonly limits: VideoLimits;
  private readonly threads: number | undefined;
  private readonly temporaryDirectory: string | undefined;

  constructor(options: FfmpegFrameSourceOptions = {}) {
    this.ffmpegPath = options.ffmpegPath;
    this.temporaryDirectory = options.temporaryDirectory;
    this.limits = { ...DEFAULT_VIDEO_LIMITS, ...options.limits };
    this.threads = options.threads;
  }

  async open(input: VideoInput): Promise<OpenedVideo> {
    const head = typeof input === 'string' ? await readHead(input) : input.subarray(0, VIDEO_SNIFF_BYTES);
    const container = detectVideoContainer(head);
    if (container === null) {
      throw new NotAVideo(head.length === 0 ? 'the content is empty' : 'the content is not a video container we decode (MP4/MOV, WebM/MKV, AVI, MPEG-TS/PS, FLV, ASF/WMV, Ogg)');
    }
    // ffmpeg needs a seekable file (an MP4's index is often at its end), so an upload held in
    // memory is written to a private temporary directory for as long as the video is open.
    let temporaryDir: string | null = null;
    let file: string;
    if (typeof input === 'string') {
      file = input;
    } else {
      temporaryDir = await mkdtemp(path.join(this.temporaryDirectory ?? tmpdir(), 'vigil-video-'));
      file = path.join(temporaryDir, 'input');
    }
    const close = async (): Promise<void> => {
      if (temporaryDir !== null) await rm(temporaryDir, { recursive: true, force: true });
    };
    try {
      if (typeof input !== 'string') await writeFile(file, input, { mode: 0o600 });
      const ffmpeg = this.ffmpegPath ?? (await bundledFfmpegPath());
      const { info, videoIndex } = await this.probe(ffmpeg, file, container);
      return {
        info,
        sampleFrames: (secondsPerHash) => this.sampleFrames(ffmpeg, file, info, videoIndex, secondsPerHash),
        close,
      };
    } catch (error) {
      await close();
      throw error;
    }
  }

  private async probe(ffmpeg: string, file: string, container: VideoContainer): Promise<{ info: VideoStreamInfo; videoIndex: number }> {
    const stderr = stderrCollector(PROBE_STDERR_BYTES, 'head');
    // `ffmpeg -i` without an output prints the input's description and exits with 1.
    const child = spawn(ffmpeg, inputArgs(DEMUXERS[container], file), { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, PROBE_TIMEOUT_MS);
    try {
      await finished(child);
    } finally {
      clearTimeout(timer);
    }
    if (timedOut) throw new NotAVideo(`ffmpeg did not finish reading the ${container} header within ${PROBE_TIMEOUT_MS / 1000} s`);
    const text = withoutPath(stderr.text(), file);
    const parsed = parseFfmpegInputInfo(text);
    if (parsed === null) throw new NotAVideo(`ffmpeg cannot read it as ${container}: ${lastFfmpegMessage(text)}`);
    const video = parsed.video;
    if (video === null) throw new NotAVideo(`the ${container} file has no video stream`);
    if (video.frameRate === null) throw new NotAVideo(`the ${container} file gives no frame rate for its video stream`);

    const info: VideoStreamInfo = {
      container,
      codec: video.codec,
      width: video.width,
      height: video.height,
      frameRate: video.frameRate,
      durationSeconds: parsed.durationSeconds,
    };
    this.checkHeader(info);
    return { info, videoIndex: video.videoIndex };
  }

  private checkHeader(info: VideoStreamInfo): void {
    const { width, height, frameRate, durationSeconds } = info;
    const limits = this.limits;
    const pixels = width * height;
    if (pixels > limits.maxPixelsPerFrame) {
      throw new VideoTooLarge(`frames are ${width}×${height} = ${pixels} pixels`, limits.maxPixelsPerFrame, 'pixels');
    }
    if (durationSeconds !== null && durationSeconds > limits.maxDurationSeconds) {
      throw new VideoTooLarge(`the video lasts ${formatSeconds(durationSeconds)}`, limits.maxDurationSeconds, 'seconds');
    }
    if (durationSeconds !== null && durationSeconds * frameRate > limits.maxFrames) {
      const frames = Math.round(durationSeconds * frameRate);
      throw new VideoTooLarge(`the video has about ${frames} frames (${formatSeconds(durationSeconds)} at ${frameRate} frames/s)`, limits.maxFrames, 'frames');
    }
  }

  private async *sampleFrames(ffmpeg: string, file: string, info: VideoStreamInfo, videoIndex: number, secondsPerHash: number): AsyncGenerator<VideoFrame> {
    const limits = this.limits;
    const step = vpdqFrameStep(info.frameRate, secondsPerHash);
    const big = info.width > PDQ_PRE_RESIZE_DIM || info.height > PDQ_PRE_RESIZE_DIM;
    const width = big ? PDQ_PRE_RESIZE_DIM : info.width;
    const height = big ? PDQ_PRE_RESIZE_DIM : info.height;
    const frameBytes = width * height * 3;
    // Reading stops a little past the duration limit: enough to see that a video whose header
    // understated its length crosses it, never hours of decoding.
    const readSeconds = limits.maxDurationSeconds + 2 * secondsPerHash;
    const args = [
      ...inputArgs(DEMUXERS[info.container], file, [
        '-loglevel',
        'error',
        ...(this.threads === undefined ? [] : ['-threads', String(this.threads)]),
        '-t',
        String(readSeconds),
      ]),
      '-map',
      `0:v:${videoIndex}`,
      '-an',
      '-sn',
      '-dn',
      // vpdq's sampling: every step-th decoded frame, by count, not by timestamp.
      '-vf',
      `select=not(mod(n\\,${step})),scale=${width}:${height}:flags=area,format=rgb24`,
      '-sws_flags',
      'area',
      '-vsync',
      'passthrough',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      'pipe:1',
    ];
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stderr = stderrCollector(DECODE_STDERR_TAIL_BYTES, 'tail');
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const done = finished(child);
    done.catch(() => undefined); // awaited below; an early exit from the loop must not leave it unhandled
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, limits.maxDecodeSeconds * 1000);

    try {
      let sampled = 0;
      let frame = Buffer.allocUnsafe(frameBytes);
      let filled = 0;
      for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
        let offset = 0;
        while (offset < chunk.length) {
          const count = Math.min(frameBytes - filled, chunk.length - offset);
          chunk.copy(frame, filled, offset, offset + count);
          filled += count;
          offset += count;
          if (filled < frameBytes) continue;
          const frameNumber = sampled * step;
          const timestampSeconds = vpdqTimestamp(frameNumber, info.frameRate);
          if (frameNumber >= limits.maxFrames) {
            throw new VideoTooLarge(`the video has more than ${frameNumber} frames`, limits.maxFrames, 'frames');
          }
          if (timestampSeconds > limits.maxDurationSeconds) {
            throw new VideoTooLarge(`the video lasts over ${formatSeconds(timestampSeconds)}`, limits.maxDurationSeconds, 'seconds');
          }
          yield { frameNumber, timestampSeconds, width, height, rgb: frame };
          sampled++;
          frame = Buffer.allocUnsafe(frameBytes);
          filled = 0;
        }
      }
      const { code, signal } = await done;
      if (timedOut) throw new VideoTooLarge('decoding did not finish in time', limits.maxDecodeSeconds, 'decode-seconds');
      const message = (): string => lastFfmpegMessage(withoutPath(stderr.text(), file));
      if (code !== 0) throw new VideoDecodeFailed(signal ? `ffmpeg was stopped by ${signal}` : message());
      if (filled !== 0) throw new VideoDecodeFailed(`the last frame was cut short (${filled} of ${frameBytes} bytes)`);
      if (sampled === 0) throw new VideoDecodeFailed(`no frame could be decoded (${message()})`);
    } finally {
      clearTimeout(timer);
      // Ends the decoder when the consumer stops early or a limit was crossed, and waits for it
      // to be gone, so a finished iteration never leaves a process behind.
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await done.catch(() => undefined);
      }
    }
  }
}

function finished(child: ReturnType<typeof spawn>): Promise<Finished> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => resolve({ code, signal }));
  });
}

async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(VIDEO_SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, VIDEO_SNIFF_BYTES, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
