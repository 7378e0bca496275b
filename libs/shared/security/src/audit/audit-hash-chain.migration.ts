import type { MigrationInterface, QueryRunner } from 'typeorm';
import { AUDIT_CHAIN_GENESIS, auditRowHash } from './audit-chain';

const BACKFILL_PAGE = 1000;

function schemaOf(runner: QueryRunner): string {
  const schema = (runner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('a Vigil service DataSource must name its schema');
  return schema;
}

/**
 * Turns a service's audit_log into a hash chain: existing rows are renumbered 1..n in their seq
 * order (bigserial left gaps where transactions rolled back; the chain treats a gap as a missing
 * row), their timestamps kept to the millisecond the hash covers, and chained; from then on
 * writers append through `appendAuditRecords` (seq no longer has a default, so a writer that
 * bypasses the chain fails instead of forking it).
 *
 * Append-only: triggers refuse UPDATE, DELETE and TRUNCATE. A database superuser can still
 * disable them (or write the table behind them); `vigil audit verify` then reports the first
 * seq where the chain breaks.
 */
export class AuditHashChain1764000800000 implements MigrationInterface {
  name = 'AuditHashChain1764000800000';

  async up(runner: QueryRunner): Promise<void> {
    const schema = schemaOf(runner);
    const table = `"${schema}".audit_log`;
    await runner.query(`ALTER TABLE ${table} ADD COLUMN prev_hash text, ADD COLUMN row_hash text`);
    await runner.query(`ALTER TABLE ${table} ALTER COLUMN seq DROP DEFAULT`);
    // Two steps through negative numbers so no renumbered row collides with one not yet moved.
    await runner.query(`UPDATE ${table} AS a SET seq = -r.n, at = date_trunc('milliseconds', a.at) FROM (SELECT seq, row_number() OVER (ORDER BY seq) AS n FROM ${table}) r WHERE a.seq = r.seq`);
    await runner.query(`UPDATE ${table} SET seq = -seq`);
    let prevHash = AUDIT_CHAIN_GENESIS;
    for (let after = 0; ; after += BACKFILL_PAGE) {
      const rows = (await runner.query(
        `SELECT seq::text AS seq, at, actor, action, resource_type, resource_id, detail FROM ${table} WHERE seq > $1 ORDER BY audit_log.seq LIMIT $2`,
        [after, BACKFILL_PAGE],
      )) as { seq: string; at: Date; actor: string; action: string; resource_type: string; resource_id: string; detail: unknown }[];
      if (rows.length === 0) break;
      const hashes = rows.map((row) => {
        const content = { seq: row.seq, prevHash, at: row.at, actor: row.actor, action: row.action, resourceType: row.resource_type, resourceId: row.resource_id, detail: row.detail };
        const rowHash = auditRowHash(content);
        const pair = { seq: row.seq, prevHash, rowHash };
        prevHash = rowHash;
        return pair;
      });
      await runner.query(
        `UPDATE ${table} AS a SET prev_hash = h.prev_hash, row_hash = h.row_hash FROM unnest($1::bigint[], $2::text[], $3::text[]) AS h(seq, prev_hash, row_hash) WHERE a.seq = h.seq`,
        [hashes.map((h) => h.seq), hashes.map((h) => h.prevHash), hashes.map((h) => h.rowHash)],
      );
    }
    await runner.query(`ALTER TABLE ${table} ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN row_hash SET NOT NULL, ADD CONSTRAINT audit_log_seq_positive CHECK (seq > 0)`);
    await runner.query(`CREATE INDEX audit_log_actor_at ON ${table} (actor, at)`);
    await runner.query(`CREATE INDEX audit_log_at ON ${table} (at)`);
    await runner.query(`
      CREATE FUNCTION "${schema}".audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await runner.query(`CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION "${schema}".audit_log_append_only()`);
    await runner.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION "${schema}".audit_log_append_only()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = schemaOf(runner);
    const table = `"${schema}".audit_log`;
    await runner.query(`DROP TRIGGER audit_log_no_truncate ON ${table}`);
    await runner.query(`DROP TRIGGER audit_log_no_update_delete ON ${table}`);
    await runner.query(`DROP FUNCTION "${schema}".audit_log_append_only()`);
    await runner.query(`DROP INDEX "${schema}".audit_log_at`);
    await runner.query(`DROP INDEX "${schema}".audit_log_actor_at`);
    await runner.query(`ALTER TABLE ${table} DROP CONSTRAINT audit_log_seq_positive, DROP COLUMN row_hash, DROP COLUMN prev_hash`);
    await runner.query(`SELECT setval(pg_get_serial_sequence('${table}', 'seq'), greatest((SELECT max(seq) FROM ${table}), 1))`);
    await runner.query(`ALTER TABLE ${table} ALTER COLUMN seq SET DEFAULT nextval(pg_get_serial_sequence('${table}', 'seq'))`);
  }
}
