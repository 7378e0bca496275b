import { ValidationError } from '@vigil/kernel';
import { HASH_HEX_LENGTH, HASH_TYPES, parseClassification, type HashType } from '../banks/hash-bank';

/** The hash-list formats a bank is imported from and exported to. */
export const BANK_FILE_FORMATS = ['vics', 'ncmec', 'csv', 'tsv'] as const;
export type BankFileFormat = (typeof BANK_FILE_FORMATS)[number];

export function isBankFileFormat(value: string): value is BankFileFormat {
  return (BANK_FILE_FORMATS as readonly string[]).includes(value);
}

/** Why a row (or one hash of a row) was not taken. Stable codes: summaries count by them. */
export const REJECTION_REASONS = [
  'malformed-row',
  'missing-hash',
  'unknown-hash-type',
  'bad-hash-value',
  'unknown-classification',
  'uncategorised',
  'non-pertinent',
  'bad-victim-identified',
  'field-too-long',
  'duplicate-in-file',
  'already-in-bank',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/**
 * One entry read from a file. `row` is where it came from: the line for CSV and TSV (the header
 * is line 1), the 1-based position in the list for the JSON formats.
 */
export interface ImportedEntry {
  row: number;
  hashType: HashType;
  value: string;
  classification: string;
  series?: string;
  victimIdentified: boolean;
  notes?: string;
}

export interface RowRejection {
  row: number;
  reason: RejectionReason;
  detail: string;
}

/** A file read in full: the entries to take and, in file order, what was refused and why. */
export interface ParsedBankFile {
  entries: ImportedEntry[];
  rejections: RowRejection[];
}

/** A problem with the file as a whole (not JSON, no header…): the import stops with a 400. */
export function fileError(message: string): ValidationError {
  return new ValidationError(`file: ${message}`, 'file');
}

export const MAX_SERIES_LENGTH = 200;
export const MAX_NOTES_LENGTH = 5000;

/** A row as a format understood it, before the checks every format shares. */
export interface CandidateEntry {
  hashType: string;
  value: string;
  classification: string;
  series?: string;
  victimIdentified?: boolean;
  notes?: string;
}

/**
 * Applies the checks every format shares (known hash type, hex of the right length, known
 * classification, field lengths, no repeat within the file) and collects entries and rejections.
 */
export class ParsedRows implements ParsedBankFile {
  readonly entries: ImportedEntry[] = [];
  readonly rejections: RowRejection[] = [];
  private readonly seen = new Map<string, number>();

  reject(row: number, reason: RejectionReason, detail: string): void {
    this.rejections.push({ row, reason, detail });
  }

  accept(row: number, candidate: CandidateEntry): void {
    const hashType = candidate.hashType.trim().toLowerCase();
    if (!(HASH_TYPES as readonly string[]).includes(hashType)) {
      return this.reject(row, 'unknown-hash-type', `"${candidate.hashType}" is not one of ${HASH_TYPES.join(', ')}`);
    }
    const type = hashType as HashType;
    const value = candidate.value.trim().toLowerCase();
    if (!value) return this.reject(row, 'missing-hash', `no ${type} value`);
    if (!/^[0-9a-f]+$/.test(value) || value.length !== HASH_HEX_LENGTH[type]) {
      return this.reject(row, 'bad-hash-value', `a ${type} hash is ${HASH_HEX_LENGTH[type]} hexadecimal characters, got ${value.length} characters${/^[0-9a-f]*$/.test(value) ? '' : ' with non-hex ones'}`);
    }
    const classification = parseClassification(candidate.classification);
    if (!classification) return this.reject(row, 'unknown-classification', `"${candidate.classification}" is not a known classification or a custom lowercase label`);
    const series = candidate.series?.trim() || undefined;
    if (series && series.length > MAX_SERIES_LENGTH) return this.reject(row, 'field-too-long', `series is longer than ${MAX_SERIES_LENGTH} characters`);
    const notes = candidate.notes?.trim() || undefined;
    if (notes && notes.length > MAX_NOTES_LENGTH) return this.reject(row, 'field-too-long', `notes are longer than ${MAX_NOTES_LENGTH} characters`);
    const key = `${type}:${value}`;
    const first = this.seen.get(key);
    if (first !== undefined) return this.reject(row, 'duplicate-in-file', `the same ${type} as row ${first}`);
    this.seen.set(key, row);
    this.entries.push({ row, hashType: type, value, classification, series, victimIdentified: candidate.victimIdentified ?? false, notes });
  }
}

/** Yes/no in the spellings hash lists use; undefined when it is neither. */
export function parseFlag(raw: unknown): boolean | undefined {
  if (raw === undefined || raw === null || raw === '') return false;
  if (typeof raw === 'boolean') return raw;
  if (raw === 1 || raw === 0) return raw === 1;
  if (typeof raw !== 'string') return undefined;
  const value = raw.trim().toLowerCase();
  if (['true', 'yes', 'y', '1'].includes(value)) return true;
  if (['false', 'no', 'n', '0', ''].includes(value)) return false;
  return undefined;
}

/** A JSON document, or a file error saying it is not one. */
export function parseJsonDocument(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw fileError(`a ${what} file is JSON, and this is not valid JSON (${(error as Error).message})`);
  }
}

/** A property of a JSON object, whatever the case of its name (`MD5`, `md5`, `Md5`). */
export function field(record: Record<string, unknown>, name: string): unknown {
  if (name in record) return record[name];
  const lower = name.toLowerCase();
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? undefined : record[key];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
