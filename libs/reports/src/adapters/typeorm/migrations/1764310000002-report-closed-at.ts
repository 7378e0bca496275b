import { migrationSchema } from '@vigil/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a report was closed, which retention counts from. Set by a trigger when the status becomes
 * `closed` (or a report arrives closed), so every writer records it without knowing about
 * retention. Reports already closed count from this migration: they get the full period.
 */
export class ReportClosedAt1764310000002 implements MigrationInterface {
  name = 'ReportClosedAt1764310000002';

  async up(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runner.query(`ALTER TABLE "${s}".reports ADD COLUMN closed_at timestamptz`);
    await runner.query(`UPDATE "${s}".reports SET closed_at = now() WHERE status = 'closed'`);
    await runner.query(`CREATE FUNCTION "${s}".reports_stamp_closed_at() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'closed' AND OLD.status IS DISTINCT FROM 'closed' THEN NEW.closed_at := now(); END IF;
        IF NEW.status <> 'closed' THEN NEW.closed_at := NULL; END IF;
        RETURN NEW;
      END $$`);
    await runner.query(`CREATE TRIGGER reports_stamp_closed_at BEFORE INSERT OR UPDATE OF status ON "${s}".reports FOR EACH ROW EXECUTE FUNCTION "${s}".reports_stamp_closed_at()`);
    await runner.query(`CREATE INDEX reports_closed_at ON "${s}".reports (closed_at) WHERE status = 'closed'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runner.query(`DROP TRIGGER reports_stamp_closed_at ON "${s}".reports`);
    await runner.query(`DROP FUNCTION "${s}".reports_stamp_closed_at()`);
    await runner.query(`ALTER TABLE "${s}".reports DROP COLUMN closed_at`);
  }
}
