import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CurateBankEntriesUseCase } from '@vigil/hashes';
import { SERVICE_INFRASTRUCTURE, type ServiceInfrastructure } from '@vigil/platform';

/** How often disables that have run out are looked for: an expired disable ends within this. */
export const DISABLE_EXPIRY_SWEEP_MS = 60_000;

/**
 * Re-enables entries whose temporary disable has run out, at start and then periodically.
 * A sweep rather than a check at lookup time, so the PDQ index, exact lookups and the change
 * feed partners pull all see the same `enable`, recorded once, with who (the system) and when.
 */
@Injectable()
export class BankExpirySweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly curate: CurateBankEntriesUseCase, @Inject(SERVICE_INFRASTRUCTURE) private readonly infra: ServiceInfrastructure) {}

  onApplicationBootstrap(): void {
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), DISABLE_EXPIRY_SWEEP_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private sweep(): Promise<void> {
    this.running ??= (async () => {
      try {
        const reenabled = await this.curate.reenableExpired();
        if (reenabled.length > 0) this.infra.log(`re-enabled ${reenabled.length} bank entries whose disable expired`);
      } catch (error) {
        this.infra.log(`disable-expiry sweep failed (retried in ${DISABLE_EXPIRY_SWEEP_MS} ms): ${(error as Error).message}`);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }
}
