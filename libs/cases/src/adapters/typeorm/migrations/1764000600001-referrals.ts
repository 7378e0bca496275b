import { migrationSchema } from '@vigil/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referrals from every source in cases: each referral gets its own id, its original document and
 * its suspect identifiers (indexed, for linking); cases get a version (optimistic concurrency),
 * a timeline, a jurisdiction override and the case they were merged into. The referral → case key
 * is deferred so a save can insert the referral (refused on a duplicate source reference) first.
 */
export class Referrals1764000600001 implements MigrationInterface {
  name = 'Referrals1764000600001';

  async up(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runner.query(`ALTER TABLE "${s}".cases
      ADD COLUMN version int NOT NULL DEFAULT 1,
      ADD COLUMN merged_into uuid NULL REFERENCES "${s}".cases(id),
      ADD COLUMN jurisdiction_override jsonb NULL,
      ADD COLUMN history jsonb NOT NULL DEFAULT '[]'`);
    await runner.query(`ALTER TABLE "${s}".case_reports
      ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
      ADD COLUMN original text NULL,
      ADD COLUMN original_content_type text NULL`);
    await runner.query(`ALTER TABLE "${s}".case_reports ALTER CONSTRAINT case_reports_case_id_fkey DEFERRABLE INITIALLY DEFERRED`);
    // Reports received before referrals existed: give them the fields referrals have.
    await runner.query(`UPDATE "${s}".case_reports SET report = report || jsonb_build_object(
      'id', id::text, 'identifiers', '[]'::jsonb, 'locations', '[]'::jsonb, 'childIdentified', false, 'priorReports', '[]'::jsonb, 'annotations', '[]'::jsonb,
      'evidence', coalesce((SELECT jsonb_agg(jsonb_build_object('hashes', jsonb_build_array(jsonb_build_object('algorithm', 'sha256', 'value', h))))
                              FROM jsonb_array_elements_text(report->'mediaSha256') h), '[]'::jsonb),
      'triage', jsonb_build_object('proposed', jsonb_build_object('actionable', true, 'validityReason', 'received before triage rules existed',
                                   'urgency', 'P4', 'urgencyReasons', '["P4: received before triage rules existed"]'::jsonb), 'overrides', '[]'::jsonb))`);
    await runner.query(`CREATE TABLE "${s}".referral_identifiers (
      referral_id uuid NOT NULL REFERENCES "${s}".case_reports(id),
      kind text NOT NULL,
      value text NOT NULL,
      observed_at timestamptz NULL
    )`);
    await runner.query(`CREATE INDEX referral_identifiers_value ON "${s}".referral_identifiers (kind, value)`);
    await runner.query(`CREATE INDEX referral_identifiers_referral ON "${s}".referral_identifiers (referral_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runner.query(`DROP TABLE "${s}".referral_identifiers`);
    await runner.query(`ALTER TABLE "${s}".case_reports ALTER CONSTRAINT case_reports_case_id_fkey NOT DEFERRABLE`);
    await runner.query(`ALTER TABLE "${s}".case_reports DROP COLUMN original_content_type, DROP COLUMN original, DROP COLUMN id`);
    await runner.query(`ALTER TABLE "${s}".cases DROP COLUMN history, DROP COLUMN jurisdiction_override, DROP COLUMN merged_into, DROP COLUMN version`);
  }
}
