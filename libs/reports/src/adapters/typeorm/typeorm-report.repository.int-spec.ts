import { ConflictError } from '@vigil/kernel';
import { platformTablesMigration } from '@vigil/persistence';
import { migratedTestDatabase, type MigratedTestDatabase } from '@vigil/test-fixtures';
import type { DataSource } from 'typeorm';
import { Report } from '../../domain/report';
import { CreateReports1763900000000 } from './migrations/1763900000000-create-reports';
import { PublicReportDetails1764001100004 } from './migrations/1764001100004-public-report-details';
import { ReportEntity } from './report.entity';
import { TypeOrmReportRepository } from './typeorm-report.repository';

const SCHEMA = 'tipline';
let sequence = 0;
function newReport(incidentType = 'csam', receivedAt = new Date('2026-11-23T10:00:00Z')) {
  sequence++;
  return Report.submit({
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    reference: `VGL-AAAA-${String(sequence).padStart(4, '0')}`,
    source: 'public',
    incidentType,
    description: 'synthetic',
    urls: ['https://example.org/a'],
    media: [{ mediaId: 'm1', filename: 'a.png', contentType: 'image/png', bytes: 1, sha256: 'a'.repeat(64), md5: 'b'.repeat(32) }],
    receivedAt,
  });
}

describe('TypeOrmReportRepository (real Postgres)', () => {
  let dataSource: DataSource;
  let repository: TypeOrmReportRepository;

  let setup: MigratedTestDatabase;

  beforeAll(async () => {
    setup = await migratedTestDatabase({ schema: SCHEMA, entities: [ReportEntity], migrations: [platformTablesMigration(), CreateReports1763900000000, PublicReportDetails1764001100004] });
    ({ dataSource } = setup);
    repository = new TypeOrmReportRepository(setup.transactions, SCHEMA);
  });
  afterAll(() => setup.close());

  it('round-trips a report and writes its events to the outbox in the same transaction', async () => {
    const report = newReport();
    await repository.save(report, [{ id: '11111111-1111-4111-8111-111111111111', type: 'report.submitted.v1', occurredAt: '2026-11-23T10:00:00Z', source: 'tipline', correlationId: report.id, payload: {} }]);
    const loaded = await repository.findById(report.id);
    expect(loaded?.snapshot()).toMatchObject({ ...report.snapshot(), version: 1 });
    expect((await repository.findByReference(report.snapshot().reference))?.id).toBe(report.id);
    const outbox = await dataSource.query(`SELECT event_type FROM "${SCHEMA}".outbox`);
    expect(outbox).toEqual([{ event_type: 'report.submitted.v1' }]);
  });

  it('writes a new report and its outbox rows in one statement: a duplicate reference leaves neither behind', async () => {
    const report = newReport();
    await repository.save(report, []);
    const before = await dataSource.query(`SELECT count(*)::int AS n FROM "${SCHEMA}".outbox`);
    const duplicate = Report.submit({ ...report.snapshot(), id: '00000000-0000-4000-8000-999999999999', receivedAt: new Date(report.snapshot().receivedAt) });
    await expect(repository.save(duplicate, [{ id: '33333333-3333-4333-8333-333333333333', type: 'report.submitted.v1', occurredAt: '', source: 'tipline', correlationId: '', payload: {} }])).rejects.toThrow(/duplicate key/);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM "${SCHEMA}".outbox`)).toEqual(before);
    expect(await repository.findById('00000000-0000-4000-8000-999999999999')).toBeUndefined();
  });

  it('refuses a stale write (optimistic locking) and leaves no outbox row behind', async () => {
    const report = newReport();
    await repository.save(report, []);
    const first = (await repository.findById(report.id))!;
    const second = (await repository.findById(report.id))!;
    first.escalate('analyst-a', new Date());
    await repository.save(first, []);
    second.escalate('analyst-b', new Date());
    const before = await dataSource.query(`SELECT count(*)::int AS n FROM "${SCHEMA}".outbox`);
    await expect(repository.save(second, [{ id: '22222222-2222-4222-8222-222222222222', type: 'report.escalated.v1', occurredAt: '', source: 'tipline', correlationId: '', payload: {} }])).rejects.toThrow(ConflictError);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM "${SCHEMA}".outbox`)).toEqual(before);
    expect((await repository.findById(report.id))?.snapshot().escalatedBy).toBe('analyst-a');
  });

  it('orders the queue by priority, then oldest first', async () => {
    await dataSource.query(`DELETE FROM "${SCHEMA}".reports`);
    const older = newReport('csam', new Date('2026-11-20T00:00:00Z'));
    const newer = newReport('csam', new Date('2026-11-22T00:00:00Z'));
    const urgent = newReport('sextortion-financial', new Date('2026-11-23T00:00:00Z'));
    for (const report of [newer, urgent, older]) await repository.save(report, []);
    const queue = await repository.queue({ limit: 10 });
    expect(queue.map((row) => row.id)).toEqual([urgent.id, older.id, newer.id]);
  });
});
