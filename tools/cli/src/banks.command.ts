import { BANK_FILE_FORMATS, type BankFileFormat, type ImportProgress, type ImportSummary } from '@vigil/hashes';
import { Presets, SingleBar } from 'cli-progress';
import { Command, Option } from 'commander';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CliIo } from './hash.command';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
/** The import ran, but the file had rows the bank refused (not counting hashes it already held). */
export const EXIT_SOME_ROWS_REFUSED = 2;

interface ApiOptions {
  api: string;
  user: string;
  password: string;
  bank: string;
  format: BankFileFormat;
}

class CliFailure extends Error {}

/** Signs in as a staff member and returns the bearer token. */
async function signIn(options: ApiOptions): Promise<string> {
  const response = await fetch(new URL('/api/v1/auth/login', options.api), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: options.user, password: options.password }),
  });
  if (!response.ok) throw new CliFailure(`signing in as ${options.user} failed (${response.status}): ${await errorMessage(response)}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

async function errorMessage(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { message?: string | string[] };
    return Array.isArray(body.message) ? body.message.join('; ') : (body.message ?? text);
  } catch {
    return text || response.statusText;
  }
}

/** The NDJSON lines of a streamed answer, one parsed object at a time. */
async function* ndjsonLines(body: ReadableStream<Uint8Array>): AsyncGenerator<Record<string, unknown>> {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of Readable.fromWeb(body as Parameters<typeof Readable.fromWeb>[0])) {
    buffered += decoder.decode(chunk as Uint8Array, { stream: true });
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line) yield JSON.parse(line) as Record<string, unknown>;
    }
  }
  if (buffered.trim()) yield JSON.parse(buffered) as Record<string, unknown>;
}

function progressBar(io: CliIo, label: string): SingleBar | undefined {
  if (!io.stderr.isTTY) return undefined;
  return new SingleBar({ stream: io.stderr, format: `${label} [{bar}] {value}/{total} entries | {eta_formatted} left`, clearOnComplete: true, hideCursor: true }, Presets.shades_classic);
}

export function formatImportSummary(summary: ImportSummary): string {
  const lines = [`taken: ${summary.taken}`, `skipped: ${summary.skipped}`];
  for (const [reason, count] of Object.entries(summary.reasons)) lines.push(`  ${reason}: ${count}`);
  if (summary.rejected.length > 0) {
    lines.push(`first ${summary.rejected.length} skipped:`);
    for (const rejected of summary.rejected) lines.push(`  row ${rejected.row}: ${rejected.reason} (${rejected.detail})`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Uploads a hash-list file to a bank and follows the server's progress (NDJSON) on a progress
 * bar; prints the summary. Exit 0 when every row was taken or already there, 2 when the file
 * had rows refused, 1 when the import failed.
 */
export async function runBankImport(file: string, options: ApiOptions & { json: boolean }, io: CliIo): Promise<number> {
  const token = await signIn(options);
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(await readFile(file))]), basename(file));
  const response = await fetch(new URL(`/api/v1/banks/${encodeURIComponent(options.bank)}/import?format=${options.format}`, options.api), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, accept: 'application/x-ndjson' },
    body: form,
  });
  if (!response.ok || !response.body) throw new CliFailure(`the import was refused (${response.status}): ${await errorMessage(response)}`);

  const bar = progressBar(io, 'importing');
  let summary: ImportSummary | undefined;
  try {
    for await (const line of ndjsonLines(response.body)) {
      if (line.progress) {
        const progress = line.progress as ImportProgress;
        if (bar && progress.processed === 0) bar.start(progress.total, 0);
        bar?.update(progress.processed);
      } else if (line.summary) {
        summary = line.summary as ImportSummary;
      } else if (line.error) {
        throw new CliFailure(`the import failed part-way: ${(line.error as { message: string }).message}`);
      }
    }
  } finally {
    bar?.stop();
  }
  if (!summary) throw new CliFailure('the server ended the import without a summary');
  io.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : formatImportSummary(summary));
  const refused = Object.entries(summary.reasons).some(([reason, count]) => reason !== 'already-in-bank' && (count ?? 0) > 0);
  return refused ? EXIT_SOME_ROWS_REFUSED : EXIT_OK;
}

/** Downloads a bank's export to a file (or stdout), with a byte counter on stderr. */
export async function runBankExport(options: ApiOptions & { out?: string }, io: CliIo): Promise<number> {
  const token = await signIn(options);
  const response = await fetch(new URL(`/api/v1/banks/${encodeURIComponent(options.bank)}/export?format=${options.format}`, options.api), {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok || !response.body) throw new CliFailure(`the export was refused (${response.status}): ${await errorMessage(response)}`);
  const counter = io.stderr.isTTY ? new SingleBar({ stream: io.stderr, format: 'exporting {value} bytes', clearOnComplete: true }, Presets.shades_classic) : undefined;
  counter?.start(0, 0);
  let bytes = 0;
  const source = Readable.fromWeb(response.body as Parameters<typeof Readable.fromWeb>[0]);
  source.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    counter?.update(bytes);
  });
  try {
    if (options.out) await pipeline(source, createWriteStream(options.out));
    else for await (const chunk of source) io.stdout.write((chunk as Buffer).toString('utf8'));
  } finally {
    counter?.stop();
  }
  io.stderr.write(`exported bank ${options.bank} as ${options.format}: ${bytes} bytes${options.out ? ` to ${options.out}` : ''}\n`);
  return EXIT_OK;
}

function apiOptions(command: Command): Command {
  return command
    .requiredOption('--api <url>', 'base URL of the hash-detection service, e.g. http://127.0.0.1:3002')
    .requiredOption('--user <username>', 'staff username (a bank curator)')
    .requiredOption('--password <password>', 'staff password')
    .requiredOption('--bank <id>', 'bank id')
    .addOption(new Option('--format <format>', 'file format').choices([...BANK_FILE_FORMATS]).makeOptionMandatory());
}

/** Adds `banks import` and `banks export` to the CLI program. The action's exit code is handed to `setExitCode`. */
export function registerBanksCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): Command {
  const run = async (work: () => Promise<number>) => {
    try {
      setExitCode(await work());
    } catch (error) {
      if (!(error instanceof CliFailure) && !(error instanceof TypeError)) throw error;
      // TypeError: fetch could not connect (bad URL, service down).
      io.stderr.write(`vigil banks: ${error instanceof TypeError ? `cannot reach the API (${(error.cause as Error | undefined)?.message ?? error.message})` : (error as Error).message}\n`);
      setExitCode(EXIT_FAILED);
    }
  };
  const banks = program.command('banks').description('Import hash lists into a bank and export banks, through the hash-detection API');
  apiOptions(banks.command('import'))
    .description('Import a VICS, NCMEC-style, CSV or TSV file into a bank; prints rows taken, skipped and why')
    .argument('<file>', 'the file to import')
    .option('--json', 'print the summary as JSON', false)
    .addHelpText('after', '\nExit code 0 when every row was taken (or already in the bank), 2 when the file had rows refused, 1 when the import failed.')
    .action((file: string, opts: ApiOptions & { json: boolean }) => run(() => runBankImport(file, opts, io)));
  apiOptions(banks.command('export'))
    .description('Export a bank’s enabled entries as VICS, NCMEC-style, CSV or TSV')
    .option('--out <file>', 'write to this file instead of stdout')
    .action((opts: ApiOptions & { out?: string }) => run(() => runBankExport(opts, io)));
  return banks;
}
