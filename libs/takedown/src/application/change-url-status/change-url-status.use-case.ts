import { NotFoundError, type Clock } from '@vigil/kernel';
import type { Transactions } from '../../ports/transactions';
import { retryWhenChangedMeanwhile, type UrlRepository } from '../../ports/url.repository';

export const MANUAL_STATUSES = ['removed', 'not-actionable'] as const;
export type ManualStatus = (typeof MANUAL_STATUSES)[number];

/**
 * A person confirms removal (e.g. the provider replied and the checker cannot see the host) or
 * decides a URL is not actionable. The open notice closes with it; a confirmed removal counts
 * in the time-to-removal figures. Who and why go into the URL's history.
 */
export class ChangeUrlStatusUseCase {
  constructor(private readonly urls: UrlRepository, private readonly transactions: Transactions, private readonly clock: Clock) {}

  async execute(input: { urlId: string; status: ManualStatus; reason: string; actor: string }) {
    return retryWhenChangedMeanwhile(() => this.transactions.run(async () => {
      const url = await this.urls.findById(input.urlId);
      if (!url) throw new NotFoundError('URL', input.urlId);
      const at = this.clock.now();
      const reason = `${input.reason.trim()} (by ${input.actor})`;
      if (input.status === 'removed') {
        url.confirmRemoved(at, input.actor, input.reason);
        await this.urls.save(url);
        await this.urls.closeOpenNotice(url.id, at, `removal confirmed: ${reason}`, at);
      } else {
        url.markNotActionable(at, input.actor, input.reason);
        await this.urls.save(url);
        await this.urls.closeOpenNotice(url.id, at, `not actionable: ${reason}`);
      }
      return url.props;
    }));
  }
}
