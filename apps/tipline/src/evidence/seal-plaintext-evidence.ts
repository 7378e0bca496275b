import type { OnApplicationBootstrap } from '@nestjs/common';
import type { TypeOrmEvidenceStore } from '@vigil/reports';

/**
 * Evidence stored before encryption at rest arrived is sealed once the tipline is up, in the
 * background (a large store must not hold the start), so no plaintext evidence outlives an upgrade.
 */
export class SealPlaintextEvidence implements OnApplicationBootstrap {
  constructor(private readonly evidence: TypeOrmEvidenceStore, private readonly log: (message: string) => void) {}

  onApplicationBootstrap(): void {
    this.evidence.sealPlaintextFiles().then(
      (count) => count > 0 && this.log(`encrypted ${count} evidence files stored before encryption at rest`),
      (error: Error) => this.log(`could not encrypt evidence stored in clear: ${error.message}`),
    );
  }
}
