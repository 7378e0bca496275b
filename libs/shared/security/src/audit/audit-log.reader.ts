import type { EntityManager } from 'typeorm';
import type { AuditChainRow } from './audit-chain';

export interface AuditLogFilter {
  actor?: string;
  action?: string;
  /** `resource-type:resource-id`, or a resource id alone. */
  subject?: string;
  from?: Date;
  to?: Date;
  /** Rows after this seq (paging). */
  afterSeq?: string;
  limit: number;
}

/** Reads a service's audit log: pages of the chain for verification, filtered rows for auditors. */
export interface AuditLogReader {
  chainAfter(seq: string, limit: number): Promise<AuditChainRow[]>;
  search(filter: AuditLogFilter): Promise<AuditChainRow[]>;
}

export const AUDIT_LOG_READER = Symbol('AuditLogReader');

interface AuditLogSqlRow {
  seq: string;
  prev_hash: string;
  row_hash: string;
  at: Date;
  actor: string;
  action: string;
  resource_type: string;
  resource_id: string;
  detail: unknown;
}

const COLUMNS = `seq::text AS seq, prev_hash, row_hash, at, actor, action, resource_type, resource_id, detail`;

function toRow(row: AuditLogSqlRow): AuditChainRow {
  return { seq: row.seq, prevHash: row.prev_hash, rowHash: row.row_hash, at: row.at, actor: row.actor, action: row.action, resourceType: row.resource_type, resourceId: row.resource_id, detail: row.detail };
}

export class SqlAuditLogReader implements AuditLogReader {
  constructor(private readonly schema: string, private readonly manager: () => EntityManager) {}

  async chainAfter(seq: string, limit: number): Promise<AuditChainRow[]> {
    const rows = (await this.manager().query(`SELECT ${COLUMNS} FROM "${this.schema}".audit_log WHERE seq > $1 ORDER BY audit_log.seq LIMIT $2`, [seq, limit])) as AuditLogSqlRow[];
    return rows.map(toRow);
  }

  async search(filter: AuditLogFilter): Promise<AuditChainRow[]> {
    const where: string[] = [];
    const parameters: unknown[] = [];
    const add = (clause: (placeholder: string) => string, value: unknown) => {
      parameters.push(value);
      where.push(clause(`$${parameters.length}`));
    };
    if (filter.actor !== undefined) add((p) => `actor = ${p}`, filter.actor);
    if (filter.action !== undefined) add((p) => `action = ${p}`, filter.action);
    if (filter.subject !== undefined) {
      const colon = filter.subject.indexOf(':');
      if (colon > 0) {
        add((p) => `resource_type = ${p}`, filter.subject.slice(0, colon));
        add((p) => `resource_id = ${p}`, filter.subject.slice(colon + 1));
      } else add((p) => `resource_id = ${p}`, filter.subject);
    }
    if (filter.from !== undefined) add((p) => `at >= ${p}`, filter.from);
    if (filter.to !== undefined) add((p) => `at < ${p}`, filter.to);
    if (filter.afterSeq !== undefined) add((p) => `seq > ${p}`, filter.afterSeq);
    parameters.push(filter.limit);
    const sql = `SELECT ${COLUMNS} FROM "${this.schema}".audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY audit_log.seq LIMIT $${parameters.length}`;
    return ((await this.manager().query(sql, parameters)) as AuditLogSqlRow[]).map(toRow);
  }
}
