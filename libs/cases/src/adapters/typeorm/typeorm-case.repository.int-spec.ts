import { ConflictError } from '@vigil/kernel';
import { platformTablesMigration } from '@vigil/persistence';
import { migratedTestDatabase, type MigratedTestDatabase } from '@vigil/test-fixtures';
import { Case } from '../../domain/case';
import { identifier } from '../../domain/identifiers';
import { receiveReferral, type Referral } from '../../domain/referral';
import { DuplicateReferralError } from '../../ports/case.repository';
import { CreateCases1763900000002 } from './migrations/1763900000002-create-cases';
import { Referrals1764000600001 } from './migrations/1764000600001-referrals';
import { TypeOrmCaseRepository } from './typeorm-case.repository';

const SCHEMA = 'referral_hub';
let counter = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;
const at = new Date('2026-11-23T12:00:00Z');

function referral(sourceReportId: string, extra: Partial<Referral> = {}): Referral {
  return receiveReferral({
    id: uuid(), sourceReportId, origin: 'tipline', reference: `REF-${sourceReportId}`, incidentType: 'other', summary: 's', priority: 'normal', priorityReasons: [],
    urls: ['https://example.org/x'], evidence: [], identifiers: [], locations: [], childIdentified: false, priorReports: [], annotations: [], receivedAt: '2026-11-23T10:00:00.000Z', ...extra,
  });
}

describe('TypeOrmCaseRepository (real Postgres)', () => {
  let repository: TypeOrmCaseRepository;
  let setup: MigratedTestDatabase;

  beforeAll(async () => {
    setup = await migratedTestDatabase({ schema: SCHEMA, migrations: [platformTablesMigration(), CreateCases1763900000002, Referrals1764000600001] });
    repository = new TypeOrmCaseRepository(setup.transactions, SCHEMA);
  });
  afterAll(() => setup.close());

  it('numbers cases per year without gaps between concurrent callers', async () => {
    const numbers = await Promise.all(Array.from({ length: 10 }, () => repository.nextSequence(2031)));
    expect([...numbers].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('stores a case with its referral and original, and refuses a second referral with the same source reference', async () => {
    const first = Case.open({ id: uuid(), reference: 'VGL-C-2026-100001', openedAt: at, referral: referral('r-1') });
    const item = first.snapshot().reports[0];
    await repository.save([first], new Map([[item.id, { contentType: 'application/xml', body: '<report/>' }]]));
    const stored = await repository.findById(first.id);
    expect(stored).toEqual({ ...first.snapshot(), version: 1 });
    expect(await repository.findByReferralId(item.id)).toEqual(stored);
    expect(await repository.findBySourceReportId('r-1')).toEqual(stored);
    expect(await repository.original(item.id)).toEqual({ contentType: 'application/xml', body: '<report/>' });

    const second = Case.open({ id: uuid(), reference: 'VGL-C-2026-100002', openedAt: at, referral: referral('r-1') });
    await expect(repository.save([second])).rejects.toBeInstanceOf(DuplicateReferralError);
    expect(await repository.findById(second.id)).toBeUndefined();
  });

  it('finds open cases by shared identifier, merges them in one transaction, and refuses a stale save', async () => {
    const email = identifier('email', 'Merge.Suspect@example.com', 'test')!;
    const a = Case.open({ id: uuid(), reference: 'VGL-C-2026-200001', openedAt: at, referral: referral('m-1', { identifiers: [email] }) });
    const b = Case.open({ id: uuid(), reference: 'VGL-C-2026-200002', openedAt: at, referral: referral('m-2', { identifiers: [email] }) });
    await repository.save([a]);
    await repository.save([b]);
    const found = await repository.findOpenCasesSharing([{ kind: 'email', value: 'merge.suspect@example.com' }]);
    expect(found.map((kase) => kase.reference).sort()).toEqual(['VGL-C-2026-200001', 'VGL-C-2026-200002']);

    const target = Case.restore((await repository.findById(a.id))!);
    const other = Case.restore((await repository.findById(b.id))!);
    const stale = Case.restore((await repository.findById(b.id))!);
    target.absorb(other, 'inv', 'same suspect', at);
    await repository.save([target, other]);
    expect((await repository.findById(a.id))?.reports.map((item) => item.sourceReportId)).toEqual(['m-1', 'm-2']);
    expect(await repository.findById(b.id)).toMatchObject({ status: 'merged', mergedInto: a.id, reports: [], version: 2 });
    expect((await repository.findOpenCasesSharing([{ kind: 'email', value: 'merge.suspect@example.com' }])).map((kase) => kase.id)).toEqual([a.id]);
    expect((await repository.list(100)).map((kase) => kase.id)).not.toContain(b.id);

    stale.overrideJurisdiction('CA-ON', 'stale write', 'inv', at);
    await expect(repository.save([stale])).rejects.toThrow(ConflictError);
  });

  it('queues undecided referrals most urgent first, then oldest', async () => {
    const p4old = referral('q-1', { receivedAt: '2026-11-01T00:00:00.000Z' });
    const p1new = referral('q-2', { urgentReason: 'threat', receivedAt: '2026-11-22T00:00:00.000Z' });
    const p1old = referral('q-3', { urgentReason: 'threat', receivedAt: '2026-11-21T00:00:00.000Z' });
    const kase = Case.open({ id: uuid(), reference: 'VGL-C-2026-300001', openedAt: at, referral: p4old });
    kase.attach(p1new, at, 'test');
    kase.attach(p1old, at, 'test');
    await repository.save([kase]);
    const queued = (await repository.triageQueue(500)).filter((item) => item.caseId === kase.id);
    expect(queued.map((item) => [item.reference, item.urgency])).toEqual([['REF-q-3', 'P1'], ['REF-q-2', 'P1'], ['REF-q-1', 'P4']]);

    const saved = Case.restore((await repository.findById(kase.id))!);
    saved.decideTriage(p1old.id, { actionable: true, urgency: 'P1' }, 'inv', at);
    await repository.save([saved]);
    expect((await repository.triageQueue(500)).filter((item) => item.caseId === kase.id).map((item) => item.reference)).toEqual(['REF-q-2', 'REF-q-1']);
  });
});
