import { PdqMatchIndex } from '../../domain/match-index';
import type { BankEntryStatusListener } from '../../ports/hash-bank.repository';
import type { BankChangeListener, PdqCandidateFinder } from '../../ports/pdq-candidate-finder';
import { RunningPdqFingerprint, type PdqIndexFingerprint } from './pdq-index-fingerprint';

export type PdqIndexSource = 'postgres' | 'snapshot';

export interface PdqIndexStatus {
  entries: number;
  memoryEstimateBytes: number;
  source: PdqIndexSource | 'empty';
  loadedAt?: string;
  loadMs?: number;
  fingerprint: PdqIndexFingerprint;
  /** Changes since the last snapshot was written or loaded. */
  changedSinceSnapshot: boolean;
  /** When the snapshot this index was loaded from had been written (source `snapshot`). */
  snapshotWrittenAt?: string;
}

/**
 * PDQ candidates from the in-memory multi-index (domain/match-index), built from the banks in
 * Postgres or loaded from a snapshot, and updated in place as curators add, disable and enable
 * entries. For snapshots, the whole index can be serialized or replaced by a deserialized one, and
 * it keeps a fingerprint of its contents (see pdq-index-fingerprint.ts) so a snapshot records
 * exactly what it holds.
 */
export class SnapshotablePdqCandidateFinder implements PdqCandidateFinder, BankChangeListener, BankEntryStatusListener {
  private index = new PdqMatchIndex();
  private readonly fingerprint = new RunningPdqFingerprint();
  private source: PdqIndexStatus['source'] = 'empty';
  private loadedAt?: Date;
  private snapshotWrittenAt?: string;
  private loadMs?: number;
  /** Bumped on every change; compared with the version the last snapshot holds. */
  private version = 0;
  private snapshotVersion = -1;

  constructor(private readonly loadAll: () => Promise<Array<{ id: string; value: string }>>, private readonly now: () => Date = () => new Date()) {}

  /** Rebuilds from the banks (Postgres); returns the number of entries. */
  async rebuild(): Promise<number> {
    const started = Date.now();
    const rows = await this.loadAll();
    const index = new PdqMatchIndex();
    index.bulkLoad(
      rows.map((row) => row.id),
      rows.map((row) => row.value),
    );
    this.fingerprint.reset();
    for (const row of rows) this.fingerprint.add(row.id, row.value);
    this.replace(index, 'postgres', Date.now() - started);
    this.version++;
    return index.size;
  }

  /** Serves from a snapshot's index, whose contents match `fingerprint`. */
  restore(index: PdqMatchIndex, fingerprint: PdqIndexFingerprint, loadMs: number, writtenAt?: string): void {
    this.fingerprint.reset(fingerprint);
    this.replace(index, 'snapshot', loadMs);
    this.snapshotWrittenAt = writtenAt;
    this.snapshotVersion = ++this.version;
  }

  get size(): number {
    return this.index.size;
  }

  entryAdded(entry: { id: string; hashType: string; value: string }): void {
    if (entry.hashType !== 'pdq' || this.index.has(entry.id)) return;
    this.index.add(entry.id, entry.value);
    this.fingerprint.add(entry.id, entry.value);
    this.version++;
  }

  /** An entry stopped matching (disabled): out of the index at once. */
  entryDisabled(entry: { id: string; hashType: string; value: string }): void {
    if (entry.hashType !== 'pdq' || !this.index.remove(entry.id)) return;
    this.fingerprint.remove(entry.id, entry.value);
    this.version++;
  }

  /** An entry matches again (enabled, or its disable expired). */
  entryEnabled(entry: { id: string; hashType: string; value: string }): void {
    this.entryAdded(entry);
  }

  async findNear(pdqHex: string, maxDistance: number): Promise<Array<{ entryId: string; distance: number }>> {
    return this.index.query(pdqHex, maxDistance).map((match) => ({ entryId: String(match.id), distance: match.distance }));
  }

  /** The index's bytes and the fingerprint of what they hold; call `snapshotSaved(version)` once they are stored. */
  snapshot(): { bytes: Uint8Array; fingerprint: PdqIndexFingerprint; version: number } {
    return { bytes: this.index.serialize(), fingerprint: this.fingerprint.current(), version: this.version };
  }

  snapshotSaved(version: number): void {
    this.snapshotVersion = version;
  }

  get changedSinceSnapshot(): boolean {
    return this.version !== this.snapshotVersion;
  }

  status(): PdqIndexStatus {
    return {
      entries: this.index.size,
      memoryEstimateBytes: this.index.memoryEstimateBytes(),
      source: this.source,
      loadedAt: this.loadedAt?.toISOString(),
      loadMs: this.loadMs,
      fingerprint: this.fingerprint.current(),
      changedSinceSnapshot: this.changedSinceSnapshot,
      ...(this.source === 'snapshot' && this.snapshotWrittenAt ? { snapshotWrittenAt: this.snapshotWrittenAt } : {}),
    };
  }

  private replace(index: PdqMatchIndex, source: PdqIndexSource, loadMs: number): void {
    this.index = index;
    this.source = source;
    this.loadedAt = this.now();
    this.loadMs = loadMs;
  }
}
