import { Readable } from 'node:stream';
import { FileDigests } from '../../domain/digests/file-digests';
import { computePdq } from '../../domain/pdq/pdq-hasher';
import { ContentDigester } from '../../ports/content-digester';
import { FileSource, OpenedFile } from '../../ports/file-source';
import { NotAVideo, OpenedVideo, VideoDecodeFailed, VideoFrame, VideoFrameSource, VideoStreamInfo, VideoTooLarge } from '../../ports/video-frame-source';
import { HashVideoUseCase } from './hash-video.use-case';
import { matchVideo } from './match-video';

/** In-memory fakes for the ports: the use case is tested without disks, ffmpeg or crypto. */
const CLIP = Buffer.from('fake-clip');
const OTHER_CLIP = Buffer.from('fake-other-clip');
const LONG = Buffer.from('fake-long');
const TEXT = Buffer.from('plain text');
const CORRUPT = Buffer.from('fake-corrupt');

const INFO: VideoStreamInfo = { container: 'mp4', codec: 'h264', width: 64, height: 48, frameRate: 25, durationSeconds: 3 };

/** A benign synthetic frame: stripes whose angle and phase depend on the seed. */
function frame(frameNumber: number, seed: number): VideoFrame {
  const { width, height } = INFO;
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = 128 + 120 * Math.sin((x * Math.cos(seed) + y * Math.sin(seed)) / (2 + (seed % 5)));
      rgb.fill(Math.round(v), 3 * (y * width + x), 3 * (y * width + x) + 3);
    }
  }
  return { frameNumber, timestampSeconds: frameNumber / 25, width, height, rgb };
}

class FakeFrameSource implements VideoFrameSource {
  readonly closed: string[] = [];
  readonly requestedIntervals: number[] = [];

  constructor(private readonly files: Record<string, Buffer>) {}

  async open(input: string | Buffer): Promise<OpenedVideo> {
    const content = typeof input === 'string' ? this.files[input] : input;
    if (content === undefined) throw new Error(`ENOENT: no such file or directory, open '${String(input)}'`);
    if (content.equals(TEXT)) throw new NotAVideo('the content is not a video container we decode');
    if (content.equals(LONG)) throw new VideoTooLarge('the video lasts 7200 s', 3600, 'seconds');
    const seedBase = content.equals(OTHER_CLIP) ? 50 : 1;
    const corrupt = content.equals(CORRUPT);
    const requestedIntervals = this.requestedIntervals;
    return {
      info: INFO,
      async *sampleFrames(secondsPerHash) {
        requestedIntervals.push(secondsPerHash);
        for (let i = 0; i < 3; i++) {
          if (corrupt && i === 1) throw new VideoDecodeFailed('Invalid NAL unit size');
          yield frame(i * 25, seedBase + i);
        }
      },
      close: async () => {
        this.closed.push(content.toString());
      },
    };
  }
}

const fakeDigester: ContentDigester = {
  digestBuffer(buffer): FileDigests {
    const tag = Buffer.from(buffer).toString('hex');
    return { md5: `md5:${tag}`, sha1: `sha1:${tag}`, sha256: `sha256:${tag}`, bytes: buffer.length };
  },
  async digestStream(stream: Readable): Promise<FileDigests> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
    return fakeDigester.digestBuffer(Buffer.concat(chunks));
  },
};

/** Records the buffering limit asked for, to prove videos are always streamed. */
class FakeFiles implements FileSource {
  readonly limits: number[] = [];

  constructor(private readonly files: Record<string, Buffer>) {}

  async open(path: string, maxBufferedBytes: number): Promise<OpenedFile> {
    this.limits.push(maxBufferedBytes);
    const content = this.files[path];
    if (content === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
    if (content.length > maxBufferedBytes) return { kind: 'streamed', bytes: content.length, stream: Readable.from([content]) };
    return { kind: 'buffered', content };
  }
}

const contents = { '/v/clip.mp4': CLIP, '/v/other.mp4': OTHER_CLIP, '/v/long.mp4': LONG, '/v/notes.txt': TEXT, '/v/corrupt.mp4': CORRUPT };

function setup(): { useCase: HashVideoUseCase; frames: FakeFrameSource; files: FakeFiles } {
  const frames = new FakeFrameSource(contents);
  const files = new FakeFiles(contents);
  return { useCase: new HashVideoUseCase(files, frames, fakeDigester), frames, files };
}

describe('HashVideoUseCase', () => {
  it('streams the digests and hashes every sampled frame with PDQ, one second apart by default', async () => {
    const { useCase, frames, files } = setup();
    const result = await useCase.execute('/v/clip.mp4');
    expect(result).toMatchObject({ md5: `md5:${CLIP.toString('hex')}`, sha256: `sha256:${CLIP.toString('hex')}`, bytes: CLIP.length, video: INFO });
    expect(result.error).toBeUndefined();
    expect(files.limits).toEqual([0]);
    expect(frames.requestedIntervals).toEqual([1]);
    expect(result.frames?.map((f) => [f.frameNumber, f.timestampSeconds])).toEqual([[0, 0], [25, 1], [50, 2]]);
    const expected = computePdq({ width: 64, height: 48, channels: 3, data: frame(25, 2).rgb });
    expect(result.frames?.[1].pdq.toHex()).toBe(expected.hash.toHex());
    expect(result.frames?.[1].quality).toBe(expected.quality);
    expect(frames.closed).toEqual(['fake-clip']);
  });

  it('hashes an upload held in memory the same way, digesting the buffer', async () => {
    const { useCase, frames } = setup();
    const fromFile = await useCase.execute('/v/clip.mp4');
    const fromBuffer = await useCase.execute(CLIP, { secondsPerHash: 2 });
    expect(fromBuffer.sha1).toBe(`sha1:${CLIP.toString('hex')}`);
    expect(fromBuffer.frames?.map((f) => f.pdq.toHex())).toEqual(fromFile.frames?.map((f) => f.pdq.toHex()));
    expect(frames.requestedIntervals).toEqual([1, 2]);
  });

  it('reports a non-video as not-a-video with its digests, and keeps the typed error', async () => {
    const result = await setup().useCase.execute('/v/notes.txt');
    expect(result.sha256).toBe(`sha256:${TEXT.toString('hex')}`);
    expect(result.frames).toBeUndefined();
    expect(result.error).toMatchObject({ kind: 'not-a-video', message: 'not a video we can decode: the content is not a video container we decode' });
    expect(result.error?.cause).toBeInstanceOf(NotAVideo);
  });

  it('reports a video over a limit as video-too-large', async () => {
    const result = await setup().useCase.execute('/v/long.mp4');
    expect(result.error).toMatchObject({ kind: 'video-too-large', message: 'video too large: the video lasts 7200 s, over the limit of 3600 seconds' });
    expect(result.error?.cause).toBeInstanceOf(VideoTooLarge);
    expect(result.md5).toBeDefined();
  });

  it('reports a decode failure part way as hash-failed, keeps the stream info and closes the video', async () => {
    const { useCase, frames } = setup();
    const result = await useCase.execute('/v/corrupt.mp4');
    expect(result.error).toMatchObject({ kind: 'hash-failed', message: 'video decoding failed: Invalid NAL unit size' });
    expect(result.video).toEqual(INFO);
    expect(result.frames).toBeUndefined();
    expect(frames.closed).toEqual(['fake-corrupt']);
  });

  it('reports a missing file as unreadable, without digests', async () => {
    const result = await setup().useCase.execute('/v/missing.mp4');
    expect(result).toEqual({ error: { kind: 'unreadable', message: "ENOENT: no such file or directory, open '/v/missing.mp4'" } });
  });
});

describe('matchVideo', () => {
  it('returns the matching candidates, best first', async () => {
    const { useCase } = setup();
    const clip = (await useCase.execute('/v/clip.mp4')).frames ?? [];
    const other = (await useCase.execute('/v/other.mp4')).frames ?? [];
    expect(clip).toHaveLength(3);
    const matches = matchVideo(clip, [
      { id: 'other', frames: other },
      { id: 'partial', frames: [clip[0], clip[1], ...other] },
      { id: 'same', frames: clip },
    ]);
    expect(matches.map((m) => m.id)).toEqual(['same']);
    const relaxed = matchVideo(clip, [{ id: 'partial', frames: [clip[0], clip[1], ...other] }, { id: 'same', frames: clip }], { queryMatchPercent: 60 });
    expect(relaxed.map((m) => [m.id, Math.round(m.result.queryMatchPercent)])).toEqual([['same', 100], ['partial', 67]]);
  });
});
