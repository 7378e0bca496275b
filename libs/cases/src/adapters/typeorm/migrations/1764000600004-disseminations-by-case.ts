import { migrationSchema } from '@vigil/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case's disseminations in time order: the dissemination tracker (listForCase) and the
 * intake-to-dissemination figures join on it. Without it both scan the table.
 */
export class DisseminationsByCase1764000600004 implements MigrationInterface {
  name = 'DisseminationsByCase1764000600004';

  async up(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runner.query(`CREATE INDEX disseminations_by_case ON "${s}".disseminations (case_id, disseminated_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runner.query(`DROP INDEX "${s}".disseminations_by_case`);
  }
}
