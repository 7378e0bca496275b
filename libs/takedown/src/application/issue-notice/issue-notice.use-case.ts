import { ConflictError, NotFoundError, type Clock } from '@vigil/kernel';
import { newNotice, type NoticeProps } from '../../domain/notice';
import type { TrackedUrl } from '../../domain/tracked-url';
import type { Transactions } from '../../ports/transactions';
import { retryWhenChangedMeanwhile, type UrlRepository } from '../../ports/url.repository';

export interface IssuedNotice {
  notice?: NoticeProps;
  /** Why no notice could be issued yet (no provider registered for the host). */
  waiting?: string;
}

/**
 * Confirms a URL for takedown and opens a notice to its hosting provider (due at once: the
 * sweep, or the caller, sends it). One open notice per URL: asking again returns the open one.
 * A URL whose host has no provider yet stays confirmed and gets its notice when one is registered.
 */
export class IssueNoticeUseCase {
  constructor(private readonly urls: UrlRepository, private readonly transactions: Transactions, private readonly clock: Clock, private readonly ids: () => string) {}

  /** "Issue now" from a person: the URL must not be confirmed removed. */
  async execute(input: { urlId: string; actor: string; reason?: string }): Promise<IssuedNotice> {
    return retryWhenChangedMeanwhile(() => this.transactions.run(async () => {
      const url = await this.urls.findById(input.urlId);
      if (!url) throw new NotFoundError('URL', input.urlId);
      if (url.status === 'removed') throw new ConflictError('status: the URL was confirmed removed; report a new sighting if it is back online', 'status');
      const issued = await this.issueFor(url, input.actor, input.reason?.trim() || `notice issued by ${input.actor}`);
      if (issued.notice && issued.notice.attempts > 0) await this.urls.makeNoticeDue(issued.notice.id, this.clock.now());
      return issued;
    }));
  }

  /** Joins the caller's transaction; saves the URL (new or loaded) and the notice. */
  async issueFor(url: TrackedUrl, actor: string, reason: string): Promise<IssuedNotice> {
    const at = this.clock.now();
    url.confirmForTakedown(at);
    const providerId = url.props.providerId;
    if (!providerId) {
      await this.urls.save(url);
      return { waiting: `no hosting provider is registered for ${url.props.host}: the notice goes out when one is` };
    }
    if (url.status === 'notice-sent') {
      await this.urls.save(url);
      return { notice: await this.urls.openNoticeOf(url.id) };
    }
    const notice = newNotice({ id: this.ids(), urlId: url.id, providerId, at, issuedBy: actor, reason });
    url.noticeIssued(at, actor, reason);
    await this.urls.save(url);
    await this.urls.addNotice(notice);
    return { notice };
  }
}
