import { FixedClock } from '@vigil/kernel';
import { platformTablesMigration } from '@vigil/persistence';
import { migratedTestDatabase, type MigratedTestDatabase } from '@vigil/test-fixtures';
import { randomUUID } from 'node:crypto';
import { CurateBanksUseCase } from '../../application/curate-banks/curate-banks.use-case';
import { MarkVictimIdentifiedUseCase, VICTIM_IDENTIFICATION_ACTOR } from '../../application/victim-identified/mark-victim-identified.use-case';
import { CreateHashBanks1763900000001 } from './migrations/1763900000001-create-hash-banks';
import { BankCuration1764000100000 } from './migrations/1764000100000-bank-curation';
import { TypeOrmHashBankRepository } from './typeorm-hash-bank.repository';

const SCHEMA = 'hash_detection';
/** Synthetic digests: repeated hex digits, never of any real file. */
const sha256 = (digit: string) => digit.repeat(64);

describe('victim.identified.v1 flags bank entries (real Postgres)', () => {
  let setup: MigratedTestDatabase;
  let repository: TypeOrmHashBankRepository;
  let curate: CurateBanksUseCase;
  let mark: MarkVictimIdentifiedUseCase;
  const clock = new FixedClock(new Date('2026-11-23T10:00:00Z'));

  beforeAll(async () => {
    setup = await migratedTestDatabase({ schema: SCHEMA, migrations: [platformTablesMigration(), CreateHashBanks1763900000001, BankCuration1764000100000] });
    repository = new TypeOrmHashBankRepository(setup.transactions, SCHEMA);
    curate = new CurateBanksUseCase(repository, clock, randomUUID);
    mark = new MarkVictimIdentifiedUseCase(repository, clock);
  });
  afterAll(() => setup.close());

  it('flags the series’ entries and the named hashes in every bank, once, each as an update by the referral hub', async () => {
    const first = await curate.createBank({ name: 'First', kind: 'positive', source: 'synthetic', terms: 'tests', owner: 'tests' });
    const second = await curate.createBank({ name: 'Second', kind: 'positive', source: 'synthetic', terms: 'tests', owner: 'tests' });
    const add = (bankId: string, digit: string, series?: string) => curate.addEntry({ bankId, hashType: 'sha256', value: sha256(digit), classification: 'csam-a1', series, addedBy: 'curator' });
    const inSeries = await add(first.id, '1', 'Sunflower Series');
    const inSeriesElsewhere = await add(second.id, '2', 'sunflower series');
    const byHash = await add(second.id, '3');
    const untouched = await add(first.id, '4', 'Other');

    const event = { victimPseudonym: 'VIC-7K3M9Q', series: ['Sunflower Series'], hashes: [{ type: 'sha256', value: sha256('3') }, { type: 'crc32', value: 'abcd' }] };
    const flagged = await mark.execute(event);
    expect(flagged.map((entry) => entry.id).sort()).toEqual([inSeries.id, inSeriesElsewhere.id, byHash.id].sort());
    expect((await repository.findEntry(first.id, inSeries.id))?.victimIdentified).toBe(true);
    expect((await repository.findEntry(first.id, untouched.id))?.victimIdentified).toBe(false);

    const changes = await repository.listChanges(second.id, '0', 100);
    const updates = changes.changes.filter((change) => change.op === 'update');
    expect(updates.map((change) => change.entry.value).sort()).toEqual([sha256('2'), sha256('3')]);
    const actors: Array<{ actor: string }> = await setup.transactions.manager.query(`SELECT actor FROM ${SCHEMA}.hash_entry_changes WHERE op = 'update'`);
    expect(actors.map((row) => row.actor)).toEqual([VICTIM_IDENTIFICATION_ACTOR, VICTIM_IDENTIFICATION_ACTOR, VICTIM_IDENTIFICATION_ACTOR]);

    // Redelivered: nothing left to flag, no second change-log row.
    expect(await mark.execute(event)).toEqual([]);
    const again: Array<{ n: number }> = await setup.transactions.manager.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.hash_entry_changes WHERE op = 'update'`);
    expect(again[0].n).toBe(3);
  });

  it('does nothing for an identification with neither series nor hashes', async () => {
    expect(await mark.execute({ victimPseudonym: 'VIC-000000', series: [], hashes: [] })).toEqual([]);
  });
});
