import { createLocalHashFileUseCase, createLocalHashVideoUseCase, HashFileUseCase, HashVideoUseCase } from '@vigil/hashes';
import { Presets, SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import { collectPaths } from './file-walker';
import { HashRow, jsonRow, tsvHeader, tsvRow, vpdqTsvHeader, vpdqTsvRows } from './hash-output';
import { isVideoFile } from './media-kind';

/** Where the command writes; process.stdout/stderr in real use, buffers in tests. */
export interface CliIo {
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
}

export type HashOutputFormat = 'tsv' | 'json';

export interface HashCommandOptions {
  readonly dihedral: boolean;
  readonly format: HashOutputFormat;
  /** TSV only: one row per hashed video frame (path frame timestamp pdq quality error) instead of one per file. */
  readonly vpdq?: boolean;
  /** Files hashed at once. Small, because decoding is memory-hungry and the PDQ is synchronous. */
  readonly concurrency: number;
}

export const DEFAULT_HASH_CONCURRENCY = 3;
/** Below this many files a progress bar is more noise than help. */
const PROGRESS_BAR_MIN_FILES = 20;

export const EXIT_OK = 0;
export const EXIT_SOME_ROWS_FAILED = 2;

/**
 * Hashes the files at `paths` (directories recursively) and writes one row per file, in sorted
 * path order, as TSV or JSON. Videos (recognised by their first bytes) get their digests streamed
 * and a vPDQ hash (PDQ of one frame per second). Per-file problems become row errors, never a
 * crash. Returns 0 when every row hashed, 2 when some rows have errors.
 */
export async function runHashCommand(
  paths: readonly string[],
  options: HashCommandOptions,
  io: CliIo,
  useCase: HashFileUseCase = createLocalHashFileUseCase(),
  videoUseCase: HashVideoUseCase = createLocalHashVideoUseCase(),
): Promise<number> {
  const walked = await collectPaths(paths);
  const rows: Array<HashRow | undefined> = new Array(walked.length);
  const writer = rowWriter(options, io);
  const bar = io.stderr.isTTY && walked.length > PROGRESS_BAR_MIN_FILES ? progressBar(io, walked.length) : null;

  let failures = 0;
  let nextToHash = 0;
  let nextToPrint = 0;
  let done = 0;
  // Rows finish out of order; print each as soon as every row before it is printed.
  const flush = (): void => {
    while (nextToPrint < rows.length && rows[nextToPrint] !== undefined) {
      writer.write(rows[nextToPrint] as HashRow);
      rows[nextToPrint] = undefined; // let the result be collected
      nextToPrint++;
    }
  };
  const worker = async (): Promise<void> => {
    while (nextToHash < walked.length) {
      const index = nextToHash++;
      const item = walked[index];
      let row: HashRow;
      if (item.error) row = { path: item.path, kind: 'file', result: { error: { kind: 'unreadable', message: item.error } } };
      else if (await isVideoFile(item.path)) row = { path: item.path, kind: 'video', result: await videoUseCase.execute(item.path) };
      else row = { path: item.path, kind: 'file', result: await useCase.execute(item.path, { dihedral: options.dihedral }) };
      if (row.result.error) failures++;
      rows[index] = row;
      done++;
      bar?.update(done);
      flush();
    }
  };

  writer.start();
  const workers = Math.max(1, Math.min(options.concurrency, walked.length));
  await Promise.all(Array.from({ length: workers }, worker));
  flush();
  writer.end();
  bar?.stop();
  return failures === 0 ? EXIT_OK : EXIT_SOME_ROWS_FAILED;
}

interface RowWriter {
  start(): void;
  write(row: HashRow): void;
  end(): void;
}

function rowWriter(options: HashCommandOptions, io: CliIo): RowWriter {
  if (options.format === 'json') {
    // Streamed as a JSON array, so a long run does not hold every row in memory.
    let first = true;
    return {
      start: () => io.stdout.write('['),
      write: (row) => {
        io.stdout.write((first ? '\n  ' : ',\n  ') + JSON.stringify(jsonRow(row, options.dihedral)));
        first = false;
      },
      end: () => io.stdout.write(first ? ']\n' : '\n]\n'),
    };
  }
  if (options.vpdq) {
    return { start: () => io.stdout.write(vpdqTsvHeader()), write: (row) => io.stdout.write(vpdqTsvRows(row)), end: () => undefined };
  }
  return {
    start: () => io.stdout.write(tsvHeader(options.dihedral)),
    write: (row) => io.stdout.write(tsvRow(row, options.dihedral)),
    end: () => undefined,
  };
}

function progressBar(io: CliIo, total: number): SingleBar {
  const bar = new SingleBar(
    { stream: io.stderr, format: 'hashing [{bar}] {value}/{total} files | {eta_formatted} left', clearOnComplete: true, hideCursor: true },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return bar;
}

function parseConcurrency(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('must be an integer from 1 to 64');
  return n;
}

/** Adds `hash` to the CLI program. The action's exit code is handed to `setExitCode`. */
export function registerHashCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): Command {
  return program
    .command('hash')
    .description('Print MD5, SHA-1, SHA-256 and PDQ (with quality) of files, vPDQ of videos; folders are walked recursively.')
    .argument('<paths...>', 'files or folders to hash')
    .option('--dihedral', 'also print the 7 other dihedral-transform PDQ hashes (images)', false)
    .option('--vpdq', 'TSV: print one row per hashed video frame (path frame timestamp pdq quality error) instead of one per file', false)
    .addOption(new Option('--format <format>', 'output format').choices(['tsv', 'json']).default('tsv'))
    .option('--concurrency <n>', 'files hashed at once', parseConcurrency, DEFAULT_HASH_CONCURRENCY)
    .addHelpText(
      'after',
      '\nRows come in sorted path order. TSV columns: path md5 sha1 sha256 pdq [rot90 rot180 rot270 flipx flipy flipplus1 flipminus1] quality error.\n' +
        'Videos (MP4/MOV, WebM/MKV, AVI, MPEG-TS/PS, FLV, ASF, Ogg; told by their content) get their digests and a vPDQ hash:\n' +
        'PDQ of one frame per second. In TSV their pdq and quality are empty; --vpdq prints their frames instead\n' +
        '(an image is then one row without frame and timestamp); JSON adds "video" and "frames" to their objects.\n' +
        'Exit code 0 when every file hashed, 2 when some rows have an error (unreadable, not an image, not a video, too large).\n' +
        'A PDQ hash with quality below 50 must not be used for matching.',
    )
    .action(async (paths: string[], opts: { dihedral: boolean; vpdq: boolean; format: HashOutputFormat; concurrency: number }) => {
      const options = { dihedral: opts.dihedral, vpdq: opts.vpdq, format: opts.format, concurrency: opts.concurrency };
      setExitCode(await runHashCommand(paths, options, io));
    });
}
