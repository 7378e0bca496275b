import { ConflictError, FixedClock } from '@vigil/kernel';
import { platformTablesMigration } from '@vigil/persistence';
import { migratedTestDatabase, type MigratedTestDatabase } from '@vigil/test-fixtures';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CurateBanksUseCase } from '../../application/curate-banks/curate-banks.use-case';
import { MatchReportMediaUseCase } from '../../application/match-report-media/match-report-media.use-case';
import { SnapshotablePdqCandidateFinder } from '../match-index-snapshot/snapshotable-pdq-candidate-finder';
import { CreateHashBanks1763900000001 } from './migrations/1763900000001-create-hash-banks';
import { BankCuration1764000100000 } from './migrations/1764000100000-bank-curation';
import { TypeOrmHashBankRepository } from './typeorm-hash-bank.repository';

const SCHEMA = 'hash_detection';

describe('hash banks and exact matching (real Postgres)', () => {
  let dataSource: DataSource;
  let repository: TypeOrmHashBankRepository;
  const clock = new FixedClock(new Date('2026-11-23T10:00:00Z'));

  let setup: MigratedTestDatabase;

  beforeAll(async () => {
    setup = await migratedTestDatabase({ schema: SCHEMA, migrations: [platformTablesMigration(), CreateHashBanks1763900000001, BankCuration1764000100000] });
    ({ dataSource } = setup);
    repository = new TypeOrmHashBankRepository(setup.transactions, SCHEMA);
  });
  afterAll(() => setup.close());

  it('matches a known digest, suppresses a known false positive, and answers unknown otherwise', async () => {
    const curate = new CurateBanksUseCase(repository, clock, randomUUID);
    const known = await curate.createBank({ name: 'Known', kind: 'positive', source: 'tests', terms: 't', owner: 'o' });
    const negative = await curate.createBank({ name: 'False positives', kind: 'negative', source: 'tests', terms: 't', owner: 'o' });
    await curate.addEntry({ bankId: known.id, hashType: 'sha256', value: 'A'.repeat(64), classification: 'csam-a1', addedBy: 'curator' });
    await curate.addEntry({ bankId: known.id, hashType: 'sha256', value: 'c'.repeat(64), classification: 'csam-b1', addedBy: 'curator' });
    await curate.addEntry({ bankId: negative.id, hashType: 'md5', value: 'd'.repeat(32), classification: 'not-csam', addedBy: 'curator' });
    await expect(curate.addEntry({ bankId: known.id, hashType: 'sha256', value: 'a'.repeat(64), classification: 'csam-a1', addedBy: 'x' })).rejects.toThrow(ConflictError);

    const events = await new MatchReportMediaUseCase(repository, clock).execute(
      {
        reportId: 'r', reference: 'VGL-AAAA-BBBB', incidentType: 'csam', source: 'public', urls: [],
        media: [
          { mediaId: 'm-known', sha256: 'a'.repeat(64), md5: 'e'.repeat(32), bytes: 1, contentType: 'image/png' },
          { mediaId: 'm-suppressed', sha256: 'c'.repeat(64), md5: 'd'.repeat(32), bytes: 1, contentType: 'image/png' },
          { mediaId: 'm-new', sha256: 'f'.repeat(64), md5: 'f'.repeat(32), bytes: 1, contentType: 'image/png' },
        ],
      },
      'corr',
    );
    expect(events.map((event) => [event.type, (event.payload as { mediaId: string }).mediaId])).toEqual([
      ['media.matched.v1', 'm-known'],
      ['media.unknown.v1', 'm-suppressed'],
      ['media.unknown.v1', 'm-new'],
    ]);
    expect(events[0].payload).toMatchObject({ matchKind: 'exact', distance: 0, bankName: 'Known', classification: 'csam-a1' });
    expect((await dataSource.query(`SELECT count(*)::int AS n FROM "${SCHEMA}".outbox`))[0].n).toBe(3);
    expect((await repository.listBanks()).map((bank) => [bank.name, bank.entryCount])).toEqual([['False positives', 1], ['Known', 2]]);
  });

  it('matches a PDQ near-duplicate through the index, with its distance, and never on low quality', async () => {
    const finder = new SnapshotablePdqCandidateFinder(() => repository.listPdqEntries());
    await finder.rebuild();
    const curate = new CurateBanksUseCase(repository, clock, randomUUID, finder);
    const bank = await curate.createBank({ name: 'Perceptual', kind: 'positive', source: 'tests', terms: 't', owner: 'o', pdqThreshold: 10 });
    const entry = await curate.addEntry({ bankId: bank.id, hashType: 'pdq', value: 'f'.repeat(64), classification: 'csam-a2', addedBy: 'curator' });
    expect(finder.size).toBe(1); // added in place, no rebuild

    const media = (mediaId: string, pdq: string, pdqQuality: number) => ({ mediaId, sha256: '9'.repeat(64), md5: '9'.repeat(32), pdq, pdqQuality, bytes: 1, contentType: 'image/jpeg' });
    const events = await new MatchReportMediaUseCase(repository, clock, finder).execute(
      {
        reportId: 'r2', reference: 'VGL-AAAA-CCCC', incidentType: 'csam', source: 'public', urls: [],
        media: [
          media('near', 'f'.repeat(60) + '0ff0', 90), // 8 bits away: within the bank's threshold of 10
          media('far', 'f'.repeat(58) + '000000', 90), // 24 bits away: beyond it
          media('blurry', 'f'.repeat(64), 20), // identical hash, but quality 20 < 50: not matched on
        ],
      },
      'corr',
    );
    expect(events.map((event) => event.type)).toEqual(['media.matched.v1', 'media.unknown.v1', 'media.unknown.v1']);
    expect(events[0].payload).toMatchObject({ matchKind: 'near', distance: 8, entryId: entry.id, classification: 'csam-a2' });
    expect((events[0].payload as { reason: string }).reason).toMatch(/PDQ within 8 bits \(threshold 10\)/);
  });
});
