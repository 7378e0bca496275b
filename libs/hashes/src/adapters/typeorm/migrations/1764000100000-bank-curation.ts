import { migrationSchema } from '@vigil/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bank curation: who disabled an entry and until when, the per-bank change log partners pull
 * (`GET /api/v1/banks/:id/changes`), and an index for browsing a bank newest first.
 * Entries that exist already get their `add` (and `disable`) in the log, so a partner starting
 * from the beginning receives the whole bank.
 */
export class BankCuration1764000100000 implements MigrationInterface {
  name = 'BankCuration1764000100000';

  async up(runner: QueryRunner): Promise<void> {
    const schema = migrationSchema(runner);
    await runner.query(`ALTER TABLE "${schema}".hash_entries ADD COLUMN disabled_by text, ADD COLUMN disabled_until timestamptz`);
    await runner.query(`CREATE INDEX hash_entries_browse ON "${schema}".hash_entries (bank_id, added_at DESC, id DESC)`);
    await runner.query(`CREATE INDEX hash_entries_disable_expiry ON "${schema}".hash_entries (disabled_until) WHERE disabled_until IS NOT NULL`);
    await runner.query(`CREATE TABLE "${schema}".hash_entry_changes (
      seq bigserial PRIMARY KEY,
      bank_id uuid NOT NULL REFERENCES "${schema}".hash_banks(id),
      entry_id uuid NOT NULL REFERENCES "${schema}".hash_entries(id),
      op text NOT NULL CHECK (op IN ('add', 'disable', 'enable', 'update')),
      at timestamptz NOT NULL,
      actor text NOT NULL,
      entry jsonb NOT NULL
    )`);
    await runner.query(`CREATE INDEX hash_entry_changes_by_bank ON "${schema}".hash_entry_changes (bank_id, seq)`);
    // The snapshot's keys are HashEntryProps' (see TypeOrmHashBankRepository): keep them in step.
    const snapshot = `jsonb_strip_nulls(jsonb_build_object(
        'id', e.id, 'bankId', e.bank_id, 'hashType', e.hash_type, 'value', e.value, 'classification', e.classification,
        'series', e.series, 'victimIdentified', e.victim_identified, 'addedBy', e.added_by,
        'addedAt', to_char(e.added_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'notes', e.notes,
        'disabledAt', %DISABLED_AT%, 'disabledReason', %DISABLED_REASON%))`;
    await runner.query(
      `INSERT INTO "${schema}".hash_entry_changes (bank_id, entry_id, op, at, actor, entry)
       SELECT e.bank_id, e.id, 'add', e.added_at, e.added_by, ${snapshot.replace('%DISABLED_AT%', 'NULL').replace('%DISABLED_REASON%', 'NULL')}
         FROM "${schema}".hash_entries e ORDER BY e.added_at, e.id`,
    );
    await runner.query(
      `INSERT INTO "${schema}".hash_entry_changes (bank_id, entry_id, op, at, actor, entry)
       SELECT e.bank_id, e.id, 'disable', e.disabled_at, 'unknown (before the change log)',
              ${snapshot
                .replace('%DISABLED_AT%', `to_char(e.disabled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`)
                .replace('%DISABLED_REASON%', 'e.disabled_reason')}
         FROM "${schema}".hash_entries e WHERE e.disabled_at IS NOT NULL ORDER BY e.disabled_at, e.id`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = migrationSchema(runner);
    await runner.query(`DROP TABLE "${schema}".hash_entry_changes`);
    await runner.query(`DROP INDEX "${schema}".hash_entries_disable_expiry`);
    await runner.query(`DROP INDEX "${schema}".hash_entries_browse`);
    await runner.query(`ALTER TABLE "${schema}".hash_entries DROP COLUMN disabled_until, DROP COLUMN disabled_by`);
  }
}
