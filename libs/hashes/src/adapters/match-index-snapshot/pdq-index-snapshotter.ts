import type { PdqIndexSnapshotFile } from './pdq-index-snapshot-file';
import type { SnapshotablePdqCandidateFinder } from './snapshotable-pdq-candidate-finder';

export interface PdqSnapshotStatus {
  path: string;
  intervalMs: number;
  lastWrittenAt?: string;
  lastBytes?: number;
  lastWriteMs?: number;
  lastError?: string;
}

/**
 * Writes the index to its snapshot file every `intervalMs` when it changed, and once more at
 * shutdown, so the next start loads it instead of rebuilding. A snapshot that misses the last
 * changes (a crash) is only stale: the fingerprint check at start then rebuilds from Postgres.
 */
export class PdqIndexSnapshotter {
  private timer?: ReturnType<typeof setInterval>;
  private writing?: Promise<void>;
  private state: Omit<PdqSnapshotStatus, 'path' | 'intervalMs'> = {};

  constructor(
    private readonly finder: SnapshotablePdqCandidateFinder,
    private readonly file: PdqIndexSnapshotFile,
    private readonly intervalMs: number,
    private readonly log: (message: string) => void = () => undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(): void {
    if (this.intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.saveIfChanged(), this.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and writes a last snapshot if anything changed. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.saveIfChanged();
  }

  /** One write at a time; a call while one is running waits for it and then checks again. */
  async saveIfChanged(): Promise<void> {
    while (this.writing) await this.writing;
    if (!this.finder.changedSinceSnapshot) return;
    this.writing = this.write().finally(() => (this.writing = undefined));
    await this.writing;
  }

  status(): PdqSnapshotStatus {
    return { path: this.file.path, intervalMs: this.intervalMs, ...this.state };
  }

  private async write(): Promise<void> {
    const started = Date.now();
    try {
      const { bytes, fingerprint, version } = this.finder.snapshot();
      // One time for the file's header and this status, so both name the same snapshot.
      const writtenAt = this.now();
      const written = await this.file.write(bytes, fingerprint, writtenAt);
      this.finder.snapshotSaved(version);
      this.state = { lastWrittenAt: writtenAt.toISOString(), lastBytes: written.bytes, lastWriteMs: Date.now() - started };
    } catch (error) {
      this.state = { ...this.state, lastError: (error as Error).message };
      this.log(`PDQ index snapshot not written to ${this.file.path}: ${(error as Error).message}`);
    }
  }
}
