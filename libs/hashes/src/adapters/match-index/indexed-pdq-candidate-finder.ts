import { PdqMatchIndex } from '../../domain/match-index';
import type { BankEntryStatusListener } from '../../ports/hash-bank.repository';
import type { BankChangeListener, PdqCandidateFinder } from '../../ports/pdq-candidate-finder';

/**
 * PDQ candidates from the in-memory multi-index (domain/match-index), built from the banks in
 * Postgres at start and updated in place as curators add, disable and enable entries.
 */
export class IndexedPdqCandidateFinder implements PdqCandidateFinder, BankChangeListener, BankEntryStatusListener {
  private readonly index = new PdqMatchIndex();

  constructor(private readonly loadAll: () => Promise<Array<{ id: string; value: string }>>) {}

  async rebuild(): Promise<number> {
    const rows = await this.loadAll();
    this.index.bulkLoad(
      rows.map((row) => row.id),
      rows.map((row) => row.value),
    );
    return rows.length;
  }

  get size(): number {
    return this.index.size;
  }

  entryAdded(entry: { id: string; hashType: string; value: string }): void {
    if (entry.hashType === 'pdq') this.index.add(entry.id, entry.value);
  }

  /** A disabled entry leaves the index at once (a tombstone; compaction reclaims it later). */
  entryDisabled(entry: { id: string; hashType: string; value: string }): void {
    if (entry.hashType === 'pdq') this.index.remove(entry.id);
  }

  entryEnabled(entry: { id: string; hashType: string; value: string }): void {
    if (entry.hashType === 'pdq' && !this.index.has(entry.id)) this.index.add(entry.id, entry.value);
  }

  async findNear(pdqHex: string, maxDistance: number): Promise<Array<{ entryId: string; distance: number }>> {
    return this.index.query(pdqHex, maxDistance).map((match) => ({ entryId: String(match.id), distance: match.distance }));
  }
}
