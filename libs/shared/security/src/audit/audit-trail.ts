import type { EntityManager } from 'typeorm';
import { AUDIT_CHAIN_GENESIS, auditRowHash } from './audit-chain';

export type AuditAction = 'view' | 'list' | 'create' | 'change' | 'export' | 'disseminate' | 'override' | 'purge' | 'sign-in';

export interface AuditRecord {
  actor: string;
  action: AuditAction;
  resourceType: string;
  resourceId: string;
  detail?: Record<string, unknown>;
}

export interface AuditTrail {
  record(entry: AuditRecord): Promise<void>;
}

export const AUDIT_TRAIL = Symbol('AuditTrail');

/** DDL for a service's audit log as first created; AuditHashChain1764000800000 turns it into a hash chain. */
export function auditLogUpSql(schema: string): string[] {
  return [
    `CREATE TABLE "${schema}".audit_log (
      seq bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor text NOT NULL,
      action text NOT NULL,
      resource_type text NOT NULL,
      resource_id text NOT NULL,
      detail jsonb
    )`,
    `CREATE INDEX audit_log_resource ON "${schema}".audit_log (resource_type, resource_id)`,
  ];
}

/**
 * Appends rows to the schema's hash chain, in order, inside the given transaction: a
 * transaction-scoped advisory lock per schema serialises appenders (held until the caller
 * commits, so the chain never forks), then the last row is read and the new rows follow it
 * with consecutive seqs. `at` is taken here, to the millisecond, because the hash covers it.
 */
export async function appendAuditRecords(manager: EntityManager, schema: string, records: readonly AuditRecord[], now: () => Date = () => new Date()): Promise<void> {
  if (records.length === 0) return;
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`vigil.audit_log:${schema}`]);
  const [last] = (await manager.query(`SELECT seq::text AS seq, row_hash FROM "${schema}".audit_log ORDER BY audit_log.seq DESC LIMIT 1`)) as { seq: string; row_hash: string }[];
  let seq = last ? BigInt(last.seq) : 0n;
  let prevHash = last?.row_hash ?? AUDIT_CHAIN_GENESIS;
  const at = now();
  const rows = records.map((record) => {
    seq += 1n;
    const detail = record.detail === undefined ? null : (JSON.parse(JSON.stringify(record.detail)) as unknown);
    const content = { seq: seq.toString(), prevHash, at, actor: record.actor, action: record.action, resourceType: record.resourceType, resourceId: record.resourceId, detail };
    const rowHash = auditRowHash(content);
    prevHash = rowHash;
    return { ...content, rowHash };
  });
  await manager.query(
    `INSERT INTO "${schema}".audit_log (seq, at, actor, action, resource_type, resource_id, detail, prev_hash, row_hash)
     SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::text[], $9::text[])`,
    [
      rows.map((row) => row.seq),
      rows.map(() => at.toISOString()),
      rows.map((row) => row.actor),
      rows.map((row) => row.action),
      rows.map((row) => row.resourceType),
      rows.map((row) => row.resourceId),
      rows.map((row) => (row.detail === null ? null : JSON.stringify(row.detail))),
      rows.map((row) => row.prevHash),
      rows.map((row) => row.rowHash),
    ],
  );
}

/**
 * Writes audit rows in the caller's transaction when there is one (see TransactionRunner), so
 * the row commits with the change it records; otherwise in a transaction of its own, which the
 * chain's lock needs.
 */
export class SqlAuditTrail implements AuditTrail {
  constructor(private readonly schema: string, private readonly manager: () => EntityManager) {}

  async record(entry: AuditRecord): Promise<void> {
    const manager = this.manager();
    if (manager.queryRunner?.isTransactionActive) return appendAuditRecords(manager, this.schema, [entry]);
    await manager.transaction((own) => appendAuditRecords(own, this.schema, [entry]));
  }
}
