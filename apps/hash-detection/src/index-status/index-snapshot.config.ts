/** The PdqIndexSnapshotter of the running service (writes the PDQ index snapshot). */
export const PDQ_INDEX_SNAPSHOTTER = Symbol('PdqIndexSnapshotter');

export interface IndexSnapshotConfig {
  /** Folder of the snapshot file. */
  directory: string;
  /** How often a changed index is written (0: only at shutdown). */
  intervalMs: number;
}

/**
 * VIGIL_INDEX_SNAPSHOT_DIR (default `$VIGIL_DATA_DIR/hash-detection`, i.e. `./.vigil/hash-detection`)
 * and INDEX_SNAPSHOT_INTERVAL_MS (default 5 minutes), refused at start when malformed.
 */
export function readIndexSnapshotConfig(env: Record<string, string | undefined>): IndexSnapshotConfig {
  const directory = env.VIGIL_INDEX_SNAPSHOT_DIR || `${env.VIGIL_DATA_DIR || '.vigil'}/hash-detection`;
  const raw = env.INDEX_SNAPSHOT_INTERVAL_MS;
  const intervalMs = raw === undefined || raw === '' ? 300_000 : Number(raw);
  if (!Number.isInteger(intervalMs) || intervalMs < 0) throw new Error(`INDEX_SNAPSHOT_INTERVAL_MS must be a whole number of milliseconds (0: only at shutdown), got "${raw}"`);
  return { directory, intervalMs };
}
