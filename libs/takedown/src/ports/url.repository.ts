import { ConflictError } from '@vigil/kernel';
import type { BlocklistEntry } from '../domain/blocklist';
import type { NoticeProps } from '../domain/notice';
import type { TrackedUrl, UrlStatus } from '../domain/tracked-url';

export interface UrlListFilter {
  status?: UrlStatus;
  providerId?: string;
  limit?: number;
}

/** One delivery attempt of a notice, as recorded. */
export interface NoticeAttempt {
  noticeId: string;
  attempt: number;
  at: string;
  delivered: boolean;
  channel: string;
  detail: string;
}

/**
 * The URL list with each URL's history and notices. Writes join the transaction in progress
 * (see Transactions), so a URL's status and its notice change together.
 */
export interface UrlRepository {
  /** Inserts a new URL or updates a loaded one (refused with ConflictError if someone saved it meanwhile), appending its new history. */
  save(url: TrackedUrl): Promise<void>;
  findById(id: string): Promise<TrackedUrl | undefined>;
  findByUrl(normalisedUrl: string): Promise<TrackedUrl | undefined>;
  list(filter: UrlListFilter): Promise<TrackedUrl[]>;
  /** URLs with no provider yet, to assign when a provider is registered. */
  listWithoutProvider(): Promise<TrackedUrl[]>;
  /**
   * Claims up to `limit` active URLs whose check is due, by moving their next check to
   * `leaseUntil` (rows locked FOR UPDATE SKIP LOCKED, so concurrent sweeps never share one).
   * The version is left alone: a person acting on the URL meanwhile wins, and the check's
   * own save is then refused (UrlChangedMeanwhile) and its result applied to the re-read URL.
   */
  claimDueChecks(now: Date, leaseUntil: Date, limit: number): Promise<TrackedUrl[]>;

  addNotice(notice: NoticeProps): Promise<void>;
  openNoticeOf(urlId: string): Promise<NoticeProps | undefined>;
  noticesOf(urlId: string): Promise<NoticeProps[]>;
  attemptsOf(noticeId: string): Promise<NoticeAttempt[]>;
  /** Makes an open notice due at once ("send now"). */
  makeNoticeDue(noticeId: string, at: Date): Promise<void>;
  /** Claims due open notices as claimDueChecks does (the lease is how long a send may take before another sweep retries it). */
  claimDueNotices(now: Date, leaseUntil: Date, limit: number, onlyNoticeId?: string): Promise<NoticeProps[]>;
  /** Records one attempt and when the notice is due next (ignored if it was closed meanwhile). */
  recordAttempt(attempt: NoticeAttempt, nextDueAt: Date): Promise<void>;
  /** Closes the open notice of a URL; `removedAt` when the content was confirmed gone. */
  closeOpenNotice(urlId: string, at: Date, reason: string, removedAt?: Date): Promise<NoticeProps | undefined>;
  /** Every notice with its provider, for time-to-removal figures. */
  allNotices(): Promise<NoticeProps[]>;
  /** Active URLs per provider id ('' for URLs with no provider). */
  countStillUpByProvider(): Promise<Map<string, number>>;
  blocklist(): Promise<BlocklistEntry[]>;
}

export const URL_REPOSITORY = Symbol('UrlRepository');

/** Thrown by save() when the URL was saved by someone else since it was loaded (optimistic concurrency). */
export class UrlChangedMeanwhile extends ConflictError {
  constructor(url: string) {
    super(`url: ${url} was changed meanwhile; reload it and try again`, 'url');
  }
}

/**
 * Runs work again (up to `attempts` times) when it failed because a URL changed under it,
 * e.g. a removal check finished while a person acted. Work must reload what it changes.
 */
export async function retryWhenChangedMeanwhile<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof UrlChangedMeanwhile) || attempt >= attempts) throw error;
    }
  }
}
