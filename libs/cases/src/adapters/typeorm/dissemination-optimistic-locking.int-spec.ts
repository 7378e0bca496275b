import { FixedClock } from '@vigil/kernel';
import { platformTablesMigration } from '@vigil/persistence';
import { migratedTestDatabase, type MigratedTestDatabase } from '@vigil/test-fixtures';
import { PoliceServiceReferralsUseCase } from '../../application/dissemination/dissemination.use-cases';
import { Case } from '../../domain/case';
import { Dissemination, DisseminationVersionConflict, type DisseminationSnapshot } from '../../domain/dissemination';
import { receiveReferral } from '../../domain/referral';
import type { DisseminationRepository } from '../../ports/package.ports';
import { CreateCases1763900000002 } from './migrations/1763900000002-create-cases';
import { Referrals1764000600001 } from './migrations/1764000600001-referrals';
import { PackagesAndDisseminations1764000600002 } from './migrations/1764000600002-packages-and-disseminations';
import { DisseminationVersion1764000600003 } from './migrations/1764000600003-dissemination-version';
import { TypeOrmCaseRepository } from './typeorm-case.repository';
import { TypeOrmDisseminationRepository } from './typeorm-package.repositories';

const SCHEMA = 'referral_hub';
const CASE_ID = '11111111-1111-4111-8111-111111111111';
const SERVICE = 'ottawa-police-service';
const clock = new FixedClock(new Date('2026-11-23T12:00:00Z'));

/**
 * The real repository, except that no save starts until `readers` writers have each read the
 * dissemination: so both writers surely work from the same version, as two partner requests
 * racing each other would.
 */
class ReadBarrier implements DisseminationRepository {
  private reads = 0;
  private open!: () => void;
  private readonly opened = new Promise<void>((resolve) => (this.open = resolve));
  constructor(private readonly inner: DisseminationRepository, private readonly readers: number) {}
  async findById(id: string) {
    const found = await this.inner.findById(id);
    if (++this.reads === this.readers) this.open();
    return found;
  }
  async save(dissemination: DisseminationSnapshot, events: Parameters<DisseminationRepository['save']>[1]) {
    await this.opened;
    return this.inner.save(dissemination, events);
  }
  listForPoliceService = (policeServiceId: string, limit: number) => this.inner.listForPoliceService(policeServiceId, limit);
  listForCase = (caseId: string) => this.inner.listForCase(caseId);
  unacknowledgedSince = (sentBefore: Date, limit: number) => this.inner.unacknowledgedSince(sentBefore, limit);
}

describe('dissemination optimistic locking (real Postgres, concurrent writers)', () => {
  let setup: MigratedTestDatabase;
  let repository: TypeOrmDisseminationRepository;
  let sequence = 0;

  beforeAll(async () => {
    setup = await migratedTestDatabase({
      schema: SCHEMA,
      migrations: [platformTablesMigration(), CreateCases1763900000002, Referrals1764000600001, PackagesAndDisseminations1764000600002, DisseminationVersion1764000600003],
    });
    repository = new TypeOrmDisseminationRepository(setup.transactions, SCHEMA);
    const referral = receiveReferral({
      id: '22222222-2222-4222-8222-222222222222', sourceReportId: 'p-1', origin: 'police', reference: 'X', incidentType: 'csam', summary: 's', priority: 'normal', priorityReasons: [],
      urls: [], evidence: [], identifiers: [], locations: [], childIdentified: false, priorReports: [], annotations: [], receivedAt: '2026-11-23T10:00:00.000Z',
    });
    await new TypeOrmCaseRepository(setup.transactions, SCHEMA).save([Case.open({ id: CASE_ID, reference: 'VGL-C-2026-000001', openedAt: new Date(), referral })]);
  });
  afterAll(() => setup.close());

  async function sent(acknowledged: boolean): Promise<string> {
    const id = `33333333-3333-4333-8333-${String(++sequence).padStart(12, '0')}`;
    const dissemination = Dissemination.send({
      id, caseId: CASE_ID, caseReference: 'VGL-C-2026-000001', policeServiceId: SERVICE, kind: 'package', packageVersion: 1, manifestSha256: '1'.repeat(64),
      disseminatedBy: 'inv', disseminatedAt: '2026-11-22T00:00:00.000Z',
    });
    await repository.save(dissemination.snapshot(), []);
    if (acknowledged) await new PoliceServiceReferralsUseCase(repository, clock).acknowledge(id, SERVICE, 'partner:ops');
    return id;
  }

  const acknowledgedEvents = async (id: string) =>
    (await setup.transactions.manager.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.outbox WHERE event_type = 'referral.acknowledged.v1' AND envelope->'payload'->>'disseminationId' = $1`, [id]))[0].n as number;

  it('refuses the second of two outcomes based on the same version with a 409 naming the current version; the first is kept', async () => {
    const id = await sent(true);
    const useCase = new PoliceServiceReferralsUseCase(new ReadBarrier(repository, 2), clock);
    const results = await Promise.allSettled([
      useCase.reportOutcome(id, SERVICE, { outcome: 'arrest', at: '2026-11-23T09:00:00Z' }, 'partner:a', 2),
      useCase.reportOutcome(id, SERVICE, { outcome: 'charges', at: '2026-11-23T09:30:00Z' }, 'partner:b', 2),
    ]);
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toBeInstanceOf(DisseminationVersionConflict);
    expect(lost[0].reason).toMatchObject({ kind: 'conflict', field: 'version', currentVersion: 3, message: expect.stringContaining('is at version 3, not 2') });
    const stored = await repository.findById(id);
    expect(stored?.version).toBe(3);
    expect(stored?.outcomes).toHaveLength(1);
  });

  it('keeps both outcomes when neither named a version (an append is retried on the fresh state)', async () => {
    const id = await sent(true);
    const useCase = new PoliceServiceReferralsUseCase(new ReadBarrier(repository, 2), clock);
    const [first, second] = await Promise.all([
      useCase.reportOutcome(id, SERVICE, { outcome: 'arrest', at: '2026-11-23T09:00:00Z' }, 'partner:a'),
      useCase.reportOutcome(id, SERVICE, { outcome: 'charges', at: '2026-11-23T09:30:00Z' }, 'partner:b'),
    ]);
    expect([first.version, second.version].sort()).toEqual([3, 4]);
    const stored = await repository.findById(id);
    expect(stored?.version).toBe(4);
    expect(stored?.outcomes.map((outcome) => outcome.outcome).sort()).toEqual(['arrest', 'charges']);
  });

  it('two acknowledgements at once both succeed, record one acknowledgement and publish one event', async () => {
    const id = await sent(false);
    const useCase = new PoliceServiceReferralsUseCase(new ReadBarrier(repository, 2), clock);
    const [a, b] = await Promise.all([useCase.acknowledge(id, SERVICE, 'partner:a', 1), useCase.acknowledge(id, SERVICE, 'partner:b', 1)]);
    expect(a.acknowledgedBy).toBe(b.acknowledgedBy);
    expect((await repository.findById(id))?.version).toBe(2);
    expect(await acknowledgedEvents(id)).toBe(1);
    // A later retry naming any version, stale included, is still a harmless repeat.
    await expect(new PoliceServiceReferralsUseCase(repository, clock).acknowledge(id, SERVICE, 'partner:a', 1)).resolves.toMatchObject({ version: 2 });
    expect(await acknowledgedEvents(id)).toBe(1);
  });

  it('a writer blocked on another’s row lock fails when that one commits, and writes nothing', async () => {
    const id = await sent(true);
    const base = (await repository.findById(id)) as DisseminationSnapshot;
    const withOutcome = (outcome: 'arrest' | 'charges'): DisseminationSnapshot => ({
      ...base, version: base.version + 1, outcomes: [{ outcome, at: '2026-11-23T09:00:00.000Z', reportedBy: 'p', reportedAt: '2026-11-23T12:00:00.000Z' }],
    });
    let written!: () => void;
    let release!: () => void;
    const firstWritten = new Promise<void>((resolve) => (written = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    const first = setup.transactions.run(async () => {
      await repository.save(withOutcome('arrest'), []);
      written();
      await released;
    });
    await firstWritten;
    const second = repository.save(withOutcome('charges'), []);
    // Wait until the second writer is really waiting on the first one's lock, then let the first commit.
    for (let tries = 0; tries < 100; tries++) {
      const waiting: Array<{ n: number }> = await setup.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      if (waiting[0].n > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    release();
    await first;
    await expect(second).rejects.toMatchObject({ currentVersion: 3, expectedVersion: 2 });
    expect((await repository.findById(id))?.outcomes.map((outcome) => outcome.outcome)).toEqual(['arrest']);
  });

  it('reads the version from its column, also for rows written before versions existed', async () => {
    const id = await sent(false);
    await setup.dataSource.query(`UPDATE ${SCHEMA}.disseminations SET state = state - 'version' WHERE id = $1`, [id]);
    expect((await repository.findById(id))?.version).toBe(1);
  });
});
