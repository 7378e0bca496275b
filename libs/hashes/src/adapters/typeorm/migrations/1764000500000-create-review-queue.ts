import { migrationSchema } from '@vigil/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The human review queue: items, each reviewer's decision, supervisors' overrides, and exposures. */
export class CreateReviewQueue1764000500000 implements MigrationInterface {
  name = 'CreateReviewQueue1764000500000';

  async up(runner: QueryRunner): Promise<void> {
    const s = `"${migrationSchema(runner)}"`;
    await runner.query(`CREATE TABLE ${s}.review_items (
      id uuid PRIMARY KEY,
      media_id text NOT NULL UNIQUE,
      report_id text NOT NULL,
      report_reference text NOT NULL,
      incident_type text NOT NULL,
      urgency text NOT NULL CHECK (urgency IN ('critical', 'high', 'normal', 'low')),
      urgency_rank smallint NOT NULL,
      sha256 text NOT NULL,
      md5 text NOT NULL,
      pdq text,
      pdq_quality smallint,
      content_type text NOT NULL,
      bytes bigint NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'in-review', 'decided', 'overridden')),
      claimed_by text,
      lease_expires_at timestamptz,
      outcome jsonb,
      supervisor_flag jsonb,
      enqueued_at timestamptz NOT NULL,
      version int NOT NULL
    )`);
    // The claim query walks this index: open items, most urgent first, then oldest.
    await runner.query(`CREATE INDEX review_items_queue ON ${s}.review_items (urgency_rank, enqueued_at, id) WHERE status IN ('pending', 'in-review')`);
    await runner.query(`CREATE INDEX review_items_claimed ON ${s}.review_items (claimed_by) WHERE status = 'in-review'`);
    await runner.query(`CREATE TABLE ${s}.review_decisions (
      item_id uuid NOT NULL REFERENCES ${s}.review_items(id),
      reviewer text NOT NULL,
      position smallint NOT NULL,
      classification text NOT NULL,
      note text,
      decided_at timestamptz NOT NULL,
      PRIMARY KEY (item_id, reviewer)
    )`);
    await runner.query(`CREATE INDEX review_decisions_reviewer ON ${s}.review_decisions (reviewer, decided_at)`);
    await runner.query(`CREATE TABLE ${s}.review_overrides (
      item_id uuid NOT NULL REFERENCES ${s}.review_items(id),
      position smallint NOT NULL,
      supervisor text NOT NULL,
      classification text NOT NULL,
      reason text NOT NULL,
      previous text,
      overridden_at timestamptz NOT NULL,
      PRIMARY KEY (item_id, position)
    )`);
    await runner.query(`CREATE TABLE ${s}.review_exposures (
      seq bigserial PRIMARY KEY,
      reviewer text NOT NULL,
      item_id uuid NOT NULL REFERENCES ${s}.review_items(id),
      media_id text NOT NULL,
      colour boolean NOT NULL,
      revealed_at timestamptz NOT NULL
    )`);
    await runner.query(`CREATE INDEX review_exposures_reviewer ON ${s}.review_exposures (reviewer, revealed_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = `"${migrationSchema(runner)}"`;
    for (const table of ['review_exposures', 'review_overrides', 'review_decisions', 'review_items']) await runner.query(`DROP TABLE ${s}.${table}`);
  }
}
