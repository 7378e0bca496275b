import type { Clock } from '@vigil/kernel';
import type { TrackedUrl } from '../../domain/tracked-url';
import type { RemovalChecker, RemovalCheckResult } from '../../ports/removal-checker';
import type { Transactions } from '../../ports/transactions';
import { UrlChangedMeanwhile, type UrlRepository } from '../../ports/url.repository';
import type { TakedownPolicy } from '../takedown-policy';

export interface CheckReport {
  checked: number;
  removed: number;
}

export const REMOVAL_CHECKER_ACTOR = 'removal-checker';

/**
 * Looks at every active URL whose check is due. Gone (404/410, host not found): the URL is
 * removed and its open notice closed with the time of removal. Still up, or unclear: checked
 * again after the check interval. Claims work like SendDueNotices (no URL checked twice at once).
 */
export class CheckRemovalsUseCase {
  constructor(
    private readonly urls: UrlRepository,
    private readonly checker: RemovalChecker,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly policy: TakedownPolicy,
  ) {}

  async execute(): Promise<CheckReport> {
    const now = this.clock.now();
    const claimed = await this.urls.claimDueChecks(now, new Date(now.getTime() + this.policy.leaseMs), this.policy.batchSize);
    const report: CheckReport = { checked: 0, removed: 0 };
    for (const url of claimed) {
      const result = await this.checker.check(url.props.url);
      report.checked += 1;
      if (await this.record(url, result, this.clock.now())) report.removed += 1;
    }
    return report;
  }

  /**
   * What the host answered is a fact whoever else changed the URL meanwhile (an analyst issuing a
   * notice during the check): on a conflict it is applied to the URL as it now stands. Dropping
   * it instead left the URL's next check at the end of the claim lease, minutes away.
   * Returns whether the URL was found removed.
   */
  private async record(claimed: TrackedUrl, result: RemovalCheckResult, at: Date): Promise<boolean> {
    let url: TrackedUrl | undefined = claimed;
    for (let attempt = 1; url && attempt <= 3; attempt += 1) {
      const current: TrackedUrl = url;
      try {
        return await this.transactions.run(async () => {
          const goneNow = result.state === 'removed' && current.isActive;
          current.checked(at, `${result.state}: ${result.detail}`, new Date(at.getTime() + this.policy.checkIntervalMs));
          if (goneNow) current.confirmRemoved(at, REMOVAL_CHECKER_ACTOR, `removal confirmed: ${result.detail}`);
          await this.urls.save(current);
          if (goneNow) await this.urls.closeOpenNotice(current.id, at, `removal confirmed: ${result.detail}`, at);
          return goneNow;
        });
      } catch (error) {
        if (!(error instanceof UrlChangedMeanwhile)) throw error;
        url = await this.urls.findById(claimed.id);
      }
    }
    // Still changing under us after three tries: people's changes stand, and the claim lease ends.
    return false;
  }
}
