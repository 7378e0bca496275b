import { FixedClock } from '@vigil/kernel';
import { platformTablesMigration } from '@vigil/persistence';
import { migratedTestDatabase, testRecordCipher, type MigratedTestDatabase } from '@vigil/test-fixtures';
import { randomBytes, randomUUID } from 'node:crypto';
import { AddFollowUpUseCase } from '../../application/follow-up/add-follow-up.use-case';
import { EscalateReportUseCase } from '../../application/escalate-report/escalate-report.use-case';
import { SubmitReportUseCase } from '../../application/submit-report/submit-report.use-case';
import { TriageReportUseCase } from '../../application/triage/triage-report.use-case';
import { FollowUpRefused, newFollowUpSecret } from '../../domain/follow-up-secret';
import { newReportReference } from '../../domain/report-reference';
import { CreateReports1763900000000 } from './migrations/1763900000000-create-reports';
import { CreateTriageAndIndustryIntake1764000700000 } from './migrations/1764000700000-create-triage-and-industry-intake';
import { PublicReportDetails1764001100004 } from './migrations/1764001100004-public-report-details';
import { ReportEntity } from './report.entity';
import { TypeOrmReportLinks } from './typeorm-report-links';
import { TypeOrmReportTriageRepository } from './typeorm-report-triage.repository';
import { TypeOrmReportRepository } from './typeorm-report.repository';
import { TypeOrmReporterChannel } from './typeorm-reporter-channel';

const SCHEMA = 'tipline';

describe('public report details, reporter channel and follow-ups (real Postgres)', () => {
  let setup: MigratedTestDatabase;
  let submit: SubmitReportUseCase;
  let followUp: AddFollowUpUseCase;
  let channel: TypeOrmReporterChannel;
  let links: TypeOrmReportLinks;
  let triage: TriageReportUseCase;
  const clock = new FixedClock(new Date('2026-11-23T10:00:00Z'));
  const identities = { newId: randomUUID, newReference: () => newReportReference(randomBytes(8)) };

  beforeAll(async () => {
    setup = await migratedTestDatabase({
      schema: SCHEMA,
      entities: [ReportEntity],
      migrations: [platformTablesMigration(), CreateReports1763900000000, CreateTriageAndIndustryIntake1764000700000, PublicReportDetails1764001100004],
    });
    links = new TypeOrmReportLinks(setup.transactions, SCHEMA);
    const reports = new TypeOrmReportRepository(setup.transactions, SCHEMA, links);
    channel = new TypeOrmReporterChannel(setup.transactions, SCHEMA, testRecordCipher());
    const atomically = <T>(work: () => Promise<T>) => setup.transactions.run(work);
    submit = new SubmitReportUseCase(reports, clock, identities, undefined, atomically, { channel, newSecret: () => newFollowUpSecret(randomBytes(24)) });
    followUp = new AddFollowUpUseCase(reports, channel, clock, identities, links, undefined, atomically);
    triage = new TriageReportUseCase(reports, new TypeOrmReportTriageRepository(setup.transactions, SCHEMA), new EscalateReportUseCase(reports, clock), clock, { claimMinutes: 30 }, atomically);
  });
  afterAll(() => setup.close());

  const report = (email: string, contact?: { email: string }) =>
    submit.execute({
      source: 'public',
      incidentType: 'online-luring',
      description: 'an adult kept messaging my daughter',
      urls: [],
      media: [],
      details: {
        where: { platform: 'Chatly', usernames: [{ username: 'lure_77' }], emails: [email], phones: ['613 555 0177'] },
        child: { ageRange: '12-13', gender: 'girl' },
        suspect: { name: 'Sam', usernames: [], emails: [], phones: [], location: 'Ottawa' },
        chatExcerpts: ['you can trust me'],
      },
      contact,
    });

  it('keeps the details with the report and links two public reports that share an e-mail, an account and a phone', async () => {
    const first = await report('Lure77@Mail.Example');
    const second = await report('lure77@mail.example');
    const row = await setup.dataSource.query(`SELECT details FROM "${SCHEMA}".reports WHERE id = $1`, [first.id]);
    expect(row[0].details).toMatchObject({ where: { platform: 'Chatly', emails: ['Lure77@Mail.Example'] }, child: { ageRange: '12-13' }, chatExcerpts: ['you can trust me'] });
    const related = await links.related(second.id, 10);
    expect(related.find((item) => item.reportId === first.id)?.shared).toEqual([
      { kind: 'account', value: 'chatly:lure_77' },
      { kind: 'email', value: 'lure77@mail.example' },
      { kind: 'phone', value: '+16135550177' },
    ]);
  });

  it('seals the reporter’s contact: the table holds neither the e-mail nor the secret, and contactOf opens it', async () => {
    const result = await report('other@mail.example', { email: 'reporter@example.org' });
    const rows = await setup.dataSource.query(`SELECT secret_sha256, contact, contact_encryption FROM "${SCHEMA}".reporter_channels WHERE report_id = $1`, [result.id]);
    expect(rows).toHaveLength(1);
    expect(Buffer.from(rows[0].contact).toString('latin1')).not.toContain('reporter@example.org');
    expect(rows[0].secret_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows[0])).not.toContain(result.followUpSecret!.replace(/-/g, ''));
    expect(await channel.contactOf(result.id)).toEqual({ email: 'reporter@example.org' });
    const reportRow = await setup.dataSource.query(`SELECT row_to_json(r)::text AS json FROM "${SCHEMA}".reports r WHERE id = $1`, [result.id]);
    const outbox = await setup.dataSource.query(`SELECT envelope::text AS json FROM "${SCHEMA}".outbox WHERE envelope->>'correlationId' = $1`, [result.id]);
    expect(outbox).toHaveLength(1);
    expect(reportRow[0].json).not.toContain('reporter@example.org');
    for (const event of outbox) expect(event.json).not.toContain('reporter@example.org');
  });

  it('an anonymous reporter has a channel (the secret hash) and no contact', async () => {
    const result = await report('anon@mail.example');
    expect(await channel.secretHashOf(result.id)).toMatch(/^[0-9a-f]{64}$/);
    expect(await channel.contactOf(result.id)).toBeUndefined();
  });

  it('takes a follow-up with the secret, shows it on the timeline, links its new URL; refuses a wrong secret', async () => {
    const result = await report('follow@mail.example');
    await followUp.execute({ reference: result.reference, secret: result.followUpSecret!, text: 'he made a new account', urls: ['https://chatly.example/u/lure_78'], media: [] });
    const timeline = await triage.timeline(result.id);
    expect(timeline.find((entry) => entry.action === 'follow-up-added')).toMatchObject({ by: 'reporter', data: { text: 'he made a new account', urls: ['https://chatly.example/u/lure_78'] } });
    expect(await links.identifiersOf(result.id)).toContainEqual({ kind: 'url', value: 'https://chatly.example/u/lure_78' });
    const submitted = await setup.dataSource.query(`SELECT envelope->'payload' AS payload FROM "${SCHEMA}".outbox WHERE event_type = 'report.submitted.v1' AND envelope->'payload'->>'reportId' = $1 ORDER BY seq`, [result.id]);
    expect(submitted.map((row: { payload: { urls: string[] } }) => row.payload.urls)).toEqual([[], ['https://chatly.example/u/lure_78']]);
    await expect(followUp.execute({ reference: result.reference, secret: newFollowUpSecret(randomBytes(24)), text: 'x', urls: [], media: [] })).rejects.toBeInstanceOf(FollowUpRefused);
  });
});
