import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { ResolveKnownReviewItemsUseCase } from '@vigil/hashes';
import { SERVICE_INFRASTRUCTURE, type ServiceInfrastructure } from '@vigil/platform';
import { BankChangePolling } from '../index-status/bank-change-polling';

/**
 * Takes out of the review queue the items whose hash was banked while they waited, so nobody
 * looks at known material: at start (entries may have come in while the service was down) and
 * whenever the banks' change logs show entries that began to match.
 */
@Injectable()
export class ReviewRecheck implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly resolve: ResolveKnownReviewItemsUseCase,
    private readonly polling: BankChangePolling,
    @Inject(SERVICE_INFRASTRUCTURE) private readonly infra: ServiceInfrastructure,
  ) {}

  onModuleInit(): void {
    this.polling.onEntriesNowMatching(() => this.recheck());
  }

  onApplicationBootstrap(): void {
    void this.recheck();
  }

  async recheck(): Promise<void> {
    try {
      const { checked, resolved } = await this.resolve.execute();
      if (resolved > 0) this.infra.log(`review queue: ${resolved} of ${checked} waiting items matched newly banked hashes and need no review`);
    } catch (error) {
      this.infra.log(`review recheck failed (tried again on the next bank change): ${(error as Error).message}`);
    }
  }
}
