import type { Clock } from '@vigil/kernel';
import type { RemovalChecker } from '../../ports/removal-checker';
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
      const at = this.clock.now();
      report.checked += 1;
      try {
        await this.transactions.run(async () => {
          url.checked(at, `${result.state}: ${result.detail}`, new Date(at.getTime() + this.policy.checkIntervalMs));
          if (result.state === 'removed') url.confirmRemoved(at, REMOVAL_CHECKER_ACTOR, `removal confirmed: ${result.detail}`);
          await this.urls.save(url);
          if (result.state === 'removed') await this.urls.closeOpenNotice(url.id, at, `removal confirmed: ${result.detail}`, at);
        });
        if (result.state === 'removed') report.removed += 1;
      } catch (error) {
        // A person changed the URL while it was being checked: theirs stands; its next check is due anyway.
        if (!(error instanceof UrlChangedMeanwhile)) throw error;
      }
    }
    return report;
  }
}
