import { migratedTestDatabase, type MigratedTestDatabase } from '@vigil/test-fixtures';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BruteForcePdqIndex, SeededRandom } from '../../domain/match-index';
import { CreateHashBanks1763900000001 } from '../typeorm/migrations/1763900000001-create-hash-banks';
import { databasePdqFingerprint, loadPdqIndex } from './pdq-index-loader';
import { PdqIndexSnapshotFile } from './pdq-index-snapshot-file';
import { PdqIndexSnapshotter } from './pdq-index-snapshotter';
import { SnapshotablePdqCandidateFinder } from './snapshotable-pdq-candidate-finder';

const SCHEMA = 'hash_detection';

describe('PDQ index snapshots against Postgres', () => {
  let db: MigratedTestDatabase;
  let dir: string;
  let bankId: string;
  let hashes: string[];

  const listPdqEntries = async () =>
    (await db.dataSource.query(`SELECT id, value FROM "${SCHEMA}".hash_entries WHERE hash_type = 'pdq' AND disabled_at IS NULL`)) as Array<{ id: string; value: string }>;

  async function insertEntry(value: string): Promise<string> {
    const id = randomUUID();
    await db.dataSource.query(
      `INSERT INTO "${SCHEMA}".hash_entries (id, bank_id, hash_type, value, classification, added_by, added_at) VALUES ($1, $2, 'pdq', $3, 'csam-a1', 'test', now())`,
      [id, bankId, value],
    );
    return id;
  }

  beforeAll(async () => {
    db = await migratedTestDatabase({ schema: SCHEMA, migrations: [CreateHashBanks1763900000001] });
    bankId = randomUUID();
    await db.dataSource.query(
      `INSERT INTO "${SCHEMA}".hash_banks (id, name, kind, source, terms, owner, pdq_threshold, created_at) VALUES ($1, 'synthetic', 'positive', 's', 't', 'o', 31, now())`,
      [bankId],
    );
    const random = new SeededRandom(7);
    hashes = Array.from({ length: 2000 }, () => Array.from({ length: 8 }, () => random.nextUint32().toString(16).padStart(8, '0')).join(''));
    for (const value of hashes.slice(0, 1500)) await insertEntry(value);
  });

  afterAll(async () => {
    await db?.close();
  });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-snapshot-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('computes the same fingerprint in Postgres as the index keeps in memory', async () => {
    const finder = new SnapshotablePdqCandidateFinder(listPdqEntries);
    await finder.rebuild();
    expect(finder.status().fingerprint).toEqual(await databasePdqFingerprint(db.dataSource, SCHEMA));
    expect(finder.status()).toMatchObject({ entries: 1500, source: 'postgres' });
  });

  it('loads a consistent snapshot instead of rebuilding, and answers as brute force does', async () => {
    const file = new PdqIndexSnapshotFile(join(dir, 'pdq.snapshot'));
    const first = new SnapshotablePdqCandidateFinder(listPdqEntries);
    expect(await loadPdqIndex(first, file, db.dataSource, SCHEMA)).toMatchObject({ source: 'postgres', entries: 1500, reason: 'no snapshot yet' });
    const writer = new PdqIndexSnapshotter(first, file, 0);
    await writer.stop();
    const writtenAt = writer.status().lastWrittenAt;
    expect(writtenAt).toBeDefined();
    expect(first.status().snapshotWrittenAt).toBeUndefined();

    let reads = 0;
    const second = new SnapshotablePdqCandidateFinder(async () => {
      reads++;
      return listPdqEntries();
    });
    expect(await loadPdqIndex(second, file, db.dataSource, SCHEMA)).toEqual({ source: 'snapshot', entries: 1500 });
    expect(reads).toBe(0);
    // Where it came from, and how old that is: the date the snapshot file was written.
    expect(second.status()).toMatchObject({ source: 'snapshot', entries: 1500, changedSinceSnapshot: false, snapshotWrittenAt: writtenAt });

    const oracle = new BruteForcePdqIndex();
    for (const row of await listPdqEntries()) oracle.add(row.id, row.value);
    for (const query of hashes.slice(1400, 1600)) {
      const expected = oracle.query(query, 31).map((match) => ({ entryId: String(match.id), distance: match.distance }));
      expect(await second.findNear(query, 31)).toEqual(expected);
    }
  });

  it('rebuilds from Postgres when the banks changed after the snapshot, or the file is corrupt', async () => {
    const file = new PdqIndexSnapshotFile(join(dir, 'pdq.snapshot'));
    const first = new SnapshotablePdqCandidateFinder(listPdqEntries);
    await loadPdqIndex(first, file, db.dataSource, SCHEMA);
    const writer = new PdqIndexSnapshotter(first, file, 0);
    await writer.stop();
    const writtenAt = writer.status().lastWrittenAt;
    expect(writtenAt).toBeDefined();
    expect(first.status().snapshotWrittenAt).toBeUndefined();

    const added = await insertEntry(hashes[1500]);
    const afterAdd = new SnapshotablePdqCandidateFinder(listPdqEntries);
    const stale = await loadPdqIndex(afterAdd, file, db.dataSource, SCHEMA);
    expect(stale).toMatchObject({ source: 'postgres', entries: 1501 });
    expect(stale.reason).toMatch(/holds 1500 entries, Postgres 1501/);
    expect(await afterAdd.findNear(hashes[1500], 0)).toEqual([{ entryId: added, distance: 0 }]);

    // Same count, other content: a disabled entry swapped for a new one.
    await new PdqIndexSnapshotter(afterAdd, file, 0).stop();
    await db.dataSource.query(`UPDATE "${SCHEMA}".hash_entries SET disabled_at = now() WHERE id = $1`, [added]);
    await insertEntry(hashes[1501]);
    expect((await loadPdqIndex(new SnapshotablePdqCandidateFinder(listPdqEntries), file, db.dataSource, SCHEMA)).source).toBe('postgres');

    await writeFile(file.path, Buffer.from('not a snapshot at all'));
    const corrupt = await loadPdqIndex(new SnapshotablePdqCandidateFinder(listPdqEntries), file, db.dataSource, SCHEMA);
    expect(corrupt).toMatchObject({ source: 'postgres', entries: 1501 });
    expect(corrupt.reason).toMatch(/could not be read/);
  });

  it('keeps the fingerprint right through adds and disables, so a snapshot written later still loads', async () => {
    const file = new PdqIndexSnapshotFile(join(dir, 'pdq.snapshot'));
    const finder = new SnapshotablePdqCandidateFinder(listPdqEntries);
    await loadPdqIndex(finder, file, db.dataSource, SCHEMA);
    const id = await insertEntry(hashes[1700]);
    finder.entryAdded({ id, hashType: 'pdq', value: hashes[1700] });
    const [victim] = await listPdqEntries();
    await db.dataSource.query(`UPDATE "${SCHEMA}".hash_entries SET disabled_at = now() WHERE id = $1`, [victim.id]);
    finder.entryDisabled({ id: victim.id, hashType: 'pdq', value: victim.value });
    expect(finder.status().fingerprint).toEqual(await databasePdqFingerprint(db.dataSource, SCHEMA));

    const snapshotter = new PdqIndexSnapshotter(finder, file, 0);
    await snapshotter.stop();
    expect(snapshotter.status()).toMatchObject({ path: file.path, lastBytes: expect.any(Number) });
    expect((await loadPdqIndex(new SnapshotablePdqCandidateFinder(listPdqEntries), file, db.dataSource, SCHEMA)).source).toBe('snapshot');
  });
});
