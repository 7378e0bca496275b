import { platformTablesMigration } from '@vigil/persistence';
import { migratedTestDatabase, type MigratedTestDatabase } from '@vigil/test-fixtures';
import { ReferralFiguresUseCase } from '../../application/referral-figures/referral-figures.use-case';
import { Case } from '../../domain/case';
import { Dissemination } from '../../domain/dissemination';
import type { PackageKind } from '../../domain/investigation-package';
import { receiveReferral, type ReferralSource } from '../../domain/referral';
import { CreateCases1763900000002 } from './migrations/1763900000002-create-cases';
import { Referrals1764000600001 } from './migrations/1764000600001-referrals';
import { PackagesAndDisseminations1764000600002 } from './migrations/1764000600002-packages-and-disseminations';
import { DisseminationVersion1764000600003 } from './migrations/1764000600003-dissemination-version';
import { TypeOrmCaseRepository } from './typeorm-case.repository';
import { TypeOrmDisseminationRepository } from './typeorm-package.repositories';
import { TypeOrmReferralFigures } from './typeorm-referral-figures';

const SCHEMA = 'referral_hub';
let next = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`;

const referral = (origin: ReferralSource, receivedAt: string, extra: { urls?: string[] } = {}) =>
  receiveReferral({
    id: uuid(), sourceReportId: `${origin}-${next}`, origin, reference: `R-${next}`, incidentType: 'csam', summary: 'synthetic', priority: 'normal', priorityReasons: [],
    urls: extra.urls ?? ['https://example.org/listing'], evidence: [], identifiers: [], locations: [], childIdentified: false, priorReports: [], annotations: [], receivedAt,
  });

describe('referral figures from Postgres aggregates (real Postgres)', () => {
  let setup: MigratedTestDatabase;
  let figures: TypeOrmReferralFigures;

  beforeAll(async () => {
    setup = await migratedTestDatabase({ schema: SCHEMA, migrations: [platformTablesMigration(), CreateCases1763900000002, Referrals1764000600001, PackagesAndDisseminations1764000600002, DisseminationVersion1764000600003] });
    figures = new TypeOrmReferralFigures(setup.transactions, SCHEMA);
    const cases = new TypeOrmCaseRepository(setup.transactions, SCHEMA);
    const disseminations = new TypeOrmDisseminationRepository(setup.transactions, SCHEMA);
    const send = (kase: Case, kind: PackageKind, at: string) =>
      disseminations.save(
        Dissemination.send({ id: uuid(), caseId: kase.snapshot().id, caseReference: kase.snapshot().reference, policeServiceId: 'ottawa-police-service', kind, packageVersion: 1, manifestSha256: 'a'.repeat(64), disseminatedBy: 'inv', disseminatedAt: at }).snapshot(),
        [],
      );

    // Case A: a tipline referral in January sent 10 hours later as a package; an NCMEC referral joins in February and the lead of March 1 (48 hours on) is its first dissemination after it.
    const a = Case.open({ id: uuid(), reference: 'VGL-C-2026-000001', openedAt: new Date('2026-01-10T00:00:00Z'), referral: referral('tipline', '2026-01-10T00:00:00.000Z') });
    const joining = referral('ncmec', '2026-02-27T00:00:00.000Z');
    a.attach(joining, new Date('2026-02-27T00:00:00Z'), 'same suspect');
    a.decideTriage(joining.id, { actionable: false, notActionableReason: 'already investigated', urgency: joining.triage.proposed.urgency, reason: 'known to police' }, 'inv', new Date('2026-02-28T09:00:00Z'));
    await cases.save([a]);
    await send(a, 'package', '2026-01-10T10:00:00.000Z');
    await send(a, 'lead', '2026-03-01T00:00:00.000Z');

    // Case B: a police referral in March, decided actionable, sent 30 hours later.
    const policeReferral = referral('police', '2026-03-05T00:00:00.000Z');
    const b = Case.open({ id: uuid(), reference: 'VGL-C-2026-000002', openedAt: new Date('2026-03-05T00:00:00Z'), referral: policeReferral });
    b.decideTriage(policeReferral.id, { actionable: true, urgency: policeReferral.triage.proposed.urgency }, 'inv', new Date('2026-03-05T01:00:00Z'));
    await cases.save([b]);
    await send(b, 'package', '2026-03-06T06:00:00.000Z');

    // Case C: an industry referral in March never sent, and one received outside the range.
    await cases.save([Case.open({ id: uuid(), reference: 'VGL-C-2026-000003', openedAt: new Date('2026-03-20T00:00:00Z'), referral: referral('industry', '2026-03-20T00:00:00.000Z') })]);
    await cases.save([Case.open({ id: uuid(), reference: 'VGL-C-2026-000004', openedAt: new Date('2026-04-02T00:00:00Z'), referral: referral('tipline', '2026-04-02T00:00:00.000Z') })]);
  });
  afterAll(() => setup.close());

  it('counts referrals by source, disseminations by kind and validity decisions per month of the range', async () => {
    const counts = await figures.counts(new Date('2026-01-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'), 'month');
    expect(sortRows(counts.received)).toEqual([
      { period: '2026-01', source: 'tipline', count: 1 },
      { period: '2026-02', source: 'ncmec', count: 1 },
      { period: '2026-03', source: 'industry', count: 1 },
      { period: '2026-03', source: 'police', count: 1 },
    ]);
    expect(sortRows(counts.sent)).toEqual([
      { period: '2026-01', kind: 'package', count: 1 },
      { period: '2026-03', kind: 'lead', count: 1 },
      { period: '2026-03', kind: 'package', count: 1 },
    ]);
    expect(sortRows(counts.decisions)).toEqual([
      { period: '2026-02', actionable: false, count: 1 },
      { period: '2026-03', actionable: true, count: 1 },
    ]);
    expect([...counts.hoursToFirstDissemination].sort((x, y) => x - y)).toEqual([10, 30, 48]);
  });

  it('buckets per UTC day and leaves out what falls outside the range', async () => {
    const counts = await figures.counts(new Date('2026-03-01T00:00:00Z'), new Date('2026-03-06T00:00:00Z'), 'day');
    expect(counts.received).toEqual([{ period: '2026-03-05', source: 'police', count: 1 }]);
    expect(counts.sent).toEqual([{ period: '2026-03-01', kind: 'lead', count: 1 }]);
    expect(counts.hoursToFirstDissemination).toEqual([30]);
  });

  it('gives the use case what it needs for the median and the 90th percentile', async () => {
    const victims = { identifiedPerPeriod: async () => ({ perPeriod: {}, total: '<5', suppressionNote: '' }) };
    const result = await new ReferralFiguresUseCase(figures, victims).execute(new Date('2026-01-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'));
    expect(result.totals).toMatchObject({ receivedTotal: 4, packagesSent: 2, leadsSent: 1, triageDecisions: 2, notActionable: 1 });
    expect(result.intakeToDissemination).toEqual({ disseminated: 3, medianHours: 30, p90Hours: 44.4 });
  });
});

function sortRows<T extends { period: string }>(rows: T[]): T[] {
  return [...rows].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
}
