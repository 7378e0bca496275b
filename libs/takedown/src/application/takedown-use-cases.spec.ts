import { FixedClock } from '@vigil/kernel';
import { RecordingNoticeSender } from '../adapters/notices/recording-notice-sender';
import { CheckRemovalsUseCase } from './check-removals/check-removals.use-case';
import { ChangeUrlStatusUseCase } from './change-url-status/change-url-status.use-case';
import { ExportBlocklistUseCase } from './export-blocklist/export-blocklist.use-case';
import { FakeKnownHashes, immediateTransactions, InMemoryProviderRepository, InMemoryUrlRepository, ScriptedRemovalChecker, sequentialIds } from './in-memory-fakes.test-util';
import { IssueNoticeUseCase } from './issue-notice/issue-notice.use-case';
import { ManageProvidersUseCase } from './manage-providers/manage-providers.use-case';
import { RecordObservationUseCase } from './record-observation/record-observation.use-case';
import { RecordReportedUrlsUseCase } from './record-reported-urls/record-reported-urls.use-case';
import { SendDueNoticesUseCase } from './send-due-notices/send-due-notices.use-case';
import { DEFAULT_TAKEDOWN_POLICY } from './takedown-policy';
import { TakedownFiguresUseCase } from './takedown-figures/takedown-figures.use-case';

const HOUR = 3600_000;

function setup() {
  const clock = new FixedClock(new Date('2026-11-23T10:00:00Z'));
  const urls = new InMemoryUrlRepository();
  const providers = new InMemoryProviderRepository();
  const sender = new RecordingNoticeSender();
  const checker = new ScriptedRemovalChecker();
  const known = new FakeKnownHashes();
  const ids = sequentialIds();
  const issue = new IssueNoticeUseCase(urls, immediateTransactions, clock, ids);
  return {
    clock, urls, providers, sender, checker, known, issue,
    manage: new ManageProvidersUseCase(providers, urls, issue, immediateTransactions, clock, ids),
    record: new RecordReportedUrlsUseCase(urls, providers, issue, clock, ids),
    send: new SendDueNoticesUseCase(urls, providers, sender, clock, DEFAULT_TAKEDOWN_POLICY),
    check: new CheckRemovalsUseCase(urls, checker, immediateTransactions, clock, DEFAULT_TAKEDOWN_POLICY),
    observe: new RecordObservationUseCase(urls, providers, known, issue, immediateTransactions, clock, ids),
    status: new ChangeUrlStatusUseCase(urls, immediateTransactions, clock),
    figures: new TakedownFiguresUseCase(urls, providers),
    blocklist: new ExportBlocklistUseCase(urls, clock),
  };
}

const hosting = { name: 'Example Hosting Ltd', hostSuffixes: ['example.org'], contactEmail: 'abuse@example.org', country: 'CA', actor: 'supervisor' };

describe('takedown use cases', () => {
  it('lists a reported URL with its provider but sends nothing until a person confirms it', async () => {
    const t = setup();
    const provider = await t.manage.register(hosting);
    const recorded = await t.record.recordReported({ reportId: 'r1', reference: 'VGL-1', urls: ['https://files.EXAMPLE.org/a#x', 'ftp://example.org/b'] });
    expect(recorded.skipped).toEqual([{ url: 'ftp://example.org/b', reason: 'url: only http and https addresses can be checked and taken down' }]);
    const [url] = await t.urls.list({});
    expect(url.props).toMatchObject({ url: 'https://files.example.org/a', providerId: provider.id, status: 'reported' });
    expect(await t.send.execute()).toEqual({ sent: 0, failed: 0 });
    expect(await t.blocklist.entries()).toEqual([]);
  });

  it('re-sends an open notice every 24 hours until removal is confirmed, then stops', async () => {
    const t = setup();
    await t.manage.register(hosting);
    await t.record.recordRequested({ reportId: 'r1', reference: 'VGL-1', urls: ['https://example.org/a'], requestedBy: 'analyst', classification: 'csam-a1' });
    expect(await t.send.execute()).toEqual({ sent: 1, failed: 0 });
    t.clock.advance(23 * HOUR);
    expect(await t.send.execute()).toEqual({ sent: 0, failed: 0 });
    t.clock.advance(1 * HOUR);
    expect(await t.send.execute()).toEqual({ sent: 1, failed: 0 });
    expect(t.sender.sent.map((sent) => sent.document.attempt)).toEqual([1, 2]);

    t.checker.answers.set('https://example.org/a', { state: 'removed', detail: 'HTTP 404' });
    expect(await t.check.execute()).toEqual({ checked: 1, removed: 1 });
    t.clock.advance(48 * HOUR);
    expect(await t.send.execute()).toEqual({ sent: 0, failed: 0 });
    const [notice] = await t.urls.allNotices();
    expect(notice).toMatchObject({ attempts: 2, confirmedRemovedAt: '2026-11-24T10:00:00.000Z', nextDueAt: undefined });
    expect((await t.figures.execute()).providers[0]).toMatchObject({ notices: 1, removed: 1, medianHours: 24, p90Hours: 24, stillUp: 0 });
  });

  it('retries a failed delivery after 15 minutes instead of a day', async () => {
    const t = setup();
    await t.manage.register(hosting);
    await t.record.recordRequested({ reportId: 'r1', reference: 'VGL-1', urls: ['https://example.org/a'], requestedBy: 'analyst' });
    t.sender.failWith = 'connection refused';
    expect(await t.send.execute()).toEqual({ sent: 0, failed: 1 });
    t.sender.failWith = undefined;
    t.clock.advance(15 * 60_000);
    expect(await t.send.execute()).toEqual({ sent: 1, failed: 0 });
    expect(t.urls.attempts.map((attempt) => [attempt.attempt, attempt.delivered, attempt.detail])).toEqual([
      [1, false, 'failed: connection refused'],
      [2, true, expect.stringMatching(/^recorded notice/)],
    ]);
  });

  it('sends a notice now, or, when a sweep claimed it a moment before, answers with that sweep\'s attempt', async () => {
    const t = setup();
    await t.manage.register(hosting);
    await t.record.recordReported({ reportId: 'r1', reference: 'VGL-1', urls: ['https://example.org/a', 'https://example.org/b'] });
    const [first, second] = await t.urls.list({});
    const sendNow = new SendDueNoticesUseCase(t.urls, t.providers, t.sender, t.clock, DEFAULT_TAKEDOWN_POLICY, { waitMs: 2000, pollMs: 5 });

    const own = await t.issue.execute({ urlId: first.id, actor: 'analyst' });
    expect(await sendNow.sendNow(own.notice!.id, own.notice!.attempts)).toEqual({ sent: 1, failed: 0 });

    // The sweep claims the next notice between its issue and the send-now: the person waits for the sweep's delivery.
    const raced = await t.issue.execute({ urlId: second.id, actor: 'analyst' });
    const claimedBySweep = await t.urls.claimDueNotices(t.clock.now(), new Date(t.clock.now().getTime() + DEFAULT_TAKEDOWN_POLICY.leaseMs), 10);
    expect(claimedBySweep.map((notice) => notice.id)).toEqual([raced.notice!.id]);
    const answer = sendNow.sendNow(raced.notice!.id, raced.notice!.attempts);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await t.urls.recordAttempt({ noticeId: raced.notice!.id, attempt: 1, at: t.clock.now().toISOString(), delivered: false, channel: 'webhook', detail: 'failed: HTTP 503' }, t.clock.now());
    expect(await answer).toEqual({ sent: 0, failed: 1 });
    expect(t.sender.sent).toHaveLength(1); // the raced notice was not sent a second time

    // A sweep that never records (it died): send-now gives up after its wait, having sent nothing.
    const impatient = new SendDueNoticesUseCase(t.urls, t.providers, t.sender, t.clock, DEFAULT_TAKEDOWN_POLICY, { waitMs: 30, pollMs: 5 });
    await t.urls.claimDueNotices(t.clock.now(), new Date(t.clock.now().getTime() + DEFAULT_TAKEDOWN_POLICY.leaseMs), 10);
    expect(await impatient.sendNow(raced.notice!.id, 1)).toEqual({ sent: 0, failed: 0 });
    expect(t.sender.sent).toHaveLength(1);
  });

  it('keeps a confirmed URL without a provider waiting, and sends its notice when the provider is registered', async () => {
    const t = setup();
    await t.record.recordRequested({ reportId: 'r1', reference: 'VGL-1', urls: ['https://cdn.example.net/x'], requestedBy: 'analyst' });
    const [waiting] = await t.urls.list({});
    expect(waiting.props).toMatchObject({ status: 'reported', providerId: undefined });
    expect(waiting.takedownRequested).toBe(true);
    expect(await t.issue.execute({ urlId: waiting.id, actor: 'analyst' })).toEqual({ waiting: 'no hosting provider is registered for cdn.example.net: the notice goes out when one is' });

    const cdn = await t.manage.register({ name: 'Demo CDN', hostSuffixes: ['example.net'], noticeWebhookUrl: 'https://abuse.example.net/hook', country: 'US', actor: 'supervisor' });
    expect((await t.urls.findById(waiting.id))?.props).toMatchObject({ status: 'notice-sent', providerId: cdn.id });
    expect(await t.send.execute()).toEqual({ sent: 1, failed: 0 });
    expect(await t.manage.register({ ...hosting, name: 'Other', hostSuffixes: ['example.net'] }).catch((error: Error) => error.message)).toBe('hostSuffixes: example.net already belongs to provider "Demo CDN"');
  });

  it('issues a notice automatically for a known hash at a new URL, and again when a removed URL reappears', async () => {
    const t = setup();
    await t.manage.register(hosting);
    t.known.known.set('a'.repeat(64), { bankId: 'b', bankName: 'Known', entryId: 'e1', classification: 'csam-a1', reason: 'sha256 equal to entry e1 of bank "Known"' });

    expect(await t.observe.execute({ url: 'https://example.org/new.jpg', sha256: 'f'.repeat(64), observedBy: 'crawler' })).toEqual({ outcome: 'not-listed', reason: 'no known hash matched and the URL is not listed' });
    const listed = await t.observe.execute({ url: 'https://example.org/new.jpg', sha256: 'a'.repeat(64), observedBy: 'crawler' });
    expect(listed).toMatchObject({ outcome: 'listed-and-noticed', reason: expect.stringMatching(/^known hash Known\/e1 observed/) });
    const url = await t.urls.findById(listed.urlId ?? '');
    expect(url?.props).toMatchObject({ status: 'notice-sent', classification: 'csam-a1' });
    expect(url?.props.history[0].reason).toMatch(/known hash Known\/e1 observed/);

    await t.status.execute({ urlId: listed.urlId ?? '', status: 'removed', reason: 'provider confirmed by email', actor: 'analyst' });
    t.clock.advance(72 * HOUR);
    const back = await t.observe.execute({ url: 'https://EXAMPLE.org/new.jpg', observedBy: 'crawler' });
    expect(back).toMatchObject({ outcome: 'reappeared-and-noticed', urlId: listed.urlId });
    expect((await t.urls.noticesOf(listed.urlId ?? '')).map((notice) => notice.closedAt === undefined)).toEqual([false, true]);
    expect((await t.blocklist.entries()).map((entry) => entry.url)).toEqual(['https://example.org/new.jpg']);
  });

  it('leaves a URL a person marked not actionable alone when a known hash is seen there', async () => {
    const t = setup();
    await t.manage.register(hosting);
    t.known.known.set('a'.repeat(64), { bankId: 'b', bankName: 'Known', entryId: 'e1', classification: 'csam-a1', reason: 'r' });
    const { urlIds } = await t.record.recordReported({ reportId: 'r1', reference: 'VGL-1', urls: ['https://example.org/page'] });
    await t.status.execute({ urlId: urlIds[0], status: 'not-actionable', reason: 'forum page, content elsewhere', actor: 'supervisor' });
    expect(await t.observe.execute({ url: 'https://example.org/page', sha256: 'a'.repeat(64), observedBy: 'crawler' })).toMatchObject({ outcome: 'sighting-recorded' });
    expect(await t.urls.allNotices()).toEqual([]);
  });

  it('keeps what the host answered when an analyst changes the URL during the check (next check on time, removal recorded)', async () => {
    const t = setup();
    await t.manage.register(hosting);
    const { urlIds } = await t.record.recordReported({ reportId: 'r1', reference: 'VGL-1', urls: ['https://example.org/a', 'https://example.org/b'] });
    t.checker.meanwhile = async (url) => {
      const id = urlIds[url.endsWith('/a') ? 0 : 1];
      await t.issue.execute({ urlId: id, actor: 'analyst', reason: 'confirmed during the check' });
    };
    t.checker.answers.set('https://example.org/b', { state: 'removed', detail: 'HTTP 404' });
    expect(await t.check.execute()).toEqual({ checked: 2, removed: 1 });

    const up = await t.urls.findById(urlIds[0]);
    expect(up?.props).toMatchObject({ status: 'notice-sent', lastCheckResult: 'up: HTTP 200', nextCheckAt: new Date(t.clock.now().getTime() + DEFAULT_TAKEDOWN_POLICY.checkIntervalMs).toISOString() });
    const gone = await t.urls.findById(urlIds[1]);
    expect(gone?.props).toMatchObject({ status: 'removed', nextCheckAt: undefined });
    expect(gone?.props.history.map((entry) => entry.to)).toEqual(['reported', 'notice-sent', 'removed']);
    expect((await t.urls.noticesOf(urlIds[1]))[0].closedAt).toBeDefined();
  });
});
