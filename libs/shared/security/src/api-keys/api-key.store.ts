import type { EntityManager } from 'typeorm';
import type { PartnerScope } from './partner-access.decorator';

export interface ApiKeyRecord {
  keyId: string;
  secretHash: string;
  partnerId: string;
  partnerName: string;
  scopes: PartnerScope[];
  /** Requests per minute for this key; the service default applies when absent. */
  rateLimitPerMinute?: number;
  createdBy: string;
  createdAt: Date;
  expiresAt?: Date;
  revokedAt?: Date;
  revokedBy?: string;
  lastUsedAt?: Date;
}

/** Where a service keeps its partners' API keys. */
export interface ApiKeyStore {
  insert(record: ApiKeyRecord): Promise<void>;
  find(keyId: string): Promise<ApiKeyRecord | undefined>;
  list(): Promise<ApiKeyRecord[]>;
  /** Marks the key revoked (first revocation wins); undefined when there is no such key. */
  revoke(keyId: string, by: string, at: Date): Promise<ApiKeyRecord | undefined>;
  touch(keyId: string, at: Date): Promise<void>;
}

interface ApiKeyRow {
  key_id: string;
  secret_hash: string;
  partner_id: string;
  partner_name: string;
  scopes: string[];
  rate_limit_per_minute: number | null;
  created_by: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  last_used_at: Date | null;
}

/** The api_keys table of one service schema, in the caller's transaction when there is one. */
export class SqlApiKeyStore implements ApiKeyStore {
  constructor(private readonly schema: string, private readonly manager: () => EntityManager) {}

  private get table(): string {
    return `"${this.schema}".api_keys`;
  }

  async insert(record: ApiKeyRecord): Promise<void> {
    await this.manager().query(
      `INSERT INTO ${this.table} (key_id, secret_hash, partner_id, partner_name, scopes, rate_limit_per_minute, created_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [record.keyId, record.secretHash, record.partnerId, record.partnerName, record.scopes, record.rateLimitPerMinute ?? null, record.createdBy, record.createdAt, record.expiresAt ?? null],
    );
  }

  async find(keyId: string): Promise<ApiKeyRecord | undefined> {
    const rows: ApiKeyRow[] = await this.manager().query(`SELECT * FROM ${this.table} WHERE key_id = $1`, [keyId]);
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async list(): Promise<ApiKeyRecord[]> {
    const rows: ApiKeyRow[] = await this.manager().query(`SELECT * FROM ${this.table} ORDER BY created_at DESC, key_id`);
    return rows.map(toRecord);
  }

  async revoke(keyId: string, by: string, at: Date): Promise<ApiKeyRecord | undefined> {
    await this.manager().query(`UPDATE ${this.table} SET revoked_at = $2, revoked_by = $3 WHERE key_id = $1 AND revoked_at IS NULL`, [keyId, at, by]);
    return this.find(keyId);
  }

  async touch(keyId: string, at: Date): Promise<void> {
    await this.manager().query(`UPDATE ${this.table} SET last_used_at = $2 WHERE key_id = $1 AND (last_used_at IS NULL OR last_used_at < $2)`, [keyId, at]);
  }
}

function toRecord(row: ApiKeyRow): ApiKeyRecord {
  return {
    keyId: row.key_id,
    secretHash: row.secret_hash,
    partnerId: row.partner_id,
    partnerName: row.partner_name,
    scopes: row.scopes as PartnerScope[],
    rateLimitPerMinute: row.rate_limit_per_minute ?? undefined,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    expiresAt: row.expires_at ? new Date(row.expires_at) : undefined,
    revokedAt: row.revoked_at ? new Date(row.revoked_at) : undefined,
    revokedBy: row.revoked_by ?? undefined,
    lastUsedAt: row.last_used_at ? new Date(row.last_used_at) : undefined,
  };
}
