import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { computePdq, computePdqDihedral, createLocalHashFileUseCase, digestBuffer, SharpImageDecoder } from '@vigil/hashes';
import sharp from 'sharp';
import { CliIo, runHashCommand } from './hash.command';
import { runCli } from './main';

/** Captures what the command writes. stderr is not a TTY, so no progress bar. */
function captureIo(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const stderr = new PassThrough();
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return {
    stdout: { write: (chunk: string) => (out += chunk) },
    stderr,
    out: () => out,
    err: () => err,
  };
}

/** A benign synthetic picture: gradients and a block, as raw RGB. */
function syntheticRgb(width: number, height: number, shift: number): Buffer {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = 3 * (y * width + x);
      const inBlock = x > width / 3 && x < width / 2 && y > height / 4 && y < height / 2;
      data[i] = inBlock ? 250 : (x * 255) / width;
      data[i + 1] = inBlock ? 30 : ((y + shift) * 255) / (height + shift);
      data[i + 2] = (128 + 100 * Math.sin((x + shift) / 17)) & 255;
    }
  }
  return data;
}

let dir: string;
let imagesOnly: string;
const useCase = createLocalHashFileUseCase();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vigil-hash-cli-'));
  await mkdir(path.join(dir, 'sub', 'deeper'), { recursive: true });
  const raw = { raw: { width: 320, height: 240, channels: 3 as const } };
  await writeFile(path.join(dir, 'b-photo.jpg'), await sharp(syntheticRgb(320, 240, 0), raw).jpeg({ quality: 90 }).toBuffer());
  await writeFile(path.join(dir, 'a-drawing.png'), await sharp(syntheticRgb(320, 240, 40), raw).png().toBuffer());
  await writeFile(
    path.join(dir, 'sub', 'grey.png'),
    await sharp(syntheticRgb(320, 240, 80), raw).greyscale().png().toBuffer(),
  );
  await writeFile(path.join(dir, 'sub', 'deeper', 'large.jpg'), await sharp(syntheticRgb(900, 700, 5), { raw: { width: 900, height: 700, channels: 3 } }).jpeg().toBuffer());
  await writeFile(path.join(dir, 'notes.txt'), 'not an image\n');
  imagesOnly = path.join(dir, 'sub');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function parseTsv(text: string): { header: string[]; rows: string[][] } {
  const lines = text.split('\n');
  expect(lines.pop()).toBe(''); // ends with a newline
  const [header, ...rows] = lines.map((line) => line.split('\t'));
  return { header, rows };
}

describe('vigil hash', () => {
  it('prints a TSV row per file, in sorted order, with the library values, and flags the text file', async () => {
    const io = captureIo();
    const code = await runHashCommand([dir], { dihedral: false, format: 'tsv', concurrency: 3 }, io, useCase);
    const { header, rows } = parseTsv(io.out());
    expect(header).toEqual(['path', 'md5', 'sha1', 'sha256', 'pdq', 'quality', 'error']);
    const expectedPaths = ['a-drawing.png', 'b-photo.jpg', 'notes.txt', 'sub/deeper/large.jpg', 'sub/grey.png'].map((p) => path.join(dir, p));
    expect(rows.map((row) => row[0])).toEqual(expectedPaths);

    const decoder = new SharpImageDecoder();
    for (const row of rows) {
      const bytes = await readFile(row[0]);
      const digests = digestBuffer(bytes);
      expect(row.slice(1, 4)).toEqual([digests.md5, digests.sha1, digests.sha256]);
      if (row[0].endsWith('.txt')) {
        expect(row[4]).toBe('');
        expect(row[5]).toBe('');
        expect(row[6]).toMatch(/^not-an-image: /);
      } else {
        const pdq = computePdq(await decoder.decode(bytes));
        expect(row.slice(4)).toEqual([pdq.hash.toHex(), String(pdq.quality), '']);
        expect(row[4]).toMatch(/^[0-9a-f]{64}$/);
      }
    }
    expect(code).toBe(2);
    expect(io.err()).toBe('');
  });

  it('exits 0 when every file hashed, and prints the dihedral columns after pdq', async () => {
    const io = captureIo();
    const code = await runHashCommand([imagesOnly], { dihedral: true, format: 'tsv', concurrency: 2 }, io, useCase);
    const { header, rows } = parseTsv(io.out());
    expect(header).toEqual(['path', 'md5', 'sha1', 'sha256', 'pdq', 'rot90', 'rot180', 'rot270', 'flipx', 'flipy', 'flipplus1', 'flipminus1', 'quality', 'error']);
    expect(rows).toHaveLength(2);
    const dihedral = computePdqDihedral(await new SharpImageDecoder().decode(rows[0][0]));
    const h = dihedral.hashes;
    expect(rows[0].slice(4, 13)).toEqual(
      [h.original, h.rotate90, h.rotate180, h.rotate270, h.flipX, h.flipY, h.flipPlus1, h.flipMinus1].map((x) => x.toHex()).concat(String(dihedral.quality)),
    );
    expect(rows.every((row) => row[13] === '')).toBe(true);
    expect(code).toBe(0);
  });

  it('prints JSON as an array of objects', async () => {
    const io = captureIo();
    const code = await runHashCommand([path.join(dir, 'notes.txt'), path.join(dir, 'a-drawing.png')], { dihedral: false, format: 'json', concurrency: 3 }, io, useCase);
    const parsed = JSON.parse(io.out()) as Array<Record<string, unknown>>;
    expect(parsed.map((row) => path.basename(String(row.path)))).toEqual(['a-drawing.png', 'notes.txt']);
    const image = await useCase.execute(path.join(dir, 'a-drawing.png'));
    expect(parsed[0]).toEqual({
      path: path.join(dir, 'a-drawing.png'),
      md5: image.md5,
      sha1: image.sha1,
      sha256: image.sha256,
      bytes: image.bytes,
      pdq: image.pdq?.toHex(),
      quality: image.quality,
      error: null,
    });
    expect(parsed[1]).toMatchObject({ pdq: null, quality: null, error: { kind: 'not-an-image' } });
    expect(code).toBe(2);
  });

  it('gives a missing file an error row with empty digests instead of crashing', async () => {
    const io = captureIo();
    const missing = path.join(dir, 'does-not-exist.png');
    const code = await runHashCommand([missing], { dihedral: false, format: 'tsv', concurrency: 1 }, io, useCase);
    const { rows } = parseTsv(io.out());
    expect(rows).toEqual([[missing, '', '', '', '', '', expect.stringMatching(/^unreadable: ENOENT/)]]);
    expect(code).toBe(2);
  });

  it('prints an empty JSON array for an empty folder', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'vigil-hash-empty-'));
    try {
      const io = captureIo();
      expect(await runHashCommand([empty], { dihedral: false, format: 'json', concurrency: 3 }, io, useCase)).toBe(0);
      expect(JSON.parse(io.out())).toEqual([]);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('shows a progress bar on a TTY stderr for more than 20 files, and keeps it off stdout', async () => {
    const many = await mkdtemp(path.join(tmpdir(), 'vigil-hash-many-'));
    try {
      const png = await sharp(syntheticRgb(16, 16, 3), { raw: { width: 16, height: 16, channels: 3 } }).png().toBuffer();
      for (let i = 0; i < 25; i++) await writeFile(path.join(many, `img-${String(i).padStart(2, '0')}.png`), png);
      const io = captureIo();
      const tty = Object.assign(io.stderr, { isTTY: true, columns: 80 });
      const code = await runHashCommand([many], { dihedral: false, format: 'tsv', concurrency: 4 }, { stdout: io.stdout, stderr: tty }, useCase);
      expect(code).toBe(0);
      expect(io.err()).toMatch(/hashing/);
      const { rows } = parseTsv(io.out());
      expect(rows.map((row) => path.basename(row[0]))).toEqual(Array.from({ length: 25 }, (_, i) => `img-${String(i).padStart(2, '0')}.png`));
    } finally {
      await rm(many, { recursive: true, force: true });
    }
  });

  it('runs through the CLI entry point, with usage errors as exit codes', async () => {
    const io = captureIo();
    expect(await runCli(['hash', '--format', 'json', imagesOnly], io)).toBe(0);
    expect(JSON.parse(io.out())).toHaveLength(2);

    const bad = captureIo();
    expect(await runCli(['hash', '--format', 'xml', imagesOnly], bad)).toBe(1);
    expect(bad.err()).toMatch(/xml/);

    const help = captureIo();
    expect(await runCli(['hash', '--help'], help)).toBe(0);
    expect(help.out()).toMatch(/--dihedral/);
  });
});
