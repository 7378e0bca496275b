import { FixedClock } from '@vigil/kernel';
import { outboxChannel, withRequestId } from '@vigil/messaging';
import { platformTablesMigration } from '@vigil/persistence';
import { migratedTestDatabase, testRecordCipher, type MigratedTestDatabase } from '@vigil/test-fixtures';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { SubmitReportUseCase } from '../../application/submit-report/submit-report.use-case';
import { newFollowUpSecret } from '../../domain/follow-up-secret';
import { newReportReference } from '../../domain/report-reference';
import { GroupCommitNewReportWriter } from './group-commit-new-report-writer';
import { CreateReports1763900000000 } from './migrations/1763900000000-create-reports';
import { CreateTriageAndIndustryIntake1764000700000 } from './migrations/1764000700000-create-triage-and-industry-intake';
import { PublicReportDetails1764001100004 } from './migrations/1764001100004-public-report-details';
import { ReportEntity } from './report.entity';
import { TypeOrmReportLinks } from './typeorm-report-links';
import { TypeOrmReportRepository } from './typeorm-report.repository';
import { TypeOrmReporterChannel } from './typeorm-reporter-channel';

const SCHEMA = 'tipline';

/** Group commit of public reports, on the real Postgres: many reports per statement, each caller answered for its own. */
describe('GroupCommitNewReportWriter (real Postgres)', () => {
  let setup: MigratedTestDatabase;
  let channel: TypeOrmReporterChannel;
  let listener: Client;
  const notifications: number[] = [];
  let references: () => string = () => newReportReference(randomBytes(8));
  const clock = new FixedClock(new Date('2026-11-23T10:00:00Z'));

  beforeAll(async () => {
    setup = await migratedTestDatabase({
      schema: SCHEMA,
      entities: [ReportEntity],
      migrations: [platformTablesMigration(), CreateReports1763900000000, CreateTriageAndIndustryIntake1764000700000, PublicReportDetails1764001100004],
    });
    channel = new TypeOrmReporterChannel(setup.transactions, SCHEMA, testRecordCipher());
    // One notification per statement that wrote outbox rows, carrying how many: it shows how reports were grouped.
    listener = new Client({ connectionString: setup.database.url });
    await listener.connect();
    listener.on('notification', (message) => notifications.push(Number(message.payload)));
    await listener.query(`LISTEN ${outboxChannel(SCHEMA)}`);
  });
  afterAll(async () => {
    await listener.end();
    await setup.close();
  });
  beforeEach(() => {
    notifications.length = 0;
    references = () => newReportReference(randomBytes(8));
  });

  const writer = () => new GroupCommitNewReportWriter(setup.transactions, SCHEMA, channel, true, { maxBatch: 16, concurrentBatches: 2 });
  const submitter = (groupCommit = writer()) =>
    new SubmitReportUseCase(
      new TypeOrmReportRepository(setup.transactions, SCHEMA, new TypeOrmReportLinks(setup.transactions, SCHEMA)),
      clock,
      { newId: randomUUID, newReference: () => references() },
      undefined,
      (work) => setup.transactions.run(work),
      { channel, newSecret: () => newFollowUpSecret(randomBytes(24)) },
      groupCommit,
    );
  const submit = (use: SubmitReportUseCase, n: number) =>
    use.execute({
      source: 'public',
      incidentType: 'sextortion-financial',
      description: `report ${n}`,
      urls: [`https://example.org/thread/${n}`],
      media: [],
      ...(n % 2 === 0 ? { contact: { email: `parent${n}@example.org` } } : {}),
    });
  const count = async (table: string, where = 'true', parameters: unknown[] = []) =>
    Number((await setup.dataSource.query(`SELECT count(*)::int AS n FROM "${SCHEMA}".${table} WHERE ${where}`, parameters))[0].n);
  const settledNotifications = async (expected: number) => {
    for (let waited = 0; notifications.reduce((sum, n) => sum + n, 0) < expected && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    return notifications;
  };

  it('commits 80 concurrent reports in fewer statements, every one whole: row, identifiers, sealed contact, event', async () => {
    const use = submitter();
    const results = await Promise.all(Array.from({ length: 80 }, (_, n) => withRequestId(`request-${n}`, () => submit(use, n))));
    const ids = results.map((result) => result.id);

    expect(await count('reports', 'id = ANY($1::uuid[])', [ids])).toBe(80);
    expect(await count('report_identifiers', `report_id = ANY($1::uuid[]) AND kind = 'url'`, [ids])).toBe(80);
    expect(await count('reporter_channels', 'report_id = ANY($1::uuid[])', [ids])).toBe(80);
    expect(await channel.contactOf(ids[4])).toEqual({ email: 'parent4@example.org' });
    expect(await channel.contactOf(ids[5])).toBeUndefined();
    const events: Array<{ correlation: string; request: string }> = await setup.dataSource.query(
      `SELECT envelope->>'correlationId' AS correlation, envelope->>'requestId' AS request FROM "${SCHEMA}".outbox WHERE envelope->>'correlationId' = ANY($1::text[])`,
      [ids],
    );
    // Each event names the request that made its report, though another request's turn wrote it.
    expect(events.map((event) => [event.correlation, event.request]).sort()).toEqual(ids.map((id, n) => [id, `request-${n}`]).sort());

    const perStatement = await settledNotifications(80);
    expect(perStatement.reduce((sum, n) => sum + n, 0)).toBe(80);
    expect(perStatement.length).toBeLessThan(80);
    expect(Math.max(...perStatement)).toBeLessThanOrEqual(16);
  });

  it('stores text exactly as given (quotes, backslashes, escapes, emoji), a lone surrogate as U+FFFD as before, and sealed contacts that open', async () => {
    const use = submitter();
    const tricky = 'he said "stop" \\ C:\\temp \\u0041 {"a":[1]} 😀';
    const [plain, broken] = await Promise.all([
      use.execute({ source: 'public', incidentType: 'other', description: tricky, urls: ['https://example.org/"quoted"'], media: [], contact: { email: 'parent@example.org', name: 'Zoë "Z" \\' } }),
      use.execute({ source: 'public', incidentType: 'other', description: `broken \ud800 text`, urls: [], media: [] }),
    ]);
    const stored: Array<{ id: string; description: string; urls: unknown }> = await setup.dataSource.query(`SELECT id, description, urls FROM "${SCHEMA}".reports WHERE id = ANY($1::uuid[])`, [[plain.id, broken.id]]);
    const byId = new Map(stored.map((row) => [row.id, row]));
    expect(byId.get(plain.id)?.description).toBe(tricky);
    expect(byId.get(plain.id)?.urls).toEqual(['https://example.org/"quoted"']);
    expect(byId.get(broken.id)?.description).toBe('broken \ufffd text');
    expect(await channel.contactOf(plain.id)).toEqual({ email: 'parent@example.org', name: 'Zoë "Z" \\' });
  });

  it('never stamps a report’s event with the request id of another report in its batch', async () => {
    // One statement at a time: the first report's statement is in flight while the next two queue,
    // and the queued batch is started from the first report's request context when it commits.
    const use = submitter(new GroupCommitNewReportWriter(setup.transactions, SCHEMA, channel, true, { maxBatch: 16, concurrentBatches: 1 }));
    const [first, outsideAnyRequest, third] = await Promise.all([
      withRequestId('request-first', () => submit(use, 1)),
      withRequestId(undefined, () => submit(use, 2)),
      withRequestId('request-third', () => submit(use, 3)),
    ]);
    const requestOf = async (id: string) =>
      (await setup.dataSource.query(`SELECT envelope->>'requestId' AS request FROM "${SCHEMA}".outbox WHERE envelope->>'correlationId' = $1`, [id]))[0].request;
    expect(await requestOf(first.id)).toBe('request-first');
    expect(await requestOf(outsideAnyRequest.id)).toBeNull();
    expect(await requestOf(third.id)).toBe('request-third');
  });

  it('fails only the report that cannot be written when its batch fails; the others are committed', async () => {
    const use = submitter();
    // Every fifth report gets a reference already taken: the unique index refuses it.
    const taken = (await submit(use, 1000)).reference;
    let n = 0;
    references = () => (++n % 5 === 0 ? taken : newReportReference(randomBytes(8)));
    const outcomes = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => submit(use, i)));
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(refused).toHaveLength(8);
    expect(String((refused[0] as PromiseRejectedResult).reason)).toMatch(/duplicate key value violates unique constraint/);
    const committed = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value.id] : []));
    expect(committed).toHaveLength(32);
    expect(await count('reports', 'id = ANY($1::uuid[])', [committed])).toBe(32);
    expect(await count('outbox', `envelope->>'correlationId' = ANY($1::text[])`, [committed])).toBe(32);
    expect(await count('reports', 'reference = $1', [taken])).toBe(1);
  });

  it('writes inside the caller’s transaction when there is one, and is rolled back with it', async () => {
    const groupCommit = writer();
    const use = submitter(groupCommit);
    let id = '';
    await expect(
      setup.transactions.run(async () => {
        ({ id } = await submit(use, 1));
        expect(await setup.transactions.manager.query(`SELECT 1 FROM "${SCHEMA}".reports WHERE id = $1`, [id])).toHaveLength(1);
        throw new Error('the caller gives up');
      }),
    ).rejects.toThrow('the caller gives up');
    expect(await count('reports', 'id = $1', [id])).toBe(0);
    expect(await count('reporter_channels', 'report_id = $1', [id])).toBe(0);
    expect(await count('outbox', `envelope->>'correlationId' = $1`, [id])).toBe(0);
  });
});
