import type { HashEntryProps } from '../banks/hash-bank';

/**
 * Writes a bank as one of the exchange formats, a page of entries at a time, so an export of a
 * large bank streams. Entries a format cannot carry (a PDQ hash in VICS, a custom label in an
 * NCMEC-style list) are left out; `written` says how many of a page made it in.
 */
export interface BankFileWriter {
  contentType: string;
  extension: string;
  begin(): string;
  write(entries: HashEntryProps[]): { text: string; written: number };
  end(): string;
}
