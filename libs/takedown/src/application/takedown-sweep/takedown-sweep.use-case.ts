import type { CheckRemovalsUseCase, CheckReport } from '../check-removals/check-removals.use-case';
import type { SendDueNoticesUseCase, SendReport } from '../send-due-notices/send-due-notices.use-case';

/**
 * One pass of the scheduled work: send due notices, then check due URLs. Due times live in
 * Postgres, so a restart loses nothing: the next sweep finds what is due.
 */
export class TakedownSweepUseCase {
  private running?: Promise<SendReport & CheckReport>;

  constructor(private readonly send: SendDueNoticesUseCase, private readonly check: CheckRemovalsUseCase) {}

  /** A sweep still running (slow checks) is joined, never started twice in one process. */
  execute(): Promise<SendReport & CheckReport> {
    this.running ??= (async () => {
      try {
        return { ...(await this.send.execute()), ...(await this.check.execute()) };
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** Resolves when no sweep is running (for a graceful stop). */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }
}
