import type { EntityManager } from 'typeorm';

export type AuditAction = 'view' | 'list' | 'create' | 'change' | 'export' | 'disseminate' | 'override';

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

/** DDL for a service's append-only audit log (hash-chaining comes with the security work). */
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

/** Writes audit rows in the caller's transaction when there is one (see TransactionRunner). */
export class SqlAuditTrail implements AuditTrail {
  constructor(private readonly schema: string, private readonly manager: () => EntityManager) {}

  async record(entry: AuditRecord): Promise<void> {
    await this.manager().query(
      `INSERT INTO "${this.schema}".audit_log (actor, action, resource_type, resource_id, detail) VALUES ($1, $2, $3, $4, $5)`,
      [entry.actor, entry.action, entry.resourceType, entry.resourceId, entry.detail ? JSON.stringify(entry.detail) : null],
    );
  }
}
