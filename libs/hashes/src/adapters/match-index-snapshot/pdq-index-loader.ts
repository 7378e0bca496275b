import { pdqFingerprintSql, sameFingerprint, type PdqIndexFingerprint } from './pdq-index-fingerprint';
import type { PdqIndexSnapshotFile } from './pdq-index-snapshot-file';
import type { SnapshotablePdqCandidateFinder } from './snapshotable-pdq-candidate-finder';

/** Runs one SQL query (a TypeORM DataSource or EntityManager fits). */
export interface SqlQueryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export async function databasePdqFingerprint(database: SqlQueryable, schema: string): Promise<PdqIndexFingerprint> {
  const rows = (await database.query(pdqFingerprintSql(schema))) as Array<{ entries: number; checksum: string }>;
  return { entries: Number(rows[0].entries), checksum: rows[0].checksum };
}

export interface PdqIndexLoadResult {
  source: 'snapshot' | 'postgres';
  entries: number;
  /** Why the snapshot was not used, when it was not. */
  reason?: string;
}

/**
 * Fills the index at start: from the snapshot when its fingerprint equals that of the enabled
 * PDQ entries in Postgres (the same entries, so the same answers), else by a rebuild from
 * Postgres. A missing, stale or unreadable snapshot only costs the rebuild.
 */
export async function loadPdqIndex(
  finder: SnapshotablePdqCandidateFinder,
  snapshots: PdqIndexSnapshotFile | undefined,
  database: SqlQueryable,
  schema: string,
): Promise<PdqIndexLoadResult> {
  const rebuild = async (reason: string): Promise<PdqIndexLoadResult> => ({ source: 'postgres', entries: await finder.rebuild(), reason });
  if (!snapshots) return rebuild('snapshots are off');
  try {
    const header = await snapshots.readHeader();
    if (!header) return rebuild('no snapshot yet');
    const expected = await databasePdqFingerprint(database, schema);
    if (!sameFingerprint(header.fingerprint, expected)) {
      return rebuild(`the snapshot of ${header.writtenAt} holds ${header.fingerprint.entries} entries, Postgres ${expected.entries} (or other values)`);
    }
    const started = Date.now();
    const snapshot = await snapshots.read();
    if (!snapshot) return rebuild('the snapshot disappeared');
    if (!sameFingerprint(snapshot.header.fingerprint, expected) || snapshot.index.size !== expected.entries) return rebuild('the snapshot changed while it was read');
    finder.restore(snapshot.index, snapshot.header.fingerprint, Date.now() - started, snapshot.header.writtenAt);
    return { source: 'snapshot', entries: snapshot.index.size };
  } catch (error) {
    return rebuild(`the snapshot could not be read: ${(error as Error).message}`);
  }
}
