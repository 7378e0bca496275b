import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { BankChangeFollower } from '@vigil/hashes';
import { integerSetting } from '@vigil/kernel';
import { SERVICE_INFRASTRUCTURE, type ServiceInfrastructure } from '@vigil/platform';

/** The BankChangeFollower of the running service, positioned before the PDQ index was loaded. */
export const BANK_CHANGE_FOLLOWER = Symbol('BankChangeFollower');

/** BANK_CHANGE_POLL_MS (default 2 s): how soon a replica's index reflects a change made through another. */
export function bankChangePollMs(env: Record<string, string | undefined>): number {
  return integerSetting(env, 'BANK_CHANGE_POLL_MS', { fallback: 2000, min: 100, unit: 'milliseconds' });
}

/**
 * Polls the banks' change logs (BankChangeFollower) so that this process's PDQ index follows
 * changes made anywhere, and tells subscribers when entries began to match (the review queue
 * rechecks its waiting items then).
 */
@Injectable()
export class BankChangePolling implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly intervalMs = bankChangePollMs(process.env);
  private readonly subscribers: Array<() => Promise<void>> = [];
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(BANK_CHANGE_FOLLOWER) private readonly follower: BankChangeFollower,
    @Inject(SERVICE_INFRASTRUCTURE) private readonly infra: ServiceInfrastructure,
  ) {}

  /** `run` is called after a poll that saw entries begin to match; runs never overlap. */
  onEntriesNowMatching(run: () => Promise<void>): void {
    this.subscribers.push(run);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.poll(), this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One poll now (also what the timer does); resolves when it and its subscribers are done. */
  poll(): Promise<void> {
    this.running ??= (async () => {
      try {
        const { entriesNowMatching } = await this.follower.poll();
        if (entriesNowMatching > 0) for (const run of this.subscribers) await run();
      } catch (error) {
        this.infra.log(`bank change poll failed (retried in ${this.intervalMs} ms): ${(error as Error).message}`);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }
}
