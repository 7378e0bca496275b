import type { RetentionPolicy, RetentionTarget } from '@vigil/kernel';
import type { AuditTrail } from '../audit/audit-trail';

export interface PurgeOutcome {
  recordType: string;
  /** undefined: this type is kept for ever (RETENTION_…_DAYS=off). */
  keepDays?: number;
  cutoff?: string;
  /** Due records found (dry run) or purged. */
  count: number;
  ids: string[];
  dryRun: boolean;
}

/** Runs work in one transaction (the service's TransactionRunner); the audit entry commits with the deletions. */
export type RetentionTransaction = <T>(work: () => Promise<T>) => Promise<T>;

export const RETENTION_ACTOR = 'retention-purge';

/**
 * Deletes what the retention policy says is due, one record type at a time, in batches. Each
 * type's deletions and its one audit entry (count, cut-off and every purged id) commit together,
 * so nothing is ever purged without a trace; the audit log itself is never purged. A dry run
 * lists what is due and changes nothing, not even the audit log.
 */
export class PurgeExpiredRecordsUseCase {
  constructor(
    private readonly policy: RetentionPolicy,
    private readonly targets: readonly RetentionTarget[],
    private readonly audit: AuditTrail,
    private readonly transaction: RetentionTransaction,
    private readonly now: () => Date = () => new Date(),
    private readonly batchSize = 500,
  ) {
    for (const target of targets) policy.rule(target.recordType);
  }

  async execute(options: { dryRun?: boolean } = {}): Promise<PurgeOutcome[]> {
    const dryRun = options.dryRun === true;
    const now = this.now();
    const outcomes: PurgeOutcome[] = [];
    for (const target of this.targets) {
      const { keepDays } = this.policy.rule(target.recordType);
      const cutoff = this.policy.cutoff(target.recordType, now);
      if (!cutoff) {
        outcomes.push({ recordType: target.recordType, count: 0, ids: [], dryRun });
        continue;
      }
      const ids = dryRun ? await this.due(target, cutoff) : await this.transaction(() => this.purge(target, cutoff, keepDays!));
      outcomes.push({ recordType: target.recordType, keepDays, cutoff: cutoff.toISOString(), count: ids.length, ids, dryRun });
    }
    return outcomes;
  }

  private async due(target: RetentionTarget, cutoff: Date): Promise<string[]> {
    const ids: string[] = [];
    for (let after: string | undefined; ; ) {
      const batch = await target.findDue(cutoff, this.batchSize, after);
      ids.push(...batch);
      if (batch.length < this.batchSize) return ids;
      after = batch[batch.length - 1];
    }
  }

  private async purge(target: RetentionTarget, cutoff: Date, keepDays: number): Promise<string[]> {
    const purged: string[] = [];
    for (;;) {
      const batch = await target.findDue(cutoff, this.batchSize);
      if (batch.length === 0) break;
      const count = await target.purge(batch, cutoff);
      if (count !== batch.length) throw new Error(`retention: ${target.recordType} purged ${count} of ${batch.length} due records; rolled back`);
      purged.push(...batch);
      if (batch.length < this.batchSize) break;
    }
    if (purged.length > 0) {
      await this.audit.record({
        actor: RETENTION_ACTOR,
        action: 'purge',
        resourceType: `retention:${target.recordType}`,
        resourceId: cutoff.toISOString(),
        detail: { count: purged.length, keepDays, cutoff: cutoff.toISOString(), ids: purged },
      });
    }
    return purged;
  }
}

/** One line per record type, for the CLI and the service log. */
export function describePurgeOutcome(outcome: PurgeOutcome): string {
  if (outcome.keepDays === undefined) return `${outcome.recordType}: kept for ever (retention off)`;
  const verb = outcome.dryRun ? 'due (dry run, nothing deleted)' : 'purged';
  return `${outcome.recordType}: ${outcome.count} ${verb}, kept ${outcome.keepDays} days (cut-off ${outcome.cutoff})`;
}
