import type { OnApplicationBootstrap } from '@nestjs/common';
import type { TypeOrmVictimRepository } from '@vigil/victim-identification';

/** Victim records written in clear before encryption at rest are sealed once the hub is up, in the background. */
export class SealPlaintextVictims implements OnApplicationBootstrap {
  constructor(private readonly victims: TypeOrmVictimRepository, private readonly log: (message: string) => void) {}

  onApplicationBootstrap(): void {
    this.victims.sealPlaintextRecords().then(
      (count) => count > 0 && this.log(`encrypted ${count} victim records stored before encryption at rest`),
      (error: Error) => this.log(`could not encrypt victim records stored in clear: ${error.message}`),
    );
  }
}
