import { ConflictError, FixedClock } from '@vigil/kernel';
import { platformTablesMigration } from '@vigil/persistence';
import { migratedTestDatabase, type MigratedTestDatabase } from '@vigil/test-fixtures';
import { randomUUID } from 'node:crypto';
import { ChangeUrlStatusUseCase } from '../../application/change-url-status/change-url-status.use-case';
import { CheckRemovalsUseCase } from '../../application/check-removals/check-removals.use-case';
import { IssueNoticeUseCase } from '../../application/issue-notice/issue-notice.use-case';
import { ManageProvidersUseCase } from '../../application/manage-providers/manage-providers.use-case';
import { RecordReportedUrlsUseCase } from '../../application/record-reported-urls/record-reported-urls.use-case';
import { SendDueNoticesUseCase } from '../../application/send-due-notices/send-due-notices.use-case';
import { DEFAULT_TAKEDOWN_POLICY } from '../../application/takedown-policy';
import { TakedownFiguresUseCase } from '../../application/takedown-figures/takedown-figures.use-case';
import type { HostingProviderProps } from '../../domain/hosting-provider';
import type { NoticeDocument } from '../../domain/notice-document';
import type { RemovalChecker, RemovalCheckResult } from '../../ports/removal-checker';
import type { TakedownNoticeSender } from '../../ports/takedown-notice-sender';
import { RecordingNoticeSender } from '../notices/recording-notice-sender';
import { CreateTakedown1764000300001 } from './migrations/1764000300001-create-takedown';
import { TypeOrmProviderRepository } from './typeorm-provider.repository';
import { TypeOrmUrlRepository } from './typeorm-url.repository';

const SCHEMA = 'hash_detection';
const HOUR = 3600_000;

/** Answers "up" until told a URL is gone. */
class SwitchableChecker implements RemovalChecker {
  readonly gone = new Set<string>();
  async check(url: string): Promise<RemovalCheckResult> {
    return this.gone.has(url) ? { state: 'removed', detail: 'HTTP 404' } : { state: 'up', detail: 'HTTP 200' };
  }
}

/** A slow sender, so that concurrent sweeps overlap while they send. */
class SlowRecordingSender implements TakedownNoticeSender {
  readonly sent: string[] = [];
  async send(_provider: HostingProviderProps, document: NoticeDocument) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.sent.push(document.noticeId);
    return { channel: 'recorded', detail: 'ok' };
  }
}

describe('takedown on Postgres', () => {
  let setup: MigratedTestDatabase;
  let urls: TypeOrmUrlRepository;
  let providers: TypeOrmProviderRepository;

  beforeAll(async () => {
    setup = await migratedTestDatabase({ schema: SCHEMA, migrations: [platformTablesMigration(), CreateTakedown1764000300001] });
    urls = new TypeOrmUrlRepository(setup.transactions, SCHEMA);
    providers = new TypeOrmProviderRepository(setup.transactions, SCHEMA);
  });
  afterAll(() => setup.close());
  beforeEach(async () => {
    await setup.dataSource.query(`TRUNCATE "${SCHEMA}".takedown_notice_attempts, "${SCHEMA}".takedown_notices, "${SCHEMA}".takedown_url_history, "${SCHEMA}".takedown_urls, "${SCHEMA}".takedown_providers`);
  });

  function useCases(clock: FixedClock, sender: TakedownNoticeSender = new RecordingNoticeSender(), policy = DEFAULT_TAKEDOWN_POLICY) {
    const issue = new IssueNoticeUseCase(urls, setup.transactions, clock, randomUUID);
    const checker = new SwitchableChecker();
    return {
      issue,
      checker,
      manage: new ManageProvidersUseCase(providers, urls, issue, setup.transactions, clock, randomUUID),
      record: new RecordReportedUrlsUseCase(urls, providers, issue, clock, randomUUID),
      send: new SendDueNoticesUseCase(urls, providers, sender, clock, policy),
      check: new CheckRemovalsUseCase(urls, checker, setup.transactions, clock, policy),
      status: new ChangeUrlStatusUseCase(urls, setup.transactions, clock),
      figures: new TakedownFiguresUseCase(urls, providers),
    };
  }

  it('stores a URL with its history, refuses a stale save, and keeps one open notice per URL', async () => {
    const clock = new FixedClock(new Date('2026-11-23T10:00:00Z'));
    const t = useCases(clock);
    const provider = await t.manage.register({ name: 'Example Hosting Ltd', hostSuffixes: ['example.org'], contactEmail: 'abuse@example.org', country: 'CA', actor: 'supervisor' });
    await expect(t.manage.register({ name: 'Example Hosting Ltd', hostSuffixes: ['other.org'], contactEmail: 'a@other.org', country: 'CA', actor: 's' })).rejects.toThrow(/name: a provider named "Example Hosting Ltd" already exists/);

    const { urlIds } = await t.record.recordReported({ reportId: 'r1', reference: 'VGL-1', urls: ['https://Files.Example.org/a.jpg#frag'] });
    await t.record.recordReported({ reportId: 'r2', reference: 'VGL-2', urls: ['https://files.example.org/a.jpg'] });
    const loaded = await urls.findByUrl('https://files.example.org/a.jpg');
    expect(loaded?.props).toMatchObject({ id: urlIds[0], host: 'files.example.org', providerId: provider.id, status: 'reported', version: 2 });
    expect(loaded?.props.history.map((entry) => [entry.to, entry.actor, entry.reason])).toEqual([
      ['reported', 'report VGL-1', 'reported in VGL-1'],
      ['reported', 'report VGL-2', 'reported again in VGL-2'],
    ]);

    const stale = await urls.findById(urlIds[0]);
    const fresh = await urls.findById(urlIds[0]);
    fresh?.classify('csam-a2');
    await urls.save(fresh!);
    stale?.classify('csam-b1');
    await expect(urls.save(stale!)).rejects.toThrow(ConflictError);

    const issued = await t.issue.execute({ urlId: urlIds[0], actor: 'analyst', reason: 'confirmed on review' });
    expect(issued.notice).toMatchObject({ providerId: provider.id, issuedBy: 'analyst', attempts: 0 });
    const again = await t.issue.execute({ urlId: urlIds[0], actor: 'analyst' });
    expect(again.notice?.id).toBe(issued.notice?.id);
    await expect(urls.addNotice({ ...issued.notice!, id: randomUUID() })).rejects.toThrow(/a notice is already open/);
    expect(await urls.blocklist()).toEqual([{ url: 'https://files.example.org/a.jpg', host: 'files.example.org', firstReportedAt: '2026-11-23T10:00:00.000Z', classification: 'csam-a2' }]);
  });

  it('a URL listed while its provider is being registered gets that provider and its notice: the two take turns', async () => {
    const clock = new FixedClock(new Date('2026-11-23T10:00:00Z'));
    const t = useCases(clock);
    let listed!: () => void;
    let commit!: () => void;
    const urlListed = new Promise<void>((resolve) => (listed = resolve));
    const mayCommit = new Promise<void>((resolve) => (commit = resolve));
    // The event's transaction lists the URL (no provider yet) and stays open a moment.
    const recording = setup.transactions.run(async () => {
      await t.record.recordRequested({ reportId: 'r9', reference: 'VGL-9', urls: ['https://example.org/demo/thread-1'], requestedBy: 'analyst' });
      listed();
      await mayCommit;
    });
    await urlListed;
    // Meanwhile a supervisor registers the provider for that host: it must not miss the URL.
    const registering = t.manage.register({ name: 'Example Hosting Ltd', hostSuffixes: ['example.org'], contactEmail: 'abuse@example.org', country: 'CA', actor: 'supervisor' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    commit();
    await recording;
    const provider = await registering;
    const url = await urls.findByUrl('https://example.org/demo/thread-1');
    expect(url?.props).toMatchObject({ providerId: provider.id, status: 'notice-sent' });
  });

  it('re-sends a notice after 24 hours (FixedClock), confirms removal at the next check and stops re-sending', async () => {
    const clock = new FixedClock(new Date('2026-11-23T10:00:00Z'));
    const sender = new RecordingNoticeSender();
    const t = useCases(clock, sender);
    await t.manage.register({ name: 'Demo CDN', hostSuffixes: ['example.net'], noticeWebhookUrl: 'https://abuse.example.net/hook', country: 'US', actor: 'supervisor' });
    const { urlIds } = await t.record.recordRequested({ reportId: 'r1', reference: 'VGL-1', urls: ['https://cdn.example.net/x.jpg'], requestedBy: 'analyst', classification: 'csam-a1' });

    expect(await t.send.execute()).toEqual({ sent: 1, failed: 0 });
    expect(await t.check.execute()).toEqual({ checked: 1, removed: 0 });
    clock.advance(24 * HOUR - 1000);
    expect(await t.send.execute()).toEqual({ sent: 0, failed: 0 });
    clock.advance(1000);
    expect(await t.send.execute()).toEqual({ sent: 1, failed: 0 });
    expect(sender.sent.map((sent) => sent.document.attempt)).toEqual([1, 2]);

    t.checker.gone.add('https://cdn.example.net/x.jpg');
    clock.advance(6 * HOUR);
    expect(await t.check.execute()).toEqual({ checked: 1, removed: 1 });
    clock.advance(72 * HOUR);
    expect(await t.send.execute()).toEqual({ sent: 0, failed: 0 });
    expect(await t.check.execute()).toEqual({ checked: 0, removed: 0 });

    const url = await urls.findById(urlIds[0]);
    expect(url?.props).toMatchObject({ status: 'removed', removedAt: '2026-11-24T16:00:00.000Z', nextCheckAt: undefined });
    expect(url?.props.history.at(-1)).toMatchObject({ from: 'notice-sent', to: 'removed', actor: 'removal-checker', reason: 'removal confirmed: HTTP 404' });
    const [notice] = await urls.noticesOf(urlIds[0]);
    expect(notice).toMatchObject({ attempts: 2, firstSentAt: '2026-11-23T10:00:00.000Z', confirmedRemovedAt: '2026-11-24T16:00:00.000Z', nextDueAt: undefined });
    expect((await urls.attemptsOf(notice.id)).map((attempt) => attempt.attempt)).toEqual([1, 2]);
    const figures = await t.figures.execute();
    expect(figures.providers[0]).toMatchObject({ name: 'Demo CDN', notices: 1, removed: 1, medianHours: 30, p90Hours: 30, stillUp: 0 });
    expect(await urls.blocklist()).toEqual([]);
  });

  it('two concurrent sweeps never send the same notice (claims use FOR UPDATE SKIP LOCKED)', async () => {
    const clock = new FixedClock(new Date('2026-11-23T10:00:00Z'));
    const sender = new SlowRecordingSender();
    const t = useCases(clock, sender, { ...DEFAULT_TAKEDOWN_POLICY, batchSize: 7 });
    await t.manage.register({ name: 'Example Hosting Ltd', hostSuffixes: ['example.org'], contactEmail: 'abuse@example.org', country: 'CA', actor: 'supervisor' });
    const many = Array.from({ length: 30 }, (_, index) => `https://example.org/item/${index}`);
    await setup.transactions.run(() => t.record.recordRequested({ reportId: 'r1', reference: 'VGL-1', urls: many, requestedBy: 'analyst' }));

    const rounds: number[] = [];
    for (let round = 0; round < 10 && sender.sent.length < 30; round += 1) {
      const reports = await Promise.all([t.send.execute(), t.send.execute(), t.send.execute()]);
      rounds.push(...reports.map((report) => report.sent));
    }
    expect(sender.sent).toHaveLength(30);
    expect(new Set(sender.sent).size).toBe(30);
    expect(rounds.filter((sent) => sent > 0).length).toBeGreaterThan(1); // the sweeps really did share the work
    const attempts: Array<{ n: number }> = await setup.dataSource.query(`SELECT count(*)::int AS n FROM "${SCHEMA}".takedown_notice_attempts`);
    expect(attempts[0].n).toBe(30);
  });

  it('a manual confirmation of removal closes the notice and counts in the figures; not-actionable leaves the blocklist', async () => {
    const clock = new FixedClock(new Date('2026-11-23T10:00:00Z'));
    const t = useCases(clock);
    await t.manage.register({ name: 'Example Hosting Ltd', hostSuffixes: ['example.org'], contactEmail: 'abuse@example.org', country: 'CA', actor: 'supervisor' });
    const { urlIds } = await t.record.recordRequested({ reportId: 'r1', reference: 'VGL-1', urls: ['https://example.org/1', 'https://example.org/2', 'https://example.org/3'], requestedBy: 'analyst' });
    await t.send.execute();
    clock.advance(2 * HOUR);
    await t.status.execute({ urlId: urlIds[0], status: 'removed', reason: 'provider replied: removed', actor: 'analyst' });
    clock.advance(4 * HOUR);
    await t.status.execute({ urlId: urlIds[1], status: 'removed', reason: 'provider replied: removed', actor: 'analyst' });
    await t.status.execute({ urlId: urlIds[2], status: 'not-actionable', reason: 'legal adult content', actor: 'supervisor' });
    await expect(t.status.execute({ urlId: urlIds[2], status: 'removed', reason: 'x', actor: 'a' })).rejects.toThrow(/status: a not-actionable URL cannot become removed/);
    const figures = await t.figures.execute();
    expect(figures.providers[0]).toMatchObject({ notices: 3, removed: 2, medianHours: 4, p90Hours: 5.6, stillUp: 0 });
    expect(figures.overall).toMatchObject({ notices: 3, removed: 2, stillUp: 0 });
    expect(await urls.blocklist()).toEqual([]);
  });
});
