import { migrationSchema } from '@vigil/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCases1763900000002 implements MigrationInterface {
  name = 'CreateCases1763900000002';

  async up(runner: QueryRunner): Promise<void> {
    const schema = migrationSchema(runner);
    await runner.query(`CREATE TABLE "${schema}".cases (
      id uuid PRIMARY KEY,
      reference text NOT NULL UNIQUE,
      status text NOT NULL,
      opened_at timestamptz NOT NULL
    )`);
    await runner.query(`CREATE TABLE "${schema}".case_reports (
      case_id uuid NOT NULL REFERENCES "${schema}".cases(id),
      source_report_id text NOT NULL UNIQUE,
      origin text NOT NULL,
      report jsonb NOT NULL,
      added_at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`);
    await runner.query(`CREATE TABLE "${schema}".case_sequences (year int PRIMARY KEY, value int NOT NULL)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = migrationSchema(runner);
    for (const table of ['case_sequences', 'case_reports', 'cases']) await runner.query(`DROP TABLE "${schema}".${table}`);
  }
}
