import { migrationSchema } from '@vigil/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DDL for a service's staff accounts. Roles are per service: the same person can be an analyst
 * in the tipline and hold no role in the referral hub. The TOTP secret is sealed by the field
 * cipher (AES-256-GCM, bound to this column and username); totp_last_step refuses a code twice.
 */
export function staffAccountsUpSql(schema: string): string[] {
  return [
    `CREATE TABLE "${schema}".staff_accounts (
      username text PRIMARY KEY,
      display_name text NOT NULL,
      roles text[] NOT NULL,
      password_hash text NOT NULL,
      disabled_at timestamptz,
      failed_attempts int NOT NULL DEFAULT 0,
      locked_until timestamptz,
      totp_secret bytea,
      totp_enabled_at timestamptz,
      totp_last_step bigint,
      last_sign_in_at timestamptz,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`,
  ];
}

/** A migration of its own, like the API keys', so services migrated before it get the table. Every service registers it. */
export class CreateStaffAccounts1764001000000 implements MigrationInterface {
  name = 'CreateStaffAccounts1764001000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const sql of staffAccountsUpSql(migrationSchema(runner))) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${migrationSchema(runner)}".staff_accounts`);
  }
}
