// The hashes library's barrel also exports TypeORM entities, whose decorators need this.
import 'reflect-metadata';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { computePdq, createLocalHashFileUseCase, DecodedImage, SharpImageDecoder } from '@vigil/hashes';
import sharp from 'sharp';

/**
 * PDQ throughput on one core: sequential hashing of ~1-megapixel synthetic JPEGs (benign
 * gradients, shapes and noise), reporting images/s end to end (read + decode + PDQ), decode
 * only, PDQ only, and the whole hash-file use case (which adds MD5/SHA-1/SHA-256).
 *
 * Run from the repository root after `npm run build`:
 *   TS_NODE_BASEURL=dist node -r tsconfig-paths/register dist/tools/bench/src/pdq-throughput.js
 * (as a file, not `node -e`: TypeORM, loaded through the @vigil/hashes barrel, needs require.main).
 */

export interface BenchOptions {
  readonly images: number;
  readonly width: number;
  readonly height: number;
  /** Timed passes over the image set; the best pass is reported (least disturbed by other load). */
  readonly passes: number;
}

export const DEFAULT_BENCH_OPTIONS: BenchOptions = { images: 24, width: 1200, height: 850, passes: 3 };

/** Images per second of wall time, and per second of CPU time (see BenchFigures). */
interface Rate {
  readonly wall: number;
  readonly cpu: number;
}

/**
 * `…PerSecond` is images per second of wall time; `…PerCpuSecond` images per second of CPU time
 * (user + system, every thread of the process, libvips' workers included). The CPU figure is the
 * per-core throughput, and unlike the wall-clock one it barely moves when other processes compete
 * for the cores.
 */
export interface BenchFigures {
  readonly endToEndPerSecond: number;
  readonly decodeOnlyPerSecond: number;
  readonly pdqOnlyPerSecond: number;
  readonly useCasePerSecond: number;
  readonly endToEndPerCpuSecond: number;
  readonly decodeOnlyPerCpuSecond: number;
  readonly pdqOnlyPerCpuSecond: number;
  readonly useCasePerCpuSecond: number;
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** Raw RGB of a benign synthetic picture: gradients, a few discs and bars, mild noise. */
function syntheticPicture(width: number, height: number, seed: number): Buffer {
  const random = seededRandom(seed);
  const shapes = Array.from({ length: 6 }, () => ({
    x: random() * width,
    y: random() * height,
    r: (0.05 + random() * 0.15) * Math.min(width, height),
    colour: [random() * 255, random() * 255, random() * 255],
    disc: random() < 0.5,
  }));
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = 3 * (y * width + x);
      const noise = (random() - 0.5) * 16;
      let r = (255 * x) / width;
      let g = (255 * y) / height;
      let b = 128 + 100 * Math.sin((x + y + seed * 31) / 60);
      for (const s of shapes) {
        const inside = s.disc ? (x - s.x) ** 2 + (y - s.y) ** 2 < s.r ** 2 : Math.abs(x - s.x) < s.r && Math.abs(y - s.y) < s.r / 3;
        if (inside) [r, g, b] = s.colour;
      }
      data[i] = Math.max(0, Math.min(255, r + noise));
      data[i + 1] = Math.max(0, Math.min(255, g + noise));
      data[i + 2] = Math.max(0, Math.min(255, b + noise));
    }
  }
  return data;
}

async function writeImages(dir: string, options: BenchOptions): Promise<string[]> {
  const files: string[] = [];
  for (let i = 0; i < options.images; i++) {
    const raw = syntheticPicture(options.width, options.height, i + 1);
    const jpeg = await sharp(raw, { raw: { width: options.width, height: options.height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
    const file = path.join(dir, `synthetic-${String(i).padStart(3, '0')}.jpg`);
    await writeFile(file, jpeg);
    files.push(file);
  }
  return files;
}

/** Best images/s (wall and CPU, each the best pass) over `passes` timed passes, after one warm-up pass. */
async function bestRate(count: number, passes: number, pass: () => Promise<void> | void): Promise<Rate> {
  await pass(); // warm-up: JIT, libvips caches, page cache
  let wall = 0;
  let cpu = 0;
  for (let p = 0; p < passes; p++) {
    const start = process.hrtime.bigint();
    const startCpu = process.cpuUsage();
    await pass();
    const used = process.cpuUsage(startCpu);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    wall = Math.max(wall, count / seconds);
    cpu = Math.max(cpu, count / ((used.user + used.system) / 1e6));
  }
  return { wall, cpu };
}

export async function runBenchmark(options: BenchOptions = DEFAULT_BENCH_OPTIONS): Promise<BenchFigures> {
  // One libvips worker thread, and every step awaited in turn: at most one core busy at a time.
  sharp.concurrency(1);
  const dir = await mkdtemp(path.join(tmpdir(), 'vigil-pdq-bench-'));
  try {
    const files = await writeImages(dir, options);
    const decoder = new SharpImageDecoder();
    const hashFile = createLocalHashFileUseCase();
    const n = files.length;

    const endToEnd = await bestRate(n, options.passes, async () => {
      for (const file of files) computePdq(await decoder.decode(await readFile(file)));
    });
    const contents = await Promise.all(files.map((file) => readFile(file)));
    const decodeOnly = await bestRate(n, options.passes, async () => {
      for (const content of contents) await decoder.decode(content);
    });
    const decoded: DecodedImage[] = [];
    for (const content of contents) decoded.push(await decoder.decode(content));
    const pdqOnly = await bestRate(n, options.passes, () => {
      for (const pixels of decoded) computePdq(pixels);
    });
    const useCase = await bestRate(n, options.passes, async () => {
      for (const file of files) await hashFile.execute(file);
    });
    return {
      endToEndPerSecond: endToEnd.wall,
      decodeOnlyPerSecond: decodeOnly.wall,
      pdqOnlyPerSecond: pdqOnly.wall,
      useCasePerSecond: useCase.wall,
      endToEndPerCpuSecond: endToEnd.cpu,
      decodeOnlyPerCpuSecond: decodeOnly.cpu,
      pdqOnlyPerCpuSecond: pdqOnly.cpu,
      useCasePerCpuSecond: useCase.cpu,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function main(): Promise<void> {
  const options = DEFAULT_BENCH_OPTIONS;
  const figures = await runBenchmark(options);
  const line = (label: string, wall: number, cpu: number): string =>
    `${label.padEnd(44)} ${wall.toFixed(1).padStart(7)} images/s  (${(1000 / wall).toFixed(2)} ms/image)` +
    `  ${cpu.toFixed(1).padStart(7)} images/CPU-s  (${(1000 / cpu).toFixed(2)} CPU-ms/image)\n`;
  process.stdout.write(
    `PDQ throughput, one core, ${options.images} synthetic ${options.width}×${options.height} JPEGs (q85), best of ${options.passes} passes\n` +
      line('end to end (read + decode + PDQ)', figures.endToEndPerSecond, figures.endToEndPerCpuSecond) +
      line('decode only (sharp/libvips)', figures.decodeOnlyPerSecond, figures.decodeOnlyPerCpuSecond) +
      line('PDQ only (decoded pixels in memory)', figures.pdqOnlyPerSecond, figures.pdqOnlyPerCpuSecond) +
      line('hash-file use case (+ MD5/SHA-1/SHA-256)', figures.useCasePerSecond, figures.useCasePerCpuSecond),
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`pdq-throughput: ${String(error)}\n`);
    process.exitCode = 1;
  });
}
