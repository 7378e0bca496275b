import { RetentionPolicy, type RetentionRule, type RetentionTarget } from '@vigil/kernel';
import { describePurgeOutcome, PurgeExpiredRecordsUseCase } from '@vigil/security';
import type { ServiceInfrastructure } from './service-infrastructure';

/** What a service keeps under retention: its rules (periods) and the stores that purge them. */
export interface ServiceRetention {
  rules: readonly RetentionRule[];
  targets: (infra: Pick<ServiceInfrastructure, 'transactions' | 'schema'>) => RetentionTarget[];
}

/** The purge use case for one service, with periods from the environment (a bad value stops the start, naming the variable). */
export function purgeUseCaseFor(retention: ServiceRetention, infra: Pick<ServiceInfrastructure, 'transactions' | 'schema' | 'audit'>, env: NodeJS.ProcessEnv): PurgeExpiredRecordsUseCase {
  const policy = RetentionPolicy.fromSettings(retention.rules, env);
  // Replicas of a service purge one at a time: the second waits, then finds nothing due.
  const oneAtATime = <T>(work: () => Promise<T>) =>
    infra.transactions.run(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`vigil.retention:${infra.schema}`]);
      return work();
    });
  return new PurgeExpiredRecordsUseCase(policy, retention.targets(infra), infra.audit, oneAtATime);
}

/**
 * Runs the purge every `intervalMinutes`, one run at a time; a failed run is logged and the
 * next one tries again (each record type's deletions roll back with its audit entry).
 */
export class RetentionSchedule {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly purge: PurgeExpiredRecordsUseCase, private readonly intervalMinutes: number, private readonly log: (message: string) => void) {}

  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.intervalMinutes * 60_000);
    this.timer.unref();
  }

  runOnce(): Promise<void> {
    this.running ??= this.purge
      .execute()
      .then((outcomes) => {
        for (const outcome of outcomes) if (outcome.count > 0) this.log(`retention: ${describePurgeOutcome(outcome)}`);
      })
      .catch((error: Error) => this.log(`retention purge failed: ${error.message}`))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
