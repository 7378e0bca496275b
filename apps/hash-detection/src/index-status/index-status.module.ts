import { BeforeApplicationShutdown, Inject, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import type { PdqIndexSnapshotter } from '@vigil/hashes';
import { PDQ_INDEX_SNAPSHOTTER } from './index-snapshot.config';
import { IndexStatusController } from './index-status.controller';

/** Starts the periodic PDQ index snapshot, and writes a last one when the service stops. */
@Injectable()
class IndexSnapshotLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(PDQ_INDEX_SNAPSHOTTER) private readonly snapshotter: PdqIndexSnapshotter) {}

  onApplicationBootstrap(): void {
    this.snapshotter.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.snapshotter.stop();
  }
}

/** The index's status for staff, and its snapshots (the index itself is in HashBanksCoreModule). */
@Module({
  controllers: [IndexStatusController],
  providers: [IndexSnapshotLifecycle],
})
export class IndexStatusModule {}
