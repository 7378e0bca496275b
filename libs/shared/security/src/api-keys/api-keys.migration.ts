import { migrationSchema } from '@vigil/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** DDL for a service's partner API keys: only a hash of each secret is stored. */
export function apiKeysUpSql(schema: string): string[] {
  return [
    `CREATE TABLE "${schema}".api_keys (
      key_id text PRIMARY KEY,
      secret_hash text NOT NULL,
      partner_id text NOT NULL,
      partner_name text NOT NULL,
      scopes text[] NOT NULL,
      rate_limit_per_minute int CHECK (rate_limit_per_minute > 0),
      created_by text NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz,
      revoked_at timestamptz,
      revoked_by text,
      last_used_at timestamptz
    )`,
    `CREATE INDEX api_keys_partner ON "${schema}".api_keys (partner_id)`,
  ];
}

/**
 * A migration of its own (not part of PlatformTables) so that databases migrated before API
 * keys existed get the table too. Every service registers it.
 */
export class CreateApiKeys1764000200000 implements MigrationInterface {
  name = 'CreateApiKeys1764000200000';

  async up(runner: QueryRunner): Promise<void> {
    for (const sql of apiKeysUpSql(migrationSchema(runner))) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${migrationSchema(runner)}".api_keys`);
  }
}
