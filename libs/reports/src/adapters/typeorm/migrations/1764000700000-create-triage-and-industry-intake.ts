import { migrationSchema } from '@vigil/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Triage and industry intake: the analysts' work on each report (claim, classification,
 * incidents, decisions, timeline), what partners sent (idempotent on partner + reference), and
 * the identifiers every report names (for related-report links).
 */
export class CreateTriageAndIndustryIntake1764000700000 implements MigrationInterface {
  name = 'CreateTriageAndIndustryIntake1764000700000';

  async up(runner: QueryRunner): Promise<void> {
    const schema = migrationSchema(runner);
    await runner.query(`CREATE TABLE "${schema}".report_triage (
      report_id uuid PRIMARY KEY REFERENCES "${schema}".reports(id),
      claimed_by text,
      claim_expires_at timestamptz,
      state jsonb NOT NULL,
      first_triaged_at timestamptz,
      version int NOT NULL
    )`);
    await runner.query(`CREATE INDEX report_triage_first ON "${schema}".report_triage (first_triaged_at)`);
    await runner.query(`CREATE TABLE "${schema}".industry_submissions (
      partner_id text NOT NULL,
      partner_reference text NOT NULL,
      partner_name text NOT NULL,
      report_id uuid NOT NULL UNIQUE REFERENCES "${schema}".reports(id),
      format text NOT NULL CHECK (format IN ('json', 'cybertip-xml')),
      original text NOT NULL,
      intake jsonb NOT NULL,
      received_at timestamptz NOT NULL,
      PRIMARY KEY (partner_id, partner_reference)
    )`);
    await runner.query(`CREATE TABLE "${schema}".report_identifiers (
      report_id uuid NOT NULL REFERENCES "${schema}".reports(id),
      kind text NOT NULL CHECK (kind IN ('url', 'sha256', 'account', 'email', 'phone', 'ip')),
      value text NOT NULL,
      PRIMARY KEY (report_id, kind, value)
    )`);
    await runner.query(`CREATE INDEX report_identifiers_lookup ON "${schema}".report_identifiers (kind, value)`);
    await runner.query(`CREATE INDEX reports_received ON "${schema}".reports (received_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = migrationSchema(runner);
    await runner.query(`DROP INDEX "${schema}".reports_received`);
    await runner.query(`DROP TABLE "${schema}".report_identifiers`);
    await runner.query(`DROP TABLE "${schema}".industry_submissions`);
    await runner.query(`DROP TABLE "${schema}".report_triage`);
  }
}
