import { migrationSchema } from '@vigil/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version per dissemination, for optimistic locking of partners' acknowledgements and outcomes.
 * Existing rows start at 1; the column, not the JSON state, is the authority.
 */
export class DisseminationVersion1764000600003 implements MigrationInterface {
  name = 'DisseminationVersion1764000600003';

  async up(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runner.query(`ALTER TABLE "${s}".disseminations ADD COLUMN version int NOT NULL DEFAULT 1 CHECK (version >= 1)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runner.query(`ALTER TABLE "${s}".disseminations DROP COLUMN version`);
  }
}
