import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { SyntheticVideoSet, syntheticImage, writeSyntheticVideo, writeSyntheticVideoSet, writeVideoWithoutDuration } from '@vigil/test-fixtures';
import { VpdqFeature } from '../../domain/vpdq/vpdq-feature';
import { matchVpdq } from '../../domain/vpdq/vpdq-match';
import { VideoFrame } from '../../ports/video-frame-source';
import { FfmpegFrameSource } from './ffmpeg-frame-source';
import { createLocalHashVideoUseCase } from './local-hash-video.factory';

/**
 * The video pipeline for real: synthetic videos made with the bundled ffmpeg, decoded by it,
 * hashed with our PDQ and matched as vPDQ.
 */
const run = promisify(execFile);
let dir: string;
let videos: SyntheticVideoSet;
const useCase = createLocalHashVideoUseCase();
const featuresOf = new Map<string, readonly VpdqFeature[]>();

async function features(file: string): Promise<readonly VpdqFeature[]> {
  const cached = featuresOf.get(file);
  if (cached) return cached;
  const result = await useCase.execute(file);
  expect(result.error).toBeUndefined();
  featuresOf.set(file, result.frames ?? []);
  return result.frames ?? [];
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vigil-vpdq-'));
  videos = await writeSyntheticVideoSet(dir);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('hashing a video (bundled ffmpeg + PDQ)', () => {
  it('hashes one frame per second, numbered and timed as vpdq does, with digests equal to the coreutils sums', async () => {
    const result = await useCase.execute(videos.original);
    expect(result.error).toBeUndefined();
    expect(result.video).toEqual({ container: 'mp4', codec: 'h264', width: 320, height: 240, frameRate: 25, durationSeconds: 6 });
    expect(result.frames?.map((f) => [f.frameNumber, f.timestampSeconds])).toEqual([0, 1, 2, 3, 4, 5].map((s) => [25 * s, s]));
    for (const frame of result.frames ?? []) expect(frame.quality).toBeGreaterThanOrEqual(50);
    // A test card with a clock and moving parts: every second looks different.
    expect(new Set(result.frames?.map((f) => f.pdq.toHex())).size).toBe(6);

    const sum = async (tool: string): Promise<string> => (await run(tool, [videos.original])).stdout.split(' ')[0];
    expect(result.sha256).toBe(await sum('sha256sum'));
    expect(result.sha1).toBe(await sum('sha1sum'));
    expect(result.md5).toBe(await sum('md5sum'));
    expect(result.bytes).toBe((await readFile(videos.original)).length);
  });

  it('samples by frame count at the stream rate: 30 frames/s gives frames 0, 30, 60…', async () => {
    const result = await useCase.execute(videos.reencoded);
    expect(result.video).toMatchObject({ container: 'webm', codec: 'vp8', width: 480, height: 360, frameRate: 30 });
    expect(result.frames?.map((f) => f.frameNumber)).toEqual([0, 30, 60, 90, 120, 150]);
  });

  it('matches the clip re-encoded at another size, frame rate, codec and bitrate, both ways', async () => {
    const original = await features(videos.original);
    const reencoded = await features(videos.reencoded);
    const forward = matchVpdq(original, reencoded);
    expect(forward).toMatchObject({ queryMatchPercent: 100, comparedMatchPercent: 100, isMatch: true });
    expect(matchVpdq(reencoded, original).isMatch).toBe(true);
    // Frame by frame, the re-encoded hash is well inside the match distance (10 to 16 bits when written).
    original.forEach((frame, i) => expect(frame.pdq.hammingDistance(reencoded[i].pdq)).toBeLessThanOrEqual(24));
  });

  it('does not match a different clip', async () => {
    const result = matchVpdq(await features(videos.original), await features(videos.different));
    expect(result.isMatch).toBe(false);
    expect(result.queryMatchPercent).toBe(0);
  });

  it('finds the clip embedded in the middle of a longer video, where it is', async () => {
    const original = await features(videos.original);
    const embedded = await features(videos.embedded);
    expect(embedded).toHaveLength(14);
    const clipInLonger = matchVpdq(original, embedded);
    expect(clipInLonger).toMatchObject({ queryMatchPercent: 100, isMatch: true });
    expect(clipInLonger.comparedMatchPercent).toBeCloseTo((6 * 100) / 14, 5);
    const found = embedded.filter((frame) => original.some((o) => o.pdq.hammingDistance(frame.pdq) <= 31)).map((f) => f.timestampSeconds);
    expect(found).toEqual([4, 5, 6, 7, 8, 9]);
    // Under Meta's defaults the longer video, as the query, does not match the clip.
    expect(matchVpdq(embedded, original).isMatch).toBe(false);
  });

  it('hashes an upload held in memory exactly as the same file, and leaves no temporary copy', async () => {
    const temporaryDirectory = path.join(dir, 'uploads');
    await mkdir(temporaryDirectory);
    const uploads = createLocalHashVideoUseCase({ temporaryDirectory });
    const content = await readFile(videos.reencoded);
    const fromBuffer = await uploads.execute(content);
    expect(fromBuffer.error).toBeUndefined();
    expect(fromBuffer.sha256).toBe((await run('sha256sum', [videos.reencoded])).stdout.split(' ')[0]);
    expect(fromBuffer.frames?.map((f) => f.pdq.toHex())).toEqual((await features(videos.reencoded)).map((f) => f.pdq.toHex()));
    // Refused uploads are cleaned up too.
    const refused = await createLocalHashVideoUseCase({ temporaryDirectory, limits: { maxDurationSeconds: 1 } }).execute(content);
    expect(refused.error?.kind).toBe('video-too-large');
    expect(await readdir(temporaryDirectory)).toEqual([]);
  });
});

describe('video limits (decompression bombs) and bad input', () => {
  it('refuses a video longer than the limit before decoding, with a clear error and the digests', async () => {
    const strict = createLocalHashVideoUseCase({ limits: { maxDurationSeconds: 5 } });
    const result = await strict.execute(videos.original);
    expect(result.error).toMatchObject({ kind: 'video-too-large', message: 'video too large: the video lasts 6 s, over the limit of 5 seconds' });
    expect(result.frames).toBeUndefined();
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses too many frames and too many pixels per frame', async () => {
    const fewFrames = await createLocalHashVideoUseCase({ limits: { maxFrames: 100 } }).execute(videos.original);
    expect(fewFrames.error?.message).toBe('video too large: the video has about 150 frames (6 s at 25 frames/s), over the limit of 100 frames');
    const smallFrames = await createLocalHashVideoUseCase({ limits: { maxPixelsPerFrame: 320 * 239 } }).execute(videos.original);
    expect(smallFrames.error?.message).toBe('video too large: frames are 320×240 = 76800 pixels, over the limit of 76480 pixels');
  });

  it('stops decoding a video whose header does not give its length once it crosses the limit', async () => {
    const streamed = await writeVideoWithoutDuration(videos.original, path.join(dir, 'no-duration.mkv'));
    const source = new FfmpegFrameSource({ limits: { maxDurationSeconds: 3 } });
    const opened = await source.open(streamed);
    try {
      expect(opened.info.durationSeconds).toBeNull();
      const seen: number[] = [];
      const decoding = (async () => {
        for await (const frame of opened.sampleFrames(1)) seen.push(frame.timestampSeconds);
      })();
      await expect(decoding).rejects.toThrow('video too large: the video lasts over 4 s, over the limit of 3 seconds');
      expect(seen).toEqual([0, 1, 2, 3]);
    } finally {
      await opened.close();
    }
  });

  it('gives up on a video that takes longer to decode than allowed', async () => {
    const impatient = await createLocalHashVideoUseCase({ limits: { maxDecodeSeconds: 0.001 } }).execute(videos.original);
    expect(impatient.error).toMatchObject({
      kind: 'video-too-large',
      message: 'video too large: decoding did not finish in time, over the limit of 0.001 seconds of decoding',
    });
  });

  it('gives a text file, an image and an HLS playlist a not-a-video error without running a decoder on them', async () => {
    const text = path.join(dir, 'notes.txt');
    await writeFile(text, 'not a video\n');
    const png = path.join(dir, 'picture.png');
    await writeFile(png, await syntheticImage({ pattern: 'rings', format: 'png' }));
    const playlist = path.join(dir, 'playlist.m3u8');
    await writeFile(playlist, '#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6.0,\nhttp://127.0.0.1:9/segment.ts\n#EXT-X-ENDLIST\n');
    for (const file of [text, png, playlist]) {
      const result = await useCase.execute(file);
      expect(result.error).toMatchObject({
        kind: 'not-a-video',
        message: 'not a video we can decode: the content is not a video container we decode (MP4/MOV, WebM/MKV, AVI, MPEG-TS/PS, FLV, ASF/WMV, Ogg)',
      });
      expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('gives a file that only looks like an MP4 the reason ffmpeg could not read it', async () => {
    const fake = path.join(dir, 'fake.mp4');
    await writeFile(fake, Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(200, 7)]));
    const result = await useCase.execute(fake);
    expect(result.error?.kind).toBe('not-a-video');
    expect(result.error?.message).toMatch(/^not a video we can decode: ffmpeg cannot read it as mp4: input: Invalid data found when processing input$/);
    expect(result.error?.message).not.toContain(dir);
  });

  it('reads a file whose name has a colon as a file, not as a protocol', async () => {
    const colon = path.join(dir, 'http:clip.mp4');
    await copyFile(videos.original, colon);
    const result = await useCase.execute(colon);
    expect(result.error).toBeUndefined();
    expect(result.frames?.map((f) => f.pdq.toHex())).toEqual((await features(videos.original)).map((f) => f.pdq.toHex()));
  });

  it('reports a missing file as unreadable', async () => {
    const result = await useCase.execute(path.join(dir, 'missing.mp4'));
    expect(result.error).toMatchObject({ kind: 'unreadable', message: expect.stringMatching(/^ENOENT/) });
    expect(result.sha256).toBeUndefined();
  });

  it('hashes what decodes of a truncated stream', async () => {
    const cut = path.join(dir, 'cut.mkv');
    await copyFile(videos.embedded, cut);
    const size = (await readFile(cut)).length;
    await truncate(cut, Math.floor(size / 2));
    const result = await useCase.execute(cut);
    expect(result.error).toBeUndefined();
    expect(result.frames?.length).toBeGreaterThan(2);
    expect(result.frames?.length).toBeLessThan(14);
  });
});

describe('FfmpegFrameSource', () => {
  it('gives RGB frames, scaled to the 512×512 PDQ works at when bigger, and stops ffmpeg when the consumer stops', async () => {
    const big = await writeSyntheticVideo(path.join(dir, 'big.mp4'), { segments: [{ scene: 'testsrc2', seconds: 3 }], width: 1280, height: 720 });
    const opened = await new FfmpegFrameSource().open(big);
    try {
      expect(opened.info).toMatchObject({ width: 1280, height: 720 });
      const frames: VideoFrame[] = [];
      for await (const frame of opened.sampleFrames(1)) {
        frames.push(frame);
        break;
      }
      expect(frames).toHaveLength(1);
      expect(frames[0]).toMatchObject({ frameNumber: 0, timestampSeconds: 0, width: 512, height: 512 });
      expect(frames[0].rgb.length).toBe(512 * 512 * 3);
    } finally {
      await opened.close();
    }
    // "[f]fmpeg" matches ffmpeg's command line but not this shell's own.
    const running = (await run('sh', ['-c', `pgrep -f -- "[f]fmpeg.*-i ${big}" || true`])).stdout.trim();
    expect(running).toBe('');
  });
});
