import { migrationSchema } from '@vigil/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Victim details encrypted at rest: the record document (series, media digests, ICSE
 * references, history) moves to `record_sealed`, envelope-encrypted by the repository. The
 * columns beside it stay clear because the figures and lists filter on them and they say
 * nothing about who the child is. Rows written before stay readable (`encryption = 'none'`)
 * and are sealed the next time they change.
 */
export class SealIdentifiedVictimRecords1764310000001 implements MigrationInterface {
  name = 'SealIdentifiedVictimRecords1764310000001';

  async up(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runner.query(`ALTER TABLE "${s}".identified_victims
      ADD COLUMN record_sealed bytea NULL,
      ADD COLUMN encryption text NOT NULL DEFAULT 'none',
      ALTER COLUMN record DROP NOT NULL`);
    await runner.query(`ALTER TABLE "${s}".identified_victims ADD CONSTRAINT identified_victims_record_present
      CHECK ((encryption = 'none' AND record IS NOT NULL) OR (encryption <> 'none' AND record_sealed IS NOT NULL AND record IS NULL))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runner.query(`ALTER TABLE "${s}".identified_victims DROP CONSTRAINT identified_victims_record_present`);
    // Sealed rows cannot be decrypted in SQL: refuse rather than lose them.
    const [{ sealed }] = await runner.query(`SELECT count(*)::int AS sealed FROM "${s}".identified_victims WHERE encryption <> 'none'`);
    if (sealed > 0) throw new Error(`${sealed} identified-victim records are encrypted; they cannot be migrated back to plaintext in SQL`);
    await runner.query(`ALTER TABLE "${s}".identified_victims DROP COLUMN record_sealed, DROP COLUMN encryption, ALTER COLUMN record SET NOT NULL`);
  }
}
