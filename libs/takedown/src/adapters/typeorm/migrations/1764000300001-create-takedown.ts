import { migrationSchema } from '@vigil/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The URL list, hosting providers, takedown notices and their delivery attempts. */
export class CreateTakedown1764000300001 implements MigrationInterface {
  name = 'CreateTakedown1764000300001';

  async up(runner: QueryRunner): Promise<void> {
    const s = `"${migrationSchema(runner)}"`;
    await runner.query(`CREATE TABLE ${s}.takedown_providers (
      id uuid PRIMARY KEY,
      name text NOT NULL UNIQUE,
      host_suffixes text[] NOT NULL,
      contact_email text,
      notice_webhook_url text,
      country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK (contact_email IS NOT NULL OR notice_webhook_url IS NOT NULL)
    )`);
    await runner.query(`CREATE TABLE ${s}.takedown_urls (
      id uuid PRIMARY KEY,
      url text NOT NULL UNIQUE,
      host text NOT NULL,
      provider_id uuid REFERENCES ${s}.takedown_providers(id),
      status text NOT NULL CHECK (status IN ('reported', 'notice-sent', 'removed', 'reappeared', 'not-actionable')),
      classification text,
      first_reported_at timestamptz NOT NULL,
      takedown_requested_at timestamptz,
      removed_at timestamptz,
      last_checked_at timestamptz,
      last_check_result text,
      next_check_at timestamptz,
      version int NOT NULL
    )`);
    await runner.query(`CREATE INDEX takedown_urls_due_checks ON ${s}.takedown_urls (next_check_at) WHERE next_check_at IS NOT NULL`);
    await runner.query(`CREATE INDEX takedown_urls_by_status ON ${s}.takedown_urls (status, provider_id)`);
    await runner.query(`CREATE INDEX takedown_urls_without_provider ON ${s}.takedown_urls (host) WHERE provider_id IS NULL`);
    await runner.query(`CREATE TABLE ${s}.takedown_url_history (
      seq bigserial PRIMARY KEY,
      url_id uuid NOT NULL REFERENCES ${s}.takedown_urls(id),
      at timestamptz NOT NULL,
      from_status text,
      to_status text NOT NULL,
      actor text NOT NULL,
      reason text NOT NULL
    )`);
    await runner.query(`CREATE INDEX takedown_url_history_by_url ON ${s}.takedown_url_history (url_id, seq)`);
    await runner.query(`CREATE TABLE ${s}.takedown_notices (
      id uuid PRIMARY KEY,
      url_id uuid NOT NULL REFERENCES ${s}.takedown_urls(id),
      provider_id uuid NOT NULL REFERENCES ${s}.takedown_providers(id),
      issued_at timestamptz NOT NULL,
      issued_by text NOT NULL,
      reason text NOT NULL,
      attempts int NOT NULL DEFAULT 0,
      first_sent_at timestamptz,
      last_sent_at timestamptz,
      last_outcome text,
      next_due_at timestamptz,
      confirmed_removed_at timestamptz,
      closed_at timestamptz,
      closed_reason text
    )`);
    // One open notice per URL, enforced by the database (two concurrent "issue" calls cannot both open one).
    await runner.query(`CREATE UNIQUE INDEX takedown_notices_one_open ON ${s}.takedown_notices (url_id) WHERE closed_at IS NULL`);
    await runner.query(`CREATE INDEX takedown_notices_due ON ${s}.takedown_notices (next_due_at) WHERE closed_at IS NULL`);
    await runner.query(`CREATE TABLE ${s}.takedown_notice_attempts (
      seq bigserial PRIMARY KEY,
      notice_id uuid NOT NULL REFERENCES ${s}.takedown_notices(id),
      attempt int NOT NULL,
      at timestamptz NOT NULL,
      delivered boolean NOT NULL,
      channel text NOT NULL,
      detail text NOT NULL
    )`);
    await runner.query(`CREATE INDEX takedown_notice_attempts_by_notice ON ${s}.takedown_notice_attempts (notice_id, seq)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = `"${migrationSchema(runner)}"`;
    for (const table of ['takedown_notice_attempts', 'takedown_notices', 'takedown_url_history', 'takedown_urls', 'takedown_providers']) {
      await runner.query(`DROP TABLE ${s}.${table}`);
    }
  }
}
