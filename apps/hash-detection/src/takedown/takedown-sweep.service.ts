import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { SERVICE_INFRASTRUCTURE, type ServiceInfrastructure } from '@vigil/platform';
import { TakedownSweepUseCase } from '@vigil/takedown';
import { TAKEDOWN_CONFIG, type TakedownConfig } from './takedown.config';

/**
 * Runs the takedown sweep every TAKEDOWN_SWEEP_MS while the service is up. Due times are in
 * Postgres, so stopping loses nothing, and several replicas share the work (claims skip
 * locked rows). On shutdown the running sweep finishes before the database closes.
 */
@Injectable()
export class TakedownSweepService implements OnModuleInit, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly sweep: TakedownSweepUseCase,
    @Inject(TAKEDOWN_CONFIG) private readonly config: TakedownConfig,
    @Inject(SERVICE_INFRASTRUCTURE) private readonly infra: ServiceInfrastructure,
  ) {}

  onModuleInit(): void {
    if (this.config.TAKEDOWN_SWEEP_MS === 0) {
      this.infra.log('takedown sweep off (TAKEDOWN_SWEEP_MS=0): notices are sent only on request');
      return;
    }
    this.timer = setInterval(() => void this.runOnce(), this.config.TAKEDOWN_SWEEP_MS);
  }

  private async runOnce(): Promise<void> {
    try {
      const done = await this.sweep.execute();
      if (done.sent + done.failed + done.removed > 0) {
        this.infra.log(`takedown sweep: ${done.sent} notice(s) sent, ${done.failed} failed, ${done.checked} URL(s) checked, ${done.removed} removed`);
      }
    } catch (error) {
      // The next sweep retries: nothing is lost, due times stay in Postgres.
      this.infra.log(`takedown sweep failed: ${(error as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sweep.idle();
  }
}
