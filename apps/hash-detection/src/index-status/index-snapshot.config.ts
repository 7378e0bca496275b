import { integerSetting } from '@vigil/kernel';

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
  // 0: written only at shutdown.
  const intervalMs = integerSetting(env, 'INDEX_SNAPSHOT_INTERVAL_MS', { fallback: 300_000, min: 0, unit: 'milliseconds' });
  return { directory, intervalMs };
}
