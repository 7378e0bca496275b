import { migrationSchema } from '@vigil/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Review items resolved by a bank match while they waited: the `known` status and the entry that matched. */
export class ReviewKnownMatch1764001000100 implements MigrationInterface {
  name = 'ReviewKnownMatch1764001000100';

  async up(runner: QueryRunner): Promise<void> {
    const s = `"${migrationSchema(runner)}"`;
    await runner.query(`ALTER TABLE ${s}.review_items DROP CONSTRAINT review_items_status_check`);
    await runner.query(`ALTER TABLE ${s}.review_items ADD CONSTRAINT review_items_status_check CHECK (status IN ('pending', 'in-review', 'decided', 'overridden', 'known'))`);
    await runner.query(`ALTER TABLE ${s}.review_items ADD COLUMN known_match jsonb`);
    // The recheck walks open items in id order.
    await runner.query(`CREATE INDEX review_items_open_by_id ON ${s}.review_items (id) WHERE status IN ('pending', 'in-review')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = `"${migrationSchema(runner)}"`;
    await runner.query(`DROP INDEX ${s}.review_items_open_by_id`);
    await runner.query(`UPDATE ${s}.review_items SET status = 'pending' WHERE status = 'known'`);
    await runner.query(`ALTER TABLE ${s}.review_items DROP COLUMN known_match`);
    await runner.query(`ALTER TABLE ${s}.review_items DROP CONSTRAINT review_items_status_check`);
    await runner.query(`ALTER TABLE ${s}.review_items ADD CONSTRAINT review_items_status_check CHECK (status IN ('pending', 'in-review', 'decided', 'overridden'))`);
  }
}
