import type { BankKind } from '../banks/hash-bank';
import type { BankFileFormat, ParsedBankFile } from './bank-file';
import type { BankFileWriter } from './bank-file-writer';
import { delimitedBankFileWriter, parseDelimitedBankFile } from './delimited-bank-file';
import { ncmecHashListWriter, parseNcmecHashList } from './ncmec-hash-list';
import { parseVicsBankFile, vicsBankFileWriter } from './vics-bank-file';

/** Reads a whole file in one of the exchange formats; file-level problems throw a ValidationError on `file`. */
export function parseBankFile(format: BankFileFormat, text: string, options: { bankKind: BankKind }): ParsedBankFile {
  switch (format) {
    case 'vics':
      return parseVicsBankFile(text, options);
    case 'ncmec':
      return parseNcmecHashList(text);
    case 'csv':
    case 'tsv':
      return parseDelimitedBankFile(text, format);
  }
}

export function bankFileWriter(format: BankFileFormat): BankFileWriter {
  switch (format) {
    case 'vics':
      return vicsBankFileWriter();
    case 'ncmec':
      return ncmecHashListWriter();
    case 'csv':
    case 'tsv':
      return delimitedBankFileWriter(format);
  }
}
