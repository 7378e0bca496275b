import { envelope } from '@vigil/contracts';
import { ConflictError } from '@vigil/kernel';
import { platformTablesMigration } from '@vigil/persistence';
import { migratedTestDatabase, type MigratedTestDatabase } from '@vigil/test-fixtures';
import { Case } from '../../domain/case';
import { Dissemination } from '../../domain/dissemination';
import { receiveReferral } from '../../domain/referral';
import type { StoredPackage } from '../../ports/package.ports';
import { CreateCases1763900000002 } from './migrations/1763900000002-create-cases';
import { Referrals1764000600001 } from './migrations/1764000600001-referrals';
import { PackagesAndDisseminations1764000600002 } from './migrations/1764000600002-packages-and-disseminations';
import { DisseminationVersion1764000600003 } from './migrations/1764000600003-dissemination-version';
import { TypeOrmCaseRepository } from './typeorm-case.repository';
import { TypeOrmDisseminationRepository, TypeOrmPackageRepository } from './typeorm-package.repositories';

const SCHEMA = 'referral_hub';
const CASE_ID = '11111111-1111-4111-8111-111111111111';

describe('package and dissemination repositories (real Postgres)', () => {
  let setup: MigratedTestDatabase;
  let packages: TypeOrmPackageRepository;
  let disseminations: TypeOrmDisseminationRepository;

  beforeAll(async () => {
    setup = await migratedTestDatabase({ schema: SCHEMA, migrations: [platformTablesMigration(), CreateCases1763900000002, Referrals1764000600001, PackagesAndDisseminations1764000600002, DisseminationVersion1764000600003] });
    packages = new TypeOrmPackageRepository(setup.transactions, SCHEMA);
    disseminations = new TypeOrmDisseminationRepository(setup.transactions, SCHEMA);
    const referral = receiveReferral({
      id: '22222222-2222-4222-8222-222222222222', sourceReportId: 'p-1', origin: 'police', reference: 'X', incidentType: 'csam', summary: 's', priority: 'normal', priorityReasons: [],
      urls: [], evidence: [], identifiers: [], locations: [], childIdentified: false, priorReports: [], annotations: [], receivedAt: '2026-11-23T10:00:00.000Z',
    });
    await new TypeOrmCaseRepository(setup.transactions, SCHEMA).save([Case.open({ id: CASE_ID, reference: 'VGL-C-2026-000001', openedAt: new Date(), referral })]);
  });
  afterAll(() => setup.close());

  const stored = (version: number, kind: 'package' | 'lead'): StoredPackage => ({
    caseId: CASE_ID, version, kind, json: `{"v":${version}}`, pdf: new Uint8Array([37, 80, 68, 70, version]),
    manifest: { format: 'vigil.package-manifest/1', caseReference: 'VGL-C-2026-000001', kind, version, algorithm: 'sha256', parts: [], manifestSha256: String(version).repeat(64) },
    builtAt: '2026-11-23T12:00:00.000Z', builtBy: 'inv',
  });

  it('keeps every version byte for byte and refuses to overwrite one', async () => {
    expect(await packages.nextVersion(CASE_ID)).toBe(1);
    await packages.save(stored(1, 'package'));
    await packages.save(stored(2, 'lead'));
    await expect(packages.save(stored(2, 'package'))).rejects.toBeInstanceOf(ConflictError);
    expect(await packages.nextVersion(CASE_ID)).toBe(3);
    expect(await packages.find(CASE_ID, 1)).toEqual(stored(1, 'package'));
    expect((await packages.latest(CASE_ID, 'lead'))?.version).toBe(2);
    expect((await packages.list(CASE_ID)).map((row) => [row.version, row.kind])).toEqual([[1, 'package'], [2, 'lead']]);
  });

  it('saves a dissemination with its event in the outbox, and lists the unacknowledged ones past a deadline', async () => {
    const sent = (id: string, at: string) =>
      Dissemination.send({ id, caseId: CASE_ID, caseReference: 'VGL-C-2026-000001', policeServiceId: 'ottawa-police-service', kind: 'package', packageVersion: 1, manifestSha256: '1'.repeat(64), disseminatedBy: 'inv', disseminatedAt: at });
    const old = sent('33333333-3333-4333-8333-333333333333', '2026-11-01T00:00:00.000Z');
    const recent = sent('44444444-4444-4444-8444-444444444444', '2026-11-22T00:00:00.000Z');
    const event = envelope('referral.disseminated.v1', 'referral-hub', { probe: true });
    await disseminations.save(old.snapshot(), [event]);
    await disseminations.save(recent.snapshot(), []);
    const outbox: Array<{ event_id: string }> = await setup.transactions.manager.query(`SELECT event_id FROM ${SCHEMA}.outbox`);
    expect(outbox.map((row) => row.event_id)).toEqual([event.id]);

    expect((await disseminations.unacknowledgedSince(new Date('2026-11-20T00:00:00Z'), 10)).map((row) => row.id)).toEqual([old.snapshot().id]);
    old.acknowledge('partner:ops', new Date('2026-11-23T00:00:00Z'));
    await disseminations.save(old.snapshot(), []);
    expect(await disseminations.unacknowledgedSince(new Date('2026-11-20T00:00:00Z'), 10)).toEqual([]);
    expect((await disseminations.listForPoliceService('ottawa-police-service', 10)).map((row) => row.id)).toEqual([recent.snapshot().id, old.snapshot().id]);
    expect(await disseminations.listForPoliceService('toronto-police-service', 10)).toEqual([]);
  });
});
