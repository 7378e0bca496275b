import { FixedClock } from '@vigil/kernel';
import { platformTablesMigration } from '@vigil/persistence';
import { migratedTestDatabase, testRecordCipher, type MigratedTestDatabase } from '@vigil/test-fixtures';
import { IdentifiedPerPeriodUseCase } from '../../application/identified-per-period/identified-per-period.use-case';
import { RecordIdentificationUseCase } from '../../application/victim-identification.use-cases';
import { CreateIdentifiedVictims1764000900001 } from './migrations/1764000900001-create-identified-victims';
import { SealIdentifiedVictimRecords1764310000001 } from './migrations/1764310000001-seal-identified-victim-records';
import { TypeOrmIdentifiedVictimCounts } from './typeorm-identified-victim-counts';
import { TypeOrmVictimRepository } from './typeorm-victim.repository';

const SCHEMA = 'referral_hub';
const reference = { isPoliceService: () => true, isProvince: () => true };
let next = 0;
const newId = () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`;

describe('victims identified per period (real Postgres)', () => {
  let setup: MigratedTestDatabase;
  let counts: TypeOrmIdentifiedVictimCounts;

  beforeAll(async () => {
    setup = await migratedTestDatabase({ schema: SCHEMA, migrations: [platformTablesMigration(), CreateIdentifiedVictims1764000900001, SealIdentifiedVictimRecords1764310000001] });
    counts = new TypeOrmIdentifiedVictimCounts(setup.transactions, SCHEMA);
    const record = new RecordIdentificationUseCase(new TypeOrmVictimRepository(setup.transactions, SCHEMA, testRecordCipher()), new FixedClock(new Date('2026-12-31T12:00:00Z')), newId, reference, async () => true);
    const days = ['2026-01-31', ...Array.from({ length: 6 }, () => '2026-02-14'), '2026-03-01', '2026-04-01'];
    for (const [index, identifiedOn] of days.entries()) {
      await record.execute({ pseudonym: `VIC-CNT${String(index).padStart(4, '0')}`, ageBand: '8-11', gender: 'unknown', province: 'ON', identifiedOn, identifyingAgency: 'ottawa-police-service', series: [], hashes: [] }, 'victimid');
    }
  });
  afterAll(() => setup.close());

  it('counts identifications per month and per day of the range, by identification date', async () => {
    expect(await counts.countPerPeriod(new Date('2026-01-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'), 'month')).toEqual(new Map([['2026-01', 1], ['2026-02', 6], ['2026-03', 1]]));
    expect(await counts.countPerPeriod(new Date('2026-02-14T00:00:00Z'), new Date('2026-03-02T00:00:00Z'), 'day')).toEqual(new Map([['2026-02-14', 6], ['2026-03-01', 1]]));
  });

  it('publishes them with small counts suppressed', async () => {
    const series = await new IdentifiedPerPeriodUseCase(counts).identifiedPerPeriod(new Date('2026-01-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'), 'month', ['2026-01', '2026-02', '2026-03']);
    expect(series.perPeriod).toEqual({ '2026-01': '<5', '2026-02': 6, '2026-03': '<5' });
    expect(series.total).toBe(8);
  });
});
