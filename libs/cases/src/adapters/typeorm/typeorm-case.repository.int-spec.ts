import { platformTablesMigration } from '@vigil/persistence';
import { migratedTestDatabase, type MigratedTestDatabase } from '@vigil/test-fixtures';
import { Case, type CaseReport } from '../../domain/case';
import { CreateCases1763900000002 } from './migrations/1763900000002-create-cases';
import { TypeOrmCaseRepository } from './typeorm-case.repository';

const SCHEMA = 'referral_hub';
const report = (sourceReportId: string): CaseReport => ({
  sourceReportId, origin: 'tipline', reference: 'VGL-AAAA-BBBB', incidentType: 'csam', summary: 's', priority: 'high', priorityReasons: [], urls: [], mediaSha256: [], receivedAt: '2026-11-23T10:00:00.000Z',
});

describe('TypeOrmCaseRepository (real Postgres)', () => {
  let repository: TypeOrmCaseRepository;

  let setup: MigratedTestDatabase;

  beforeAll(async () => {
    setup = await migratedTestDatabase({ schema: SCHEMA, migrations: [platformTablesMigration(), CreateCases1763900000002] });
    repository = new TypeOrmCaseRepository(setup.transactions, SCHEMA);
  });
  afterAll(() => setup.close());

  it('numbers cases per year without gaps between concurrent callers', async () => {
    const numbers = await Promise.all(Array.from({ length: 10 }, () => repository.nextSequence(2031)));
    expect([...numbers].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('stores a case with its reports and refuses a second case for the same report', async () => {
    const first = Case.open({ id: '33333333-3333-4333-8333-333333333333', reference: 'VGL-C-2026-000001', openedAt: new Date('2026-11-23T10:00:00Z'), report: report('r-1') });
    const second = Case.open({ id: '44444444-4444-4444-8444-444444444444', reference: 'VGL-C-2026-000002', openedAt: new Date('2026-11-23T10:00:00Z'), report: report('r-1') });
    expect(await repository.insertIfReportIsNew(first)).toBe(true);
    expect(await repository.insertIfReportIsNew(second)).toBe(false);
    expect(await repository.findById(first.snapshot().id)).toEqual(first.snapshot());
    expect((await repository.list(10)).map((row) => row.id)).toEqual([first.snapshot().id]);
  });
});
