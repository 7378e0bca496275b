import { ConflictError } from '@vigil/kernel';
import type { BlocklistEntry } from '../domain/blocklist';
import type { HostingProviderProps } from '../domain/hosting-provider';
import type { NoticeProps } from '../domain/notice';
import { ACTIVE_STATUSES, TrackedUrl, type TrackedUrlProps } from '../domain/tracked-url';
import type { KnownHashChecker, KnownHashHit, ObservedHashes } from '../ports/known-hash-checker';
import type { ProviderRepository } from '../ports/provider.repository';
import type { RemovalChecker, RemovalCheckResult } from '../ports/removal-checker';
import type { Transactions } from '../ports/transactions';
import { UrlChangedMeanwhile, type NoticeAttempt, type UrlListFilter, type UrlRepository } from '../ports/url.repository';

/** In-memory implementations of the takedown ports, for use-case unit tests (the real ones are tested on Postgres). */
export class InMemoryUrlRepository implements UrlRepository {
  readonly urls = new Map<string, TrackedUrlProps>();
  readonly notices = new Map<string, NoticeProps>();
  readonly attempts: NoticeAttempt[] = [];

  async save(url: TrackedUrl): Promise<void> {
    const stored = this.urls.get(url.id);
    if (url.isNew ? [...this.urls.values()].some((other) => other.url === url.props.url) : stored?.version !== url.props.version) {
      throw new UrlChangedMeanwhile(url.props.url);
    }
    this.urls.set(url.id, { ...url.props, version: url.props.version + 1 });
    url.markSaved();
  }

  async findById(id: string) {
    const props = this.urls.get(id);
    return props ? TrackedUrl.restore(props) : undefined;
  }

  async findByUrl(normalisedUrl: string) {
    const props = [...this.urls.values()].find((candidate) => candidate.url === normalisedUrl);
    return props ? TrackedUrl.restore(props) : undefined;
  }

  async list(filter: UrlListFilter) {
    return [...this.urls.values()]
      .filter((props) => (!filter.status || props.status === filter.status) && (!filter.providerId || props.providerId === filter.providerId))
      .map((props) => TrackedUrl.restore(props));
  }

  async listWithoutProvider() {
    return [...this.urls.values()].filter((props) => !props.providerId).map((props) => TrackedUrl.restore(props));
  }

  async claimDueChecks(now: Date, leaseUntil: Date, limit: number) {
    const due = [...this.urls.values()].filter((props) => ACTIVE_STATUSES.includes(props.status) && props.nextCheckAt && Date.parse(props.nextCheckAt) <= now.getTime()).slice(0, limit);
    return due.map((props) => {
      const claimed = { ...props, nextCheckAt: leaseUntil.toISOString() };
      this.urls.set(props.id, claimed);
      return TrackedUrl.restore(claimed);
    });
  }

  async addNotice(notice: NoticeProps) {
    if ([...this.notices.values()].some((other) => other.urlId === notice.urlId && !other.closedAt)) throw new ConflictError('url: a notice is already open', 'url');
    this.notices.set(notice.id, { ...notice });
  }

  async openNoticeOf(urlId: string) {
    return [...this.notices.values()].find((notice) => notice.urlId === urlId && !notice.closedAt);
  }

  async noticesOf(urlId: string) {
    return [...this.notices.values()].filter((notice) => notice.urlId === urlId);
  }

  async attemptsOf(noticeId: string) {
    return this.attempts.filter((attempt) => attempt.noticeId === noticeId);
  }

  async makeNoticeDue(noticeId: string, at: Date) {
    const notice = this.notices.get(noticeId);
    if (notice && !notice.closedAt) this.notices.set(noticeId, { ...notice, nextDueAt: at.toISOString() });
  }

  async claimDueNotices(now: Date, leaseUntil: Date, limit: number, onlyNoticeId?: string) {
    const due = [...this.notices.values()]
      .filter((notice) => !notice.closedAt && notice.nextDueAt && Date.parse(notice.nextDueAt) <= now.getTime() && (!onlyNoticeId || notice.id === onlyNoticeId))
      .slice(0, limit);
    return due.map((notice) => {
      const claimed = { ...notice, nextDueAt: leaseUntil.toISOString() };
      this.notices.set(notice.id, claimed);
      return claimed;
    });
  }

  async recordAttempt(attempt: NoticeAttempt, nextDueAt: Date) {
    this.attempts.push(attempt);
    const notice = this.notices.get(attempt.noticeId);
    if (!notice) return;
    this.notices.set(notice.id, {
      ...notice,
      attempts: notice.attempts + 1,
      firstSentAt: attempt.delivered ? (notice.firstSentAt ?? attempt.at) : notice.firstSentAt,
      lastSentAt: attempt.delivered ? attempt.at : notice.lastSentAt,
      lastOutcome: attempt.detail,
      nextDueAt: notice.closedAt ? undefined : nextDueAt.toISOString(),
    });
  }

  async closeOpenNotice(urlId: string, at: Date, reason: string, removedAt?: Date) {
    const open = await this.openNoticeOf(urlId);
    if (!open) return undefined;
    const closed = { ...open, closedAt: at.toISOString(), closedReason: reason, confirmedRemovedAt: removedAt?.toISOString(), nextDueAt: undefined };
    this.notices.set(open.id, closed);
    return closed;
  }

  async allNotices() {
    return [...this.notices.values()];
  }

  async countStillUpByProvider() {
    const counts = new Map<string, number>();
    for (const props of this.urls.values()) {
      if (ACTIVE_STATUSES.includes(props.status)) counts.set(props.providerId ?? '', (counts.get(props.providerId ?? '') ?? 0) + 1);
    }
    return counts;
  }

  async blocklist(): Promise<BlocklistEntry[]> {
    return [...this.urls.values()]
      .filter((props) => props.takedownRequestedAt && ACTIVE_STATUSES.includes(props.status))
      .map((props) => ({ url: props.url, host: props.host, firstReportedAt: props.firstReportedAt, classification: props.classification }));
  }
}

export class InMemoryProviderRepository implements ProviderRepository {
  readonly providers = new Map<string, HostingProviderProps>();
  assignmentLocks = 0;

  async lockAssignment() {
    this.assignmentLocks++;
  }

  async create(provider: HostingProviderProps) {
    if ([...this.providers.values()].some((other) => other.name === provider.name)) throw new ConflictError(`name: "${provider.name}" exists`, 'name');
    this.providers.set(provider.id, provider);
  }

  async update(provider: HostingProviderProps) {
    this.providers.set(provider.id, provider);
  }

  async findById(id: string) {
    return this.providers.get(id);
  }

  async list() {
    return [...this.providers.values()];
  }
}

/** No real transaction: the in-memory repositories apply each write at once. */
export const immediateTransactions: Transactions = { run: (work) => work() };

export class ScriptedRemovalChecker implements RemovalChecker {
  readonly answers = new Map<string, RemovalCheckResult>();
  readonly checked: string[] = [];
  /** Runs while a check is in flight: what a person does meanwhile. */
  meanwhile?: (url: string) => Promise<void>;

  async check(url: string): Promise<RemovalCheckResult> {
    this.checked.push(url);
    await this.meanwhile?.(url);
    return this.answers.get(url) ?? { state: 'up', detail: 'HTTP 200' };
  }
}

export class FakeKnownHashes implements KnownHashChecker {
  readonly known = new Map<string, KnownHashHit>();

  async lookup(hashes: ObservedHashes) {
    return (hashes.sha256 && this.known.get(hashes.sha256)) || undefined;
  }
}

export function sequentialIds(prefix = 'id'): () => string {
  let next = 0;
  return () => `${prefix}-${++next}`;
}
