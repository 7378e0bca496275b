import { migrationSchema } from '@vigil/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateReports1763900000000 implements MigrationInterface {
  name = 'CreateReports1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    const schema = migrationSchema(runner);
    await runner.query(`CREATE TABLE "${schema}".reports (
      id uuid PRIMARY KEY,
      reference text NOT NULL UNIQUE,
      source text NOT NULL,
      incident_type text NOT NULL,
      description text NOT NULL,
      urls jsonb NOT NULL,
      media jsonb NOT NULL,
      status text NOT NULL,
      priority text NOT NULL,
      priority_rank smallint NOT NULL,
      priority_reasons jsonb NOT NULL,
      received_at timestamptz NOT NULL,
      escalated_at timestamptz,
      escalated_by text,
      version int NOT NULL
    )`);
    await runner.query(`CREATE INDEX reports_queue ON "${schema}".reports (priority_rank, received_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = migrationSchema(runner);
    await runner.query(`DROP TABLE "${schema}".reports`);
  }
}
