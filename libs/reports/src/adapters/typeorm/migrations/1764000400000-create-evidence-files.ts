import { migrationSchema } from '@vigil/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tipline's evidence store: the original bytes of each media file, one row per media item. */
export class CreateEvidenceFiles1764000400000 implements MigrationInterface {
  name = 'CreateEvidenceFiles1764000400000';

  async up(runner: QueryRunner): Promise<void> {
    const schema = migrationSchema(runner);
    await runner.query(`CREATE TABLE "${schema}".evidence_files (
      media_id uuid PRIMARY KEY,
      report_id uuid NOT NULL REFERENCES "${schema}".reports(id),
      content_type text NOT NULL,
      content bytea NOT NULL,
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      encryption text NOT NULL DEFAULT 'none',
      created_at timestamptz NOT NULL
    )`);
    await runner.query(`CREATE INDEX evidence_files_report ON "${schema}".evidence_files (report_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = migrationSchema(runner);
    await runner.query(`DROP TABLE "${schema}".evidence_files`);
  }
}
