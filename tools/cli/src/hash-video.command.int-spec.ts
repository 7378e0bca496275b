import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { createLocalHashVideoUseCase, vpdqFeatureToJson } from '@vigil/hashes';
import { syntheticImage, writeSyntheticVideoSet } from '@vigil/test-fixtures';
import { CliIo, runHashCommand } from './hash.command';
import { runCli } from './main';

/** `vigil hash` on folders mixing synthetic videos, an image and files that are neither. */
const run = promisify(execFile);

function captureIo(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const stderr = new PassThrough();
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { stdout: { write: (chunk: string) => (out += chunk) }, stderr, out: () => out, err: () => err };
}

function parseTsv(text: string): { header: string[]; rows: string[][] } {
  const lines = text.split('\n');
  expect(lines.pop()).toBe('');
  const [header, ...rows] = lines.map((line) => line.split('\t'));
  return { header, rows };
}

let dir: string;
let media: string;
const videoUseCase = createLocalHashVideoUseCase();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vigil-hash-video-cli-'));
  const generated = await writeSyntheticVideoSet(path.join(dir));
  media = path.join(dir, 'media');
  await mkdir(path.join(media, 'clips'), { recursive: true });
  // Names that say nothing: the type is told by the content.
  await copyFile(generated.original, path.join(media, 'clips', 'a-clip.bin'));
  await copyFile(generated.reencoded, path.join(media, 'clips', 'b-clip'));
  await writeFile(path.join(media, 'c-picture.png'), await syntheticImage({ pattern: 'stripes', format: 'png' }));
  await writeFile(path.join(media, 'd-fake.mp4'), Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(100, 1)]));
  await writeFile(path.join(media, 'e-notes.txt'), 'neither\n');
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const file = (name: string): string => path.join(media, name);

describe('vigil hash with videos', () => {
  it('gives each video a row with streamed digests and empty pdq/quality, and other files their usual rows', async () => {
    const io = captureIo();
    const code = await runHashCommand([media], { dihedral: false, format: 'tsv', concurrency: 2 }, io);
    const { header, rows } = parseTsv(io.out());
    expect(header).toEqual(['path', 'md5', 'sha1', 'sha256', 'pdq', 'quality', 'error']);
    // Code-unit order: "c-" sorts before "cl".
    expect(rows.map((row) => row[0])).toEqual(['c-picture.png', 'clips/a-clip.bin', 'clips/b-clip', 'd-fake.mp4', 'e-notes.txt'].map(file));

    const [picture, clip, other, fake, notes] = rows;
    for (const row of [clip, other]) {
      const sums = await Promise.all(['md5sum', 'sha1sum', 'sha256sum'].map(async (tool) => (await run(tool, [row[0]])).stdout.split(' ')[0]));
      expect(row.slice(1)).toEqual([...sums, '', '', '']);
    }
    expect(picture[4]).toMatch(/^[0-9a-f]{64}$/);
    expect(fake[6]).toBe('not-a-video: not a video we can decode: ffmpeg cannot read it as mp4: input: Invalid data found when processing input');
    expect(fake[3]).toMatch(/^[0-9a-f]{64}$/);
    expect(notes[6]).toMatch(/^not-an-image: /);
    expect(code).toBe(2);
  });

  it('prints one row per video frame with --vpdq, the library values, and an image as one row', async () => {
    const io = captureIo();
    const code = await runHashCommand([file('clips'), file('c-picture.png')], { dihedral: false, vpdq: true, format: 'tsv', concurrency: 3 }, io);
    const { header, rows } = parseTsv(io.out());
    expect(header).toEqual(['path', 'frame', 'timestamp', 'pdq', 'quality', 'error']);
    const expected = await videoUseCase.execute(file('clips/a-clip.bin'));
    const clipRows = rows.filter((row) => row[0] === file('clips/a-clip.bin'));
    expect(clipRows).toEqual(
      (expected.frames ?? []).map((f) => [file('clips/a-clip.bin'), String(f.frameNumber), f.timestampSeconds.toFixed(3), f.pdq.toHex(), String(f.quality), '']),
    );
    expect(clipRows.map((row) => row[2])).toEqual(['0.000', '1.000', '2.000', '3.000', '4.000', '5.000']);
    expect(rows.filter((row) => row[0] === file('clips/b-clip')).map((row) => row[1])).toEqual(['0', '30', '60', '90', '120', '150']);
    const picture = rows.filter((row) => row[0] === file('c-picture.png'));
    expect(picture).toEqual([[file('c-picture.png'), '', '', expect.stringMatching(/^[0-9a-f]{64}$/), expect.stringMatching(/^\d+$/), '']]);
    expect(code).toBe(0);
  });

  it('adds the stream and the vPDQ frames to a video in JSON', async () => {
    const io = captureIo();
    const code = await runHashCommand([file('clips/a-clip.bin'), file('d-fake.mp4')], { dihedral: false, format: 'json', concurrency: 2 }, io);
    const [clip, fake] = JSON.parse(io.out()) as Array<Record<string, unknown>>;
    const expected = await videoUseCase.execute(file('clips/a-clip.bin'));
    expect(clip).toEqual({
      path: file('clips/a-clip.bin'),
      md5: expected.md5,
      sha1: expected.sha1,
      sha256: expected.sha256,
      bytes: expected.bytes,
      pdq: null,
      quality: null,
      video: { container: 'mp4', codec: 'h264', width: 320, height: 240, frameRate: 25, durationSeconds: 6 },
      frames: expected.frames?.map(vpdqFeatureToJson),
      error: null,
    });
    expect(fake).toMatchObject({ pdq: null, video: null, frames: null, error: { kind: 'not-a-video' } });
    expect(code).toBe(2);
  });

  it('takes --vpdq on the command line', async () => {
    const io = captureIo();
    expect(await runCli(['hash', '--vpdq', file('clips/a-clip.bin')], io)).toBe(0);
    expect(parseTsv(io.out()).rows).toHaveLength(6);
    const help = captureIo();
    expect(await runCli(['hash', '--help'], help)).toBe(0);
    expect(help.out()).toMatch(/--vpdq/);
  });
});
