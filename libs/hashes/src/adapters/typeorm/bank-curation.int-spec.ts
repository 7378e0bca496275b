import type { ReportSubmittedV1 } from '@vigil/contracts';
import { FixedClock } from '@vigil/kernel';
import { createServiceDataSource, initialiseServiceDatabase, platformTablesMigration, TransactionRunner } from '@vigil/persistence';
import { createTestDatabase, migratedTestDatabase, type MigratedTestDatabase } from '@vigil/test-fixtures';
import { randomUUID } from 'node:crypto';
import { ExportBankUseCase } from '../../application/bank-exchange/export-bank.use-case';
import { ImportBankEntriesUseCase, type ImportProgress } from '../../application/bank-exchange/import-bank-entries.use-case';
import { BankQueries } from '../../application/curate-banks/bank-queries';
import { CurateBankEntriesUseCase, EXPIRY_SWEEP_ACTOR } from '../../application/curate-banks/curate-bank-entries.use-case';
import { CurateBanksUseCase } from '../../application/curate-banks/curate-banks.use-case';
import { MatchReportMediaUseCase } from '../../application/match-report-media/match-report-media.use-case';
import { parseBankFile } from '../../domain/bank-exchange/bank-file-formats';
import { md5, pdq, sha1 } from '../../domain/bank-exchange/__fixtures__/synthetic-hashes';
import type { EntryChange } from '../../domain/banks/entry-change';
import { SnapshotablePdqCandidateFinder } from '../match-index-snapshot/snapshotable-pdq-candidate-finder';
import { CreateHashBanks1763900000001 } from './migrations/1763900000001-create-hash-banks';
import { BankCuration1764000100000 } from './migrations/1764000100000-bank-curation';
import { TypeOrmHashBankRepository } from './typeorm-hash-bank.repository';

const SCHEMA = 'hash_detection';
const MIGRATIONS = [platformTablesMigration(), CreateHashBanks1763900000001, BankCuration1764000100000];

function hamming(a: string, b: string): number {
  let bits = 0;
  for (let i = 0; i < a.length; i += 8) {
    let x = (Number.parseInt(a.slice(i, i + 8), 16) ^ Number.parseInt(b.slice(i, i + 8), 16)) >>> 0;
    while (x) {
      x &= x - 1;
      bits++;
    }
  }
  return bits;
}

/** Flips the first `bits` bits of a PDQ hash: a near-duplicate at exactly that distance. */
function flipBits(hex: string, bits: number): string {
  const digits = hex.split('').map((digit) => Number.parseInt(digit, 16));
  for (let bit = 0; bit < bits; bit++) digits[bit >> 2] ^= 8 >> (bit & 3);
  return digits.map((digit) => digit.toString(16)).join('');
}

describe('bank curation against Postgres: import, change feed, disable/enable, expiry, browse, export', () => {
  let setup: MigratedTestDatabase;
  let repository: TypeOrmHashBankRepository;
  let finder: SnapshotablePdqCandidateFinder;
  const clock = new FixedClock(new Date('2026-11-23T10:00:00Z'));
  let curate: CurateBanksUseCase;
  let curateEntries: CurateBankEntriesUseCase;
  let importer: ImportBankEntriesUseCase;
  let queries: BankQueries;

  beforeAll(async () => {
    setup = await migratedTestDatabase({ schema: SCHEMA, migrations: MIGRATIONS });
    repository = new TypeOrmHashBankRepository(setup.transactions, SCHEMA);
    finder = new SnapshotablePdqCandidateFinder(() => repository.listPdqEntries());
    await finder.rebuild();
    curate = new CurateBanksUseCase(repository, clock, randomUUID, finder);
    curateEntries = new CurateBankEntriesUseCase(repository, clock, finder);
    importer = new ImportBankEntriesUseCase(repository, clock, randomUUID, finder, { batchSize: 1000, maxExamples: 5 });
    queries = new BankQueries(repository);
  });
  afterAll(() => setup.close());

  const allChanges = async (bankId: string, limit: number): Promise<{ changes: EntryChange[]; pages: number }> => {
    const changes: EntryChange[] = [];
    let since: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await queries.changesSince(bankId, { since, limit });
      pages++;
      changes.push(...page.changes);
      since = page.nextCursor;
      if (!page.hasMore) return { changes, pages };
    }
  };

  it('imports 10,000 CSV rows in batches with progress, skips what the bank holds, and feeds every add in order', async () => {
    const bank = await curate.createBank({ name: 'Imported', kind: 'positive', source: 'synthetic CSV', terms: 'tests', owner: 'tests' });
    await curate.addEntry({ bankId: bank.id, hashType: 'md5', value: md5(5), classification: 'csam-a1', addedBy: 'curator' });
    const rows = Array.from({ length: 10_000 }, (_, index) => `md5,${md5(index)},${index % 2 ? 'csam-b1' : 'A2'},series-${index % 7},${index % 3 === 0},synthetic ${index}`);
    const csv = ['hash_type,value,classification,series,victim_identified,notes', ...rows, `md5,${md5(1)},csam-a1,,,`, 'md5,123,csam-a1,,,'].join('\n');

    const progress: ImportProgress[] = [];
    const summary = await importer.execute({ bankId: bank.id, format: 'csv', content: csv, actor: 'curator' }, (update) => void progress.push(update));
    expect(summary.taken).toBe(9_999);
    expect(summary.skipped).toBe(3);
    expect(summary.reasons).toEqual({ 'already-in-bank': 1, 'duplicate-in-file': 1, 'bad-hash-value': 1 });
    expect(summary.rejected.map((rejected) => [rejected.row, rejected.reason])).toEqual([
      [7, 'already-in-bank'], // md5(5) was added by hand before; line 7 = header + 6th row
      [10_002, 'duplicate-in-file'],
      [10_003, 'bad-hash-value'],
    ]);
    expect(progress.map((update) => update.processed)).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000]);
    expect(progress[progress.length - 1]).toEqual({ processed: 10_000, total: 10_000, taken: 9_999, skipped: 3 });

    const detail = await queries.bankDetail(bank.id);
    expect(detail.counts).toMatchObject({ total: 10_000, active: 10_000, disabled: 0, byHashType: { md5: 10_000 } });
    expect(detail.counts.byClassification).toEqual({ 'csam-a2': 5_000, 'csam-b1': 4_999, 'csam-a1': 1 });

    // Importing the same file again takes nothing and says why.
    const again = await importer.execute({ bankId: bank.id, format: 'csv', content: csv, actor: 'curator' });
    expect(again).toMatchObject({ taken: 0, skipped: 10_002, reasons: { 'already-in-bank': 10_000, 'duplicate-in-file': 1, 'bad-hash-value': 1 } });
    expect(again.rejected).toHaveLength(5);

    // The feed: every add once, cursors strictly increasing across pages, the hand-added one first.
    const { changes, pages } = await allChanges(bank.id, 1000);
    expect(pages).toBe(10);
    expect(changes).toHaveLength(10_000);
    expect(changes.every((change) => change.op === 'add')).toBe(true);
    expect(changes[0].entry.value).toBe(md5(5));
    const cursors = changes.map((change) => BigInt(change.cursor));
    expect(cursors.every((cursor, index) => index === 0 || cursor > cursors[index - 1])).toBe(true);
    expect(new Set(changes.map((change) => change.entry.id)).size).toBe(10_000);
    expect(changes[1].entry).toEqual({ id: expect.any(String), hashType: 'md5', value: md5(0), classification: 'csam-a2', series: 'series-0', victimIdentified: true, status: 'active' });
    // Nothing new: the cursor stays where it was.
    const last = changes[changes.length - 1].cursor;
    expect(await queries.changesSince(bank.id, { since: last })).toEqual({ changes: [], nextCursor: last, hasMore: false });
  });

  it('orders the change log by commit: a writer to the same bank waits for the one in flight, so a cursor never skips', async () => {
    const bank = await curate.createBank({ name: 'Concurrent', kind: 'positive', source: 's', terms: 't', owner: 'o' });
    const entry = (seed: number) => ({ id: randomUUID(), bankId: bank.id, hashType: 'sha1' as const, value: sha1(seed), classification: 'csam-a1', victimIdentified: false, addedBy: 'c', addedAt: clock.now().toISOString() });
    let releaseFirst!: () => void;
    const firstHolding = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstInserted!: () => void;
    const inserted = new Promise<void>((resolve) => (firstInserted = resolve));
    const first = setup.transactions.run(async () => {
      await repository.addEntry(entry(1));
      firstInserted();
      await firstHolding; // still uncommitted
    });
    await inserted;
    let secondDone = false;
    const second = repository.addEntry(entry(2)).then(() => (secondDone = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(secondDone).toBe(false); // waits for the bank's change-log lock
    expect((await queries.changesSince(bank.id, {})).changes).toEqual([]);
    releaseFirst();
    await Promise.all([first, second]);
    const changes = (await queries.changesSince(bank.id, {})).changes;
    expect(changes.map((change) => change.entry.value)).toEqual([sha1(1), sha1(2)]);
  });

  it('stops matching a disabled entry at once (PDQ index and exact digests), matches again once enabled, and records who and when', async () => {
    const bank = await curate.createBank({ name: 'Disable', kind: 'positive', source: 's', terms: 't', owner: 'o', pdqThreshold: 12 });
    const known = pdq(42);
    const pdqEntry = await curate.addEntry({ bankId: bank.id, hashType: 'pdq', value: known, classification: 'csam-a1', addedBy: 'curator' });
    const md5Entry = await curate.addEntry({ bankId: bank.id, hashType: 'md5', value: md5(424_242), classification: 'csam-a1', addedBy: 'curator' });
    const matcher = new MatchReportMediaUseCase(repository, clock, finder);
    const report = (reportId: string): ReportSubmittedV1 => ({
      reportId, reference: 'VGL-TEST-0001', incidentType: 'csam', source: 'public', urls: [],
      media: [
        { mediaId: 'near', sha256: '1'.repeat(64), md5: '1'.repeat(32), pdq: flipBits(known, 6), pdqQuality: 90, bytes: 1, contentType: 'image/jpeg' },
        { mediaId: 'exact', sha256: '2'.repeat(64), md5: md5(424_242), bytes: 1, contentType: 'image/png' },
      ],
    });
    const outcomes = async (reportId: string) => (await matcher.execute(report(reportId), reportId)).map((event) => event.type);
    expect(await outcomes('before')).toEqual(['media.matched.v1', 'media.matched.v1']);

    const disabled = await curateEntries.disableEntry({ bankId: bank.id, entryId: pdqEntry.id, reason: 'partner reports a false positive', by: 'curator-a' });
    await curateEntries.disableEntry({ bankId: bank.id, entryId: md5Entry.id, reason: 'under review', by: 'curator-a' });
    expect(disabled).toMatchObject({ disabledBy: 'curator-a', disabledReason: 'partner reports a false positive', disabledAt: clock.now().toISOString() });
    expect(await outcomes('disabled')).toEqual(['media.unknown.v1', 'media.unknown.v1']);
    await expect(curateEntries.disableEntry({ bankId: bank.id, entryId: pdqEntry.id, reason: 'again', by: 'x' })).rejects.toThrow(/already disabled/);

    await curateEntries.enableEntry({ bankId: bank.id, entryId: pdqEntry.id, by: 'curator-b' });
    await curateEntries.enableEntry({ bankId: bank.id, entryId: md5Entry.id, by: 'curator-b' });
    expect(await outcomes('enabled')).toEqual(['media.matched.v1', 'media.matched.v1']);

    const changes = (await queries.changesSince(bank.id, {})).changes;
    expect(changes.map((change) => [change.op, change.entry.hashType, change.entry.status])).toEqual([
      ['add', 'pdq', 'active'],
      ['add', 'md5', 'active'],
      ['disable', 'pdq', 'disabled'],
      ['disable', 'md5', 'disabled'],
      ['enable', 'pdq', 'active'],
      ['enable', 'md5', 'active'],
    ]);
    const actors: Array<{ op: string; actor: string }> = await setup.dataSource.query(`SELECT op, actor FROM "${SCHEMA}".hash_entry_changes WHERE entry_id = $1 ORDER BY seq`, [pdqEntry.id]);
    expect(actors).toEqual([{ op: 'add', actor: 'curator' }, { op: 'disable', actor: 'curator-a' }, { op: 'enable', actor: 'curator-b' }]);
  });

  it('re-enables an entry when its disable expires, as the system, and not before', async () => {
    const bank = await curate.createBank({ name: 'Expiry', kind: 'positive', source: 's', terms: 't', owner: 'o' });
    const entry = await curate.addEntry({ bankId: bank.id, hashType: 'pdq', value: pdq(77), classification: 'csam-b2', addedBy: 'curator' });
    await curateEntries.disableEntry({ bankId: bank.id, entryId: entry.id, reason: 'pending re-grade', expiresAt: new Date(clock.now().getTime() + 3_600_000), by: 'curator' });
    expect(await finder.findNear(pdq(77), 0)).toEqual([]);

    clock.advance(3_599_000);
    expect(await curateEntries.reenableExpired()).toEqual([]);
    clock.advance(1_000);
    const reenabled = await curateEntries.reenableExpired();
    expect(reenabled.map((found) => found.id)).toEqual([entry.id]);
    expect(reenabled[0].disabledAt).toBeUndefined();
    expect(await finder.findNear(pdq(77), 0)).toEqual([{ entryId: entry.id, distance: 0 }]);
    expect(await curateEntries.reenableExpired()).toEqual([]); // once only
    const log: Array<{ op: string; actor: string }> = await setup.dataSource.query(`SELECT op, actor FROM "${SCHEMA}".hash_entry_changes WHERE entry_id = $1 ORDER BY seq`, [entry.id]);
    expect(log).toEqual([{ op: 'add', actor: 'curator' }, { op: 'disable', actor: 'curator' }, { op: 'enable', actor: EXPIRY_SWEEP_ACTOR }]);
  });

  it('keeps the in-place PDQ index giving the same answers as a brute-force scan of the enabled entries', async () => {
    const bank = await curate.createBank({ name: 'Index', kind: 'positive', source: 's', terms: 't', owner: 'o' });
    const csv = ['hash_type,value,classification', ...Array.from({ length: 300 }, (_, index) => `pdq,${index < 150 ? flipBits(pdq(1000), index % 40) : pdq(2000 + index)},csam-a1`)].join('\n');
    await importer.execute({ bankId: bank.id, format: 'csv', content: csv, actor: 'curator' });
    const page = await queries.browseEntries(bank.id, { limit: 1000 });
    for (const entry of page.entries.filter((_, index) => index % 3 === 0)) {
      await curateEntries.disableEntry({ bankId: bank.id, entryId: entry.id, reason: 'thinning', by: 'curator' });
    }
    for (const entry of page.entries.filter((_, index) => index % 9 === 0)) {
      await curateEntries.enableEntry({ bankId: bank.id, entryId: entry.id, by: 'curator' });
    }
    const enabled = await repository.listPdqEntries();
    for (const query of [pdq(1000), flipBits(pdq(1000), 20), pdq(2150), pdq(5)]) {
      const expected = enabled.map((row) => ({ entryId: row.id, distance: hamming(row.value, query) })).filter((hit) => hit.distance <= 31);
      const key = (hit: { entryId: string; distance: number }) => `${hit.distance}:${hit.entryId}`;
      expect((await finder.findNear(query, 31)).map(key).sort()).toEqual(expected.map(key).sort());
    }
    // A fresh index built from Postgres agrees with the one updated in place.
    const rebuilt = new SnapshotablePdqCandidateFinder(() => repository.listPdqEntries());
    await rebuilt.rebuild();
    expect(rebuilt.size).toBe(finder.size);
  });

  it('browses newest first with search, filters and keyset pages, and exports only enabled entries', async () => {
    const bank = await curate.createBank({ name: 'Browse', kind: 'positive', source: 's', terms: 't', owner: 'o' });
    const added = [];
    for (let index = 0; index < 5; index++) {
      clock.advance(1000);
      added.push(await curate.addEntry({ bankId: bank.id, hashType: 'md5', value: md5(500 + index), classification: index < 2 ? 'csam-a1' : 'harmful-abusive-material', series: `Sunset ${index % 2 ? 'odd' : 'even'}`, addedBy: 'curator', notes: `50% off_${index}` }));
    }
    await curateEntries.disableEntry({ bankId: bank.id, entryId: added[4].id, reason: 'r', by: 'curator' });

    const first = await queries.browseEntries(bank.id, { limit: 2 });
    expect(first.entries.map((entry) => entry.id)).toEqual([added[4].id, added[3].id]);
    const second = await queries.browseEntries(bank.id, { limit: 2, cursor: first.nextCursor });
    expect(second.entries.map((entry) => entry.id)).toEqual([added[2].id, added[1].id]);
    const third = await queries.browseEntries(bank.id, { limit: 2, cursor: second.nextCursor });
    expect(third).toEqual({ entries: [added[0]], nextCursor: undefined });

    const ids = async (input: Parameters<BankQueries['browseEntries']>[1]) => (await queries.browseEntries(bank.id, input)).entries.map((entry) => entry.id);
    expect(await ids({ q: md5(502).slice(0, 10).toUpperCase() })).toEqual([added[2].id]);
    expect(await ids({ q: 'sunset odd' })).toEqual([added[3].id, added[1].id]);
    expect(await ids({ q: '0% off_1' })).toEqual([added[1].id]); // % and _ are literal, not wildcards
    expect(await ids({ q: '%' })).toEqual([added[4].id, added[3].id, added[2].id, added[1].id, added[0].id]);
    expect(await ids({ q: '_' })).toEqual([added[4].id, added[3].id, added[2].id, added[1].id, added[0].id]);
    expect(await ids({ classification: 'A1' })).toEqual([added[1].id, added[0].id]);
    expect(await ids({ status: 'disabled' })).toEqual([added[4].id]);
    expect(await ids({ status: 'active', classification: 'harmful-abusive-material' })).toEqual([added[3].id, added[2].id]);
    await expect(queries.browseEntries(bank.id, { cursor: 'nonsense' })).rejects.toThrow(/^cursor:/);

    const exported = await new ExportBankUseCase(repository, 2).execute(bank.id, 'csv');
    let text = '';
    for await (const chunk of exported.chunks) text += chunk;
    expect(exported.counts()).toEqual({ read: 4, written: 4 });
    expect(exported.fileName).toBe('browse.csv');
    const parsed = parseBankFile('csv', text, { bankKind: 'positive' });
    expect(parsed.entries.map((entry) => entry.value).sort()).toEqual(added.slice(0, 4).map((entry) => entry.value).sort());
  });

  it('changes a bank’s threshold and provenance, refusing out-of-range thresholds', async () => {
    const bank = await curate.createBank({ name: 'Settings', kind: 'positive', source: 's', terms: 't', owner: 'o' });
    await curateEntries.updateBank(bank.id, { pdqThreshold: 20, terms: 'CC-BY test terms' });
    expect(await repository.findBank(bank.id)).toMatchObject({ pdqThreshold: 20, terms: 'CC-BY test terms', kind: 'positive' });
    await expect(curateEntries.updateBank(bank.id, { pdqThreshold: 32 })).rejects.toThrow(/pdqThreshold: must be an integer from 0 to 31/);
    await expect(curateEntries.updateBank(bank.id, { name: 'Imported' })).rejects.toThrow(/already exists/);
    await expect(curateEntries.updateBank(randomUUID(), { pdqThreshold: 3 })).rejects.toThrow(/was not found/);
  });
});

describe('the bank-curation migration on a database with entries already', () => {
  it('writes their adds (and disables) to the change log, so a partner starting from zero gets the whole bank', async () => {
    const database = await createTestDatabase();
    const before = createServiceDataSource({ url: database.url, schema: SCHEMA, entities: [], migrations: [platformTablesMigration(), CreateHashBanks1763900000001] });
    await initialiseServiceDatabase(before, SCHEMA);
    const bankId = randomUUID();
    const [kept, disabled] = [randomUUID(), randomUUID()];
    await before.query(`INSERT INTO "${SCHEMA}".hash_banks VALUES ($1, 'Old', 'positive', 's', 't', 'o', 31, now())`, [bankId]);
    await before.query(
      `INSERT INTO "${SCHEMA}".hash_entries (id, bank_id, hash_type, value, classification, added_by, added_at, disabled_at, disabled_reason)
       VALUES ($1, $3, 'md5', $4, 'csam-a1', 'old-curator', '2025-01-01T00:00:00Z', NULL, NULL),
              ($2, $3, 'md5', $5, 'csam-b1', 'old-curator', '2025-01-02T00:00:00Z', '2025-02-01T00:00:00Z', 'withdrawn')`,
      [kept, disabled, bankId, md5(1), md5(2)],
    );
    await before.destroy();

    const after = createServiceDataSource({ url: database.url, schema: SCHEMA, entities: [], migrations: MIGRATIONS });
    await initialiseServiceDatabase(after, SCHEMA);
    try {
      const queries = new BankQueries(new TypeOrmHashBankRepository(new TransactionRunner(after), SCHEMA));
      const page = await queries.changesSince(bankId, {});
      expect(page.changes.map((change) => [change.op, change.entry.id, change.entry.status, change.at])).toEqual([
        ['add', kept, 'active', '2025-01-01T00:00:00.000Z'],
        ['add', disabled, 'active', '2025-01-02T00:00:00.000Z'],
        ['disable', disabled, 'disabled', '2025-02-01T00:00:00.000Z'],
      ]);
      expect(page.changes[0].entry).toEqual({ id: kept, hashType: 'md5', value: md5(1), classification: 'csam-a1', victimIdentified: false, status: 'active' });
    } finally {
      await after.destroy();
      await database.drop();
    }
  });
});
