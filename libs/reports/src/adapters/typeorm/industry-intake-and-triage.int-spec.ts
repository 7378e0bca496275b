import { ConflictError, type Clock } from '@vigil/kernel';
import { platformTablesMigration } from '@vigil/persistence';
import { migratedTestDatabase, type MigratedTestDatabase } from '@vigil/test-fixtures';
import { randomUUID } from 'node:crypto';
import { SubmitIndustryReportUseCase, type SubmitIndustryReportCommand } from '../../application/industry-intake/submit-industry-report.use-case';
import { EscalateReportUseCase } from '../../application/escalate-report/escalate-report.use-case';
import { SubmitReportUseCase } from '../../application/submit-report/submit-report.use-case';
import { TriageReportUseCase } from '../../application/triage/triage-report.use-case';
import { CreateReports1763900000000 } from './migrations/1763900000000-create-reports';
import { PublicReportDetails1764001100004 } from './migrations/1764001100004-public-report-details';
import { CreateTriageAndIndustryIntake1764000700000 } from './migrations/1764000700000-create-triage-and-industry-intake';
import { ReportEntity } from './report.entity';
import { TypeOrmIndustrySubmissions } from './typeorm-industry-submissions';
import { TypeOrmReportFigures } from './typeorm-report-figures';
import { TypeOrmReportLinks } from './typeorm-report-links';
import { TypeOrmReportTriageRepository } from './typeorm-report-triage.repository';
import { TypeOrmReportRepository } from './typeorm-report.repository';

const SCHEMA = 'tipline';

/** A clock the test moves by hand, so claim expiry and time-to-triage are exact. */
class ManualClock implements Clock {
  constructor(public current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

let counter = 0;
const identities = {
  newId: randomUUID,
  newReference: () => `VGL-TEST-${String(++counter).padStart(4, '0')}`,
};

function industryReport(partnerReference: string, overrides: Partial<SubmitIndustryReportCommand> = {}): SubmitIndustryReportCommand {
  return {
    partner: { id: 'partner-chatly', name: 'Chatly Inc.' },
    partnerReference,
    format: 'json',
    original: JSON.stringify({ partnerReference }),
    incidents: [{ type: 'online-luring', occurredAt: '2026-11-20T18:00:00Z', description: 'Adult account asked a 13-year-old to move to a private app' }],
    reportedUsers: [
      { platform: 'Chatly', username: 'lure_01', displayName: 'Sam', emails: ['Lure01@mail.example'], phones: ['613-555-0101'], ipCaptureEvents: [{ ip: '203.0.113.7', at: '2026-11-20T17:55:00Z', event: 'Login' }] },
    ],
    urls: ['https://chatly.example/u/lure_01'],
    files: [
      { fileName: 'chat.png', sha256: 'c'.repeat(64), md5: 'd'.repeat(32) },
      { fileName: 'only-pdq.png', pdq: 'e'.repeat(64) },
    ],
    ...overrides,
  };
}

describe('industry intake, related reports and triage (real Postgres)', () => {
  let setup: MigratedTestDatabase;
  let clock: ManualClock;
  let submitIndustry: SubmitIndustryReportUseCase;
  let submitPublic: SubmitReportUseCase;
  let triage: TriageReportUseCase;
  let links: TypeOrmReportLinks;
  let figures: TypeOrmReportFigures;
  let reports: TypeOrmReportRepository;

  beforeAll(async () => {
    setup = await migratedTestDatabase({ schema: SCHEMA, entities: [ReportEntity], migrations: [platformTablesMigration(), CreateReports1763900000000, CreateTriageAndIndustryIntake1764000700000, PublicReportDetails1764001100004] });
    clock = new ManualClock(new Date('2026-11-23T10:00:00Z'));
    links = new TypeOrmReportLinks(setup.transactions, SCHEMA);
    reports = new TypeOrmReportRepository(setup.transactions, SCHEMA, links);
    const triages = new TypeOrmReportTriageRepository(setup.transactions, SCHEMA);
    const atomically = <T>(work: () => Promise<T>) => setup.transactions.run(work);
    submitIndustry = new SubmitIndustryReportUseCase(reports, new TypeOrmIndustrySubmissions(setup.transactions, SCHEMA), links, triages, clock, identities, atomically);
    submitPublic = new SubmitReportUseCase(reports, clock, identities);
    triage = new TriageReportUseCase(reports, triages, new EscalateReportUseCase(reports, clock), clock, { claimMinutes: 30 }, atomically);
    figures = new TypeOrmReportFigures(setup.transactions, SCHEMA);
  });
  afterAll(() => setup.close());

  const count = async (sql: string) => (await setup.dataSource.query(sql))[0].n as number;

  it('takes an industry report once: a retry returns the same report and writes no second event', async () => {
    const first = await submitIndustry.execute(industryReport('CH-1001'));
    const retry = await submitIndustry.execute(industryReport('CH-1001'));
    expect(first.created).toBe(true);
    expect(retry).toMatchObject({ id: first.id, reference: first.reference, created: false });
    // Every file goes to matching on the hashes it has, the PDQ-only one too.
    expect(first.filesSentForMatching).toBe(2);
    expect(first.filesNotSentForMatching).toEqual([]);
    expect(await count(`SELECT count(*)::int AS n FROM "${SCHEMA}".reports WHERE source = 'industry'`)).toBe(1);
    const outbox = await setup.dataSource.query(`SELECT envelope->'payload' AS payload FROM "${SCHEMA}".outbox WHERE event_type = 'report.submitted.v1'`);
    expect(outbox).toHaveLength(1);
    expect(outbox[0].payload).toMatchObject({ source: 'industry', incidentType: 'online-luring', media: [{ sha256: 'c'.repeat(64), md5: 'd'.repeat(32), bytes: 0 }, { pdq: 'e'.repeat(64) }] });
    expect(outbox[0].payload.media[1]).not.toHaveProperty('sha256');
  });

  it('stays idempotent when the retries race each other (unique index, losers roll back)', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => submitIndustry.execute(industryReport('CH-RACE'))));
    expect(new Set(results.map((result) => result.id)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    const reportId = results[0].id;
    expect(await count(`SELECT count(*)::int AS n FROM "${SCHEMA}".industry_submissions WHERE partner_reference = 'CH-RACE'`)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM "${SCHEMA}".outbox WHERE envelope->'payload'->>'reportId' = '${reportId}'`)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM "${SCHEMA}".reports WHERE description LIKE 'Industry report CH-RACE %'`)).toBe(1);
  });

  it('the same reference from another partner is another report', async () => {
    const other = await submitIndustry.execute(industryReport('CH-1001', { partner: { id: 'partner-other', name: 'Other' } }));
    expect(other.created).toBe(true);
  });

  it('stores normalised identifiers and lists related reports with what they share', async () => {
    const a = await submitIndustry.execute(industryReport('CH-LINK-A', { urls: [], files: [{ sha256: 'f'.repeat(64), md5: '0'.repeat(32) }] }));
    const b = await submitIndustry.execute(
      industryReport('CH-LINK-B', {
        partner: { id: 'partner-isp', name: 'ISP' },
        urls: [],
        files: [],
        incidents: [{ type: 'sextortion-financial', description: 'money demanded' }],
        reportedUsers: [{ platform: 'Other', username: 'x', emails: ['lure01@MAIL.example'], phones: ['+1 613 555 0101'], ipCaptureEvents: [] }],
      }),
    );
    const publicReport = await submitPublic.execute({
      source: 'public',
      incidentType: 'csam',
      description: 'saw this',
      urls: [],
      media: [{ filename: 's.png', contentType: 'image/png', bytes: 3, sha256: 'f'.repeat(64), md5: '1'.repeat(32) }],
    });
    expect(await links.identifiersOf(b.id)).toEqual(
      expect.arrayContaining([
        { kind: 'email', value: 'lure01@mail.example' },
        { kind: 'phone', value: '+16135550101' },
        { kind: 'account', value: 'other:x' },
      ]),
    );
    const related = await links.related(a.id, 50);
    const byId = new Map(related.map((row) => [row.reportId, row.shared]));
    expect(byId.get(b.id)).toEqual([
      { kind: 'email', value: 'lure01@mail.example' },
      { kind: 'phone', value: '+16135550101' },
    ]);
    expect(byId.get(publicReport.id)).toEqual([{ kind: 'sha256', value: 'f'.repeat(64) }]);
    expect(related.find((row) => row.reportId === b.id)).toMatchObject({ incidentType: 'sextortion-financial', source: 'industry' });
  });

  it('refuses a second analyst’s claim with 409 naming the holder, until the claim expires', async () => {
    const { id } = await submitPublic.execute({ source: 'public', incidentType: 'online-luring', description: 'claim me', urls: [], media: [] });
    await triage.claim(id, { username: 'analyst', supervisor: false });
    await expect(triage.claim(id, { username: 'analyst2', supervisor: false })).rejects.toThrow(ConflictError);
    await expect(triage.overridePriority(id, { username: 'analyst2', supervisor: false }, 'critical', 'mine')).rejects.toThrow(/claimed by analyst/);
    clock.advance(31);
    await expect(triage.claim(id, { username: 'analyst2', supervisor: false })).resolves.toMatchObject({ by: 'analyst2' });
  });

  it('records an override, a classification, a takedown and a close on the timeline, with the takedown event in the outbox', async () => {
    const { id } = await submitPublic.execute({ source: 'public', incidentType: 'csam', description: 'two links', urls: ['https://bad.example/1', 'https://bad.example/2'], media: [] });
    const ana = { username: 'ana', supervisor: false };
    clock.advance(12);
    await triage.overridePriority(id, ana, 'critical', 'a child is named');
    await triage.classify(id, ana, 'csam', ['s.163.1']);
    const takedown = await triage.requestTakedown(id, ana, ['https://bad.example/2'], 'csam-a1');
    await triage.close(id, ana, 'URLs sent for takedown; nothing further');
    expect(takedown).toMatchObject({ urls: ['https://bad.example/2'], requestedBy: 'ana', classification: 'csam-a1' });
    expect((await reports.findById(id))?.snapshot()).toMatchObject({ status: 'closed', priority: 'critical' });
    const timeline = await triage.timeline(id);
    expect(timeline.map((entry) => entry.action)).toEqual(['submitted', 'priority-overridden', 'classified', 'takedown-requested', 'closed']);
    expect(timeline[1]).toMatchObject({ by: 'ana', summary: 'priority normal → critical: a child is named', data: { from: 'normal', to: 'critical' } });
    expect(await count(`SELECT count(*)::int AS n FROM "${SCHEMA}".outbox WHERE event_type = 'takedown.requested.v1' AND envelope->'payload'->>'reportId' = '${id}'`)).toBe(1);
    await expect(triage.escalate(id, ana, 'too late')).rejects.toThrow(ConflictError);
    // A closed report takes no further decision (a note still goes on its timeline).
    await expect(triage.requestTakedown(id, ana, ['https://bad.example/1'])).rejects.toThrow(/is closed/);
    await expect(triage.forwardAbroad(id, ana, 'FR', 'Point de Contact')).rejects.toThrow(/is closed/);
    await expect(triage.classify(id, ana, 'csam', [])).rejects.toThrow(/is closed/);
    await expect(triage.split(id, ana, [{ incidentType: 'csam', description: '', urls: [] }])).rejects.toThrow(/is closed/);
    await expect(triage.close(id, ana, 'again')).rejects.toThrow(/is closed/);
    await triage.addNote(id, ana, 'hosting provider confirmed removal by phone');
    expect((await triage.timeline(id)).map((entry) => entry.action).slice(-2)).toEqual(['closed', 'note-added']);
    expect(await count(`SELECT count(*)::int AS n FROM "${SCHEMA}".outbox WHERE event_type = 'takedown.requested.v1' AND envelope->'payload'->>'reportId' = '${id}'`)).toBe(1);
  });

  it('sends a second takedown request only for URLs not requested before, and refuses a repeat with 409', async () => {
    const { id } = await submitPublic.execute({ source: 'public', incidentType: 'csam', description: 'three links', urls: ['https://bad.example/a', 'https://bad.example/b', 'https://bad.example/c'], media: [] });
    const ana = { username: 'ana', supervisor: false };
    await triage.requestTakedown(id, ana, ['https://bad.example/a']);
    await expect(triage.requestTakedown(id, ana, ['https://bad.example/a'])).rejects.toMatchObject({ kind: 'conflict', field: 'urls' });
    expect(await triage.requestTakedown(id, ana, undefined)).toMatchObject({ urls: ['https://bad.example/b', 'https://bad.example/c'] });
    const events = await setup.dataSource.query(`SELECT envelope->'payload'->'urls' AS urls FROM "${SCHEMA}".outbox WHERE event_type = 'takedown.requested.v1' AND envelope->'payload'->>'reportId' = $1 ORDER BY seq`, [id]);
    expect(events.map((row: { urls: string[] }) => row.urls)).toEqual([['https://bad.example/a'], ['https://bad.example/b', 'https://bad.example/c']]);
  });

  it('computes figures: per day by type and source, time to first triage, share escalated', async () => {
    const from = new Date('2026-11-24T00:00:00Z');
    clock.current = new Date('2026-11-24T09:00:00Z');
    const one = await submitPublic.execute({ source: 'public', incidentType: 'csam', description: 'a', urls: [], media: [] });
    const two = await submitIndustry.execute(industryReport('CH-FIG'));
    await submitPublic.execute({ source: 'public', incidentType: 'csam', description: 'c', urls: [], media: [] });
    clock.advance(10);
    await triage.addNote(one.id, { username: 'ana', supervisor: false }, 'seen');
    clock.advance(20);
    await triage.escalate(two.id, { username: 'ana', supervisor: false }, 'for police');
    const result = await figures.figures(from, new Date('2026-11-25T00:00:00Z'));
    expect(result.total).toBe(3);
    expect(result.perDay).toEqual([
      { day: '2026-11-24', incidentType: 'csam', source: 'public', count: 2 },
      { day: '2026-11-24', incidentType: 'online-luring', source: 'industry', count: 1 },
    ]);
    expect(result.timeToFirstTriage).toEqual({ triaged: 2, medianMinutes: 20, p90Minutes: 28 });
    expect(result.escalated).toEqual({ count: 1, share: 0.333 });
  });
});
