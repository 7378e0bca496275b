import { migrationSchema } from '@vigil/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Review items withdrawn because the tipline's retention purged their evidence: the `withdrawn` status, and why. */
export class ReviewWithdrawn1764001000200 implements MigrationInterface {
  name = 'ReviewWithdrawn1764001000200';

  async up(runner: QueryRunner): Promise<void> {
    const s = `"${migrationSchema(runner)}"`;
    await runner.query(`ALTER TABLE ${s}.review_items DROP CONSTRAINT review_items_status_check`);
    await runner.query(`ALTER TABLE ${s}.review_items ADD CONSTRAINT review_items_status_check CHECK (status IN ('pending', 'in-review', 'decided', 'overridden', 'known', 'withdrawn'))`);
    await runner.query(`ALTER TABLE ${s}.review_items ADD COLUMN withdrawal jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = `"${migrationSchema(runner)}"`;
    // Before this, a purge left its items waiting; no earlier closed status fits (each claims an outcome or a bank
    // match), so they wait again, and their previews answer that the evidence file is not found.
    await runner.query(`UPDATE ${s}.review_items SET status = 'pending' WHERE status = 'withdrawn'`);
    await runner.query(`ALTER TABLE ${s}.review_items DROP COLUMN withdrawal`);
    await runner.query(`ALTER TABLE ${s}.review_items DROP CONSTRAINT review_items_status_check`);
    await runner.query(`ALTER TABLE ${s}.review_items ADD CONSTRAINT review_items_status_check CHECK (status IN ('pending', 'in-review', 'decided', 'overridden', 'known'))`);
  }
}
