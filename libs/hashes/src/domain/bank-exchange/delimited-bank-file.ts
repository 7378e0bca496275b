import { parse, type CsvError, type Options } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { HashEntryProps } from '../banks/hash-bank';
import { fileError, parseFlag, ParsedRows, type ParsedBankFile } from './bank-file';
import type { BankFileWriter } from './bank-file-writer';

/**
 * Plain CSV and TSV: a header row naming the columns (any order, any case), then one hash per
 * row. `hash_type`, `value` and `classification` are required; `series`, `victim_identified`
 * and `notes` are optional; other columns are ignored. Fields may be quoted as in RFC 4180.
 */
export const DELIMITED_COLUMNS = ['hash_type', 'value', 'classification', 'series', 'victim_identified', 'notes'] as const;
const REQUIRED_COLUMNS = ['hash_type', 'value', 'classification'] as const;

type Delimiter = ',' | '\t';

interface LineRecord {
  fields: string[];
  line: number;
}

/**
 * Splits text into records with csv-parse. A record the tokenizer cannot read (a stray quote)
 * is handed to `onBadRecord` with its line instead of failing the whole file.
 */
export function readDelimitedRecords(text: string, delimiter: Delimiter, onBadRecord: (line: number, message: string) => void): LineRecord[] {
  const options: Options = {
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      onBadRecord(Number((error as { lines?: number } | undefined)?.lines ?? 0), error?.message ?? 'unreadable record');
      return undefined;
    },
    // Typed as returning a record, but csv-parse keeps whatever this returns: the line comes with it.
    on_record: (fields, context) => ({ fields, line: context.lines }) as unknown as string[],
  };
  return parse(text, options) as unknown as LineRecord[];
}

/** The column positions of a header row, by lowercase name. */
export function headerColumns(header: string[] | undefined, required: readonly string[], what: string): Map<string, number> {
  if (!header) throw fileError(`the file is empty: a ${what} file starts with a header row`);
  const columns = new Map<string, number>();
  header.forEach((name, index) => {
    const key = name.trim().toLowerCase();
    if (key && !columns.has(key)) columns.set(key, index);
  });
  const missing = required.filter((name) => !columns.has(name));
  if (missing.length > 0) throw fileError(`the header row lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found: ${header.join(', ') || 'nothing'})`);
  return columns;
}

export function parseDelimitedBankFile(text: string, format: 'csv' | 'tsv'): ParsedBankFile {
  const rows = new ParsedRows();
  const records = readDelimitedRecords(text, format === 'csv' ? ',' : '\t', (line, message) => rows.reject(line, 'malformed-row', message));
  const [header, ...data] = records;
  const columns = headerColumns(header?.fields, REQUIRED_COLUMNS, format.toUpperCase());
  const cell = (record: LineRecord, name: string): string | undefined => {
    const index = columns.get(name);
    return index === undefined ? undefined : record.fields[index];
  };
  for (const record of data) {
    if (record.fields.length < header.fields.length && record.fields.every((value) => !value.trim())) continue;
    const victim = parseFlag(cell(record, 'victim_identified') ?? '');
    if (victim === undefined) {
      rows.reject(record.line, 'bad-victim-identified', `victim_identified is "${cell(record, 'victim_identified')}", not true or false`);
      continue;
    }
    rows.accept(record.line, {
      hashType: cell(record, 'hash_type') ?? '',
      value: cell(record, 'value') ?? '',
      classification: cell(record, 'classification') ?? '',
      series: cell(record, 'series'),
      victimIdentified: victim,
      notes: cell(record, 'notes'),
    });
  }
  // Rejections from the tokenizer arrive before the rows around them: keep file order.
  rows.rejections.sort((a, b) => a.row - b.row);
  return rows;
}

export function delimitedBankFileWriter(format: 'csv' | 'tsv'): BankFileWriter {
  const delimiter = format === 'csv' ? ',' : '\t';
  return {
    contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'text/tab-separated-values; charset=utf-8',
    extension: format,
    begin: () => stringify([[...DELIMITED_COLUMNS]], { delimiter }),
    write: (entries: HashEntryProps[]) => ({
      text: stringify(
        entries.map((entry) => [entry.hashType, entry.value, entry.classification, entry.series ?? '', entry.victimIdentified ? 'true' : 'false', entry.notes ?? '']),
        { delimiter },
      ),
      written: entries.length,
    }),
    end: () => '',
  };
}
