import { migrationSchema } from '@vigil/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateHashBanks1763900000001 implements MigrationInterface {
  name = 'CreateHashBanks1763900000001';

  async up(runner: QueryRunner): Promise<void> {
    const schema = migrationSchema(runner);
    await runner.query(`CREATE TABLE "${schema}".hash_banks (
      id uuid PRIMARY KEY,
      name text NOT NULL UNIQUE,
      kind text NOT NULL CHECK (kind IN ('positive', 'negative')),
      source text NOT NULL,
      terms text NOT NULL,
      owner text NOT NULL,
      pdq_threshold int NOT NULL CHECK (pdq_threshold BETWEEN 0 AND 256),
      created_at timestamptz NOT NULL
    )`);
    await runner.query(`CREATE TABLE "${schema}".hash_entries (
      id uuid PRIMARY KEY,
      bank_id uuid NOT NULL REFERENCES "${schema}".hash_banks(id),
      hash_type text NOT NULL CHECK (hash_type IN ('md5', 'sha1', 'sha256', 'pdq')),
      value text NOT NULL,
      classification text NOT NULL,
      series text,
      victim_identified boolean NOT NULL DEFAULT false,
      added_by text NOT NULL,
      added_at timestamptz NOT NULL,
      notes text,
      disabled_at timestamptz,
      disabled_reason text,
      UNIQUE (bank_id, hash_type, value)
    )`);
    await runner.query(`CREATE INDEX hash_entries_lookup ON "${schema}".hash_entries (hash_type, value)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = migrationSchema(runner);
    await runner.query(`DROP TABLE "${schema}".hash_entries`);
    await runner.query(`DROP TABLE "${schema}".hash_banks`);
  }
}
