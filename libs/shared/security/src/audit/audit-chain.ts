import { createHash } from 'node:crypto';

/**
 * The audit log is a hash chain: each row carries the hash of the row before it and a hash of
 * its own content, so a row changed, removed or inserted after the fact shows up as the first
 * seq where the chain no longer holds. Append-only triggers stop ordinary writers; the chain
 * catches what a database superuser could still do behind them.
 */

/** prev_hash of the first row (seq 1). */
export const AUDIT_CHAIN_GENESIS = '0'.repeat(64);

/** Bumped if the serialisation below ever changes, so old and new rows are never confused. */
const CHAIN_FORMAT = 'vigil-audit-v1';

/** One audit row as the chain sees it. `seq` is a string: Postgres bigint arrives as one. */
export interface AuditChainRow {
  seq: string;
  prevHash: string;
  rowHash: string;
  at: Date;
  actor: string;
  action: string;
  resourceType: string;
  resourceId: string;
  detail: unknown;
}

export type AuditChainContent = Omit<AuditChainRow, 'rowHash'>;

/**
 * JSON with object keys sorted at every level, after a JSON round trip (which drops undefined,
 * turns Dates into strings): the same value gives the same text whether it comes from the
 * writer's object or from the jsonb column, which keeps its own key order.
 */
export function canonicalJson(value: unknown): string {
  return serialise(value === undefined ? null : JSON.parse(JSON.stringify(value)));
}

function serialise(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(serialise).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${serialise((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The exact bytes a row's hash covers. Timestamps are kept to the millisecond, as written. */
export function canonicalAuditRow(row: AuditChainContent): string {
  return canonicalJson([CHAIN_FORMAT, row.seq, row.prevHash, row.at.toISOString(), row.actor, row.action, row.resourceType, row.resourceId, row.detail ?? null]);
}

export function auditRowHash(row: AuditChainContent): string {
  return createHash('sha256').update(canonicalAuditRow(row), 'utf8').digest('hex');
}

export type AuditChainBreakReason = 'gap' | 'prev-mismatch' | 'hash-mismatch';

export interface AuditChainBreak {
  seq: string;
  reason: AuditChainBreakReason;
  message: string;
}

/**
 * Checks rows fed in seq order, one page at a time, so a long log never has to fit in memory.
 * Stops at the first break.
 */
export class AuditChainVerifier {
  private expectedSeq = 1n;
  private previousHash = AUDIT_CHAIN_GENESIS;
  private verified = 0;
  private broken?: AuditChainBreak;

  /** Returns false once the chain is broken (feeding more rows changes nothing). */
  add(row: AuditChainRow): boolean {
    if (this.broken) return false;
    const seq = BigInt(row.seq);
    if (seq !== this.expectedSeq) {
      return this.fail(row.seq, 'gap', `expected seq ${this.expectedSeq}, found ${row.seq}: rows are missing or were inserted out of order`);
    }
    if (row.prevHash !== this.previousHash) {
      return this.fail(row.seq, 'prev-mismatch', `prev_hash does not match the row_hash of the row before`);
    }
    if (auditRowHash(row) !== row.rowHash) {
      return this.fail(row.seq, 'hash-mismatch', `row_hash does not match the row's content: the row was changed after it was written`);
    }
    this.verified++;
    this.expectedSeq = seq + 1n;
    this.previousHash = row.rowHash;
    return true;
  }

  get result(): AuditChainResult {
    return this.broken ? { ok: false, verified: this.verified, break: this.broken } : { ok: true, verified: this.verified };
  }

  private fail(seq: string, reason: AuditChainBreakReason, message: string): false {
    this.broken = { seq, reason, message };
    return false;
  }
}

export type AuditChainResult = { ok: true; verified: number } | { ok: false; verified: number; break: AuditChainBreak };

/** Checks a whole chain held in memory (tests, small logs). */
export function verifyAuditChain(rows: Iterable<AuditChainRow>): AuditChainResult {
  const verifier = new AuditChainVerifier();
  for (const row of rows) if (!verifier.add(row)) break;
  return verifier.result;
}
