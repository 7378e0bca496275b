import { NotFoundError } from '@vigil/kernel';
import { bankFileWriter } from '../../domain/bank-exchange/bank-file-formats';
import type { BankFileFormat } from '../../domain/bank-exchange/bank-file';
import type { HashBankProps } from '../../domain/banks/hash-bank';
import type { BankCurationRepository } from '../../ports/hash-bank.repository';

export interface BankExport {
  bank: HashBankProps;
  contentType: string;
  fileName: string;
  /** The file, a page of entries at a time. */
  chunks: AsyncIterable<string>;
  /** Once `chunks` is consumed: entries read, and written (the rest the format cannot carry). */
  counts(): { read: number; written: number };
}

/**
 * Exports a bank's enabled entries (disabled ones are not shared) in one of the exchange
 * formats, streamed page by page so a large bank never sits in memory.
 */
export class ExportBankUseCase {
  constructor(private readonly banks: BankCurationRepository, private readonly pageSize = 1000) {}

  async execute(bankId: string, format: BankFileFormat): Promise<BankExport> {
    const bank = await this.banks.findBank(bankId);
    if (!bank) throw new NotFoundError('bank', bankId);
    const writer = bankFileWriter(format);
    let read = 0;
    let written = 0;
    const banks = this.banks;
    const pageSize = this.pageSize;
    async function* chunks(): AsyncGenerator<string> {
      yield writer.begin();
      let afterId: string | undefined;
      for (;;) {
        const page = await banks.listActiveEntries(bankId, afterId, pageSize);
        if (page.length === 0) break;
        const { text, written: count } = writer.write(page);
        read += page.length;
        written += count;
        if (text) yield text;
        afterId = page[page.length - 1].id;
        if (page.length < pageSize) break;
      }
      yield writer.end();
    }
    const slug = bank.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'bank';
    return { bank, contentType: writer.contentType, fileName: `${slug}.${writer.extension}`, chunks: chunks(), counts: () => ({ read, written }) };
  }
}
