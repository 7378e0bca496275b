import { stringify } from 'csv-stringify/sync';
import { HASH_TYPES, industryCategoryOf, INDUSTRY_CATEGORIES, type HashEntryProps } from '../banks/hash-bank';
import { field, fileError, isRecord, ParsedRows, parseJsonDocument, type ParsedBankFile } from './bank-file';
import type { BankFileWriter } from './bank-file-writer';
import { headerColumns, readDelimitedRecords } from './delimited-bank-file';

/**
 * Hash lists in the style of NCMEC's industry hash sharing: each item has one or more of `md5`,
 * `sha1`, `sha256`, `pdq` (one entry per hash) and a `category` on the industry scale (A1, A2,
 * B1, B2). No series, victim or notes: those lists do not carry them. Two encodings:
 * - CSV with a header row, e.g. `md5,sha1,pdq,category`;
 * - JSON: a list of objects with those keys, or `{"hashes": [ ... ]}`.
 * Which one is sniffed from the first character (`[` or `{` is JSON).
 */
const HASH_COLUMNS = HASH_TYPES;

export function parseNcmecHashList(text: string): ParsedBankFile {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  return trimmed.startsWith('[') || trimmed.startsWith('{') ? parseJsonList(trimmed) : parseCsvList(text);
}

function parseJsonList(text: string): ParsedBankFile {
  const document = parseJsonDocument(text, 'NCMEC-style JSON');
  const items = Array.isArray(document) ? document : isRecord(document) ? field(document, 'hashes') : undefined;
  if (!Array.isArray(items)) throw fileError('an NCMEC-style JSON list is an array of hash objects, or an object with a "hashes" array');
  const rows = new ParsedRows();
  items.forEach((item, index) => {
    const row = index + 1;
    if (!isRecord(item)) return rows.reject(row, 'malformed-row', 'an item is a JSON object');
    const value = (name: string) => {
      const raw = field(item, name);
      return typeof raw === 'string' ? raw : undefined;
    };
    readItem(rows, row, value);
  });
  return rows;
}

function parseCsvList(text: string): ParsedBankFile {
  const rows = new ParsedRows();
  const [header, ...data] = readDelimitedRecords(text, ',', (line, message) => rows.reject(line, 'malformed-row', message));
  const columns = headerColumns(header?.fields, ['category'], 'NCMEC-style CSV');
  if (!HASH_COLUMNS.some((name) => columns.has(name))) throw fileError(`the header row names no hash column (${HASH_COLUMNS.join(', ')})`);
  for (const record of data) {
    readItem(rows, record.line, (name) => {
      const index = columns.get(name);
      return index === undefined ? undefined : record.fields[index];
    });
  }
  rows.rejections.sort((a, b) => a.row - b.row);
  return rows;
}

function readItem(rows: ParsedRows, row: number, value: (name: string) => string | undefined): void {
  const hashes = HASH_COLUMNS.map((hashType) => ({ hashType, value: value(hashType)?.trim() ?? '' })).filter((hash) => hash.value !== '');
  if (hashes.length === 0) return rows.reject(row, 'missing-hash', `no ${HASH_COLUMNS.join(', ')} value`);
  const category = value('category')?.trim().toUpperCase() ?? '';
  if (!(INDUSTRY_CATEGORIES as readonly string[]).includes(category)) {
    return rows.reject(row, 'unknown-classification', `category "${category}" is not one of ${INDUSTRY_CATEGORIES.join(', ')}`);
  }
  for (const hash of hashes) rows.accept(row, { hashType: hash.hashType, value: hash.value, classification: category });
}

/** CSV, one hash per row; only graded CSAM entries (the scale has no code for anything else). */
export function ncmecHashListWriter(): BankFileWriter {
  return {
    contentType: 'text/csv; charset=utf-8',
    extension: 'ncmec.csv',
    begin: () => stringify([[...HASH_COLUMNS, 'category']]),
    write: (entries: HashEntryProps[]) => {
      const records = entries.flatMap((entry) => {
        const category = industryCategoryOf(entry.classification);
        return category ? [[...HASH_COLUMNS.map((type) => (type === entry.hashType ? entry.value : '')), category]] : [];
      });
      return { text: records.length ? stringify(records) : '', written: records.length };
    },
    end: () => '',
  };
}
