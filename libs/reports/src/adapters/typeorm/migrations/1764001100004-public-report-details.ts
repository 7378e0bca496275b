import { migrationSchema } from '@vigil/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Public reports' structured answers and follow-ups on the report, and the way back to the
 * reporter (follow-up secret hash, optional contact) in a table of its own so it never leaves
 * with the report. The contact is sealed (AES-256-GCM envelope); `contact_encryption` names the
 * scheme so it can change row by row.
 */
export class PublicReportDetails1764001100004 implements MigrationInterface {
  name = 'PublicReportDetails1764001100004';

  async up(runner: QueryRunner): Promise<void> {
    const schema = migrationSchema(runner);
    await runner.query(`ALTER TABLE "${schema}".reports ADD COLUMN details jsonb, ADD COLUMN follow_ups jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await runner.query(`CREATE TABLE "${schema}".reporter_channels (
      report_id uuid PRIMARY KEY REFERENCES "${schema}".reports(id),
      secret_sha256 text NOT NULL CHECK (secret_sha256 ~ '^[0-9a-f]{64}$'),
      contact bytea,
      contact_encryption text
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = migrationSchema(runner);
    await runner.query(`DROP TABLE "${schema}".reporter_channels`);
    await runner.query(`ALTER TABLE "${schema}".reports DROP COLUMN details, DROP COLUMN follow_ups`);
  }
}
