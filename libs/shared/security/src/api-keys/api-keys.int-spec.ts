import { createServiceDataSource, initialiseServiceDatabase, platformTablesMigration, TransactionRunner } from '@vigil/persistence';
import { createTestDatabase, type TestDatabase } from '@vigil/test-fixtures';
import type { DataSource } from 'typeorm';
import { AuditHashChain1764000800000 } from '../audit/audit-hash-chain.migration';
import { auditLogUpSql, SqlAuditTrail } from '../audit/audit-trail';
import { ApiKeyService } from './api-key.service';
import { SqlApiKeyStore } from './api-key.store';
import { CreateApiKeys1764000200000 } from './api-keys.migration';

const SCHEMA = 'tipline';

describe('API keys on Postgres', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let now: Date;
  let service: ApiKeyService;
  let store: SqlApiKeyStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    // A database migrated before API keys existed, as every deployed service's is…
    const before = createServiceDataSource({ url: database.url, schema: SCHEMA, entities: [], migrations: [platformTablesMigration(auditLogUpSql)] });
    await initialiseServiceDatabase(before, SCHEMA);
    await before.destroy();
    // …gets the table from the separate migration at its next start.
    dataSource = createServiceDataSource({ url: database.url, schema: SCHEMA, entities: [], migrations: [platformTablesMigration(auditLogUpSql), AuditHashChain1764000800000, CreateApiKeys1764000200000] });
    await initialiseServiceDatabase(dataSource, SCHEMA);
    const transactions = new TransactionRunner(dataSource);
    store = new SqlApiKeyStore(SCHEMA, () => transactions.manager);
    now = new Date('2026-05-01T10:00:00.000Z');
    service = new ApiKeyService(store, new SqlAuditTrail(SCHEMA, () => transactions.manager), { now: () => now, cacheTtlMs: 0, touchIntervalMs: 0 });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('adds the api_keys table to a service schema migrated before it existed', async () => {
    const tables = await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`, [SCHEMA]);
    expect(tables.map((row: { table_name: string }) => row.table_name)).toEqual(expect.arrayContaining(['api_keys', 'audit_log', 'outbox']));
  });

  it('creates a key, stores only the hash of its secret, and verifies it', async () => {
    const { key, view } = await service.create({ partnerId: 'example', partnerName: 'Example Inc.', scopes: ['match', 'bank-changes'], rateLimitPerMinute: 120 }, 'admin');
    const [row] = await dataSource.query(`SELECT * FROM "${SCHEMA}".api_keys WHERE key_id = $1`, [view.keyId]);
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(key.slice(21));
    expect(row).toMatchObject({ partner_id: 'example', scopes: ['match', 'bank-changes'], rate_limit_per_minute: 120, created_by: 'admin' });

    expect(await service.verify(key)).toEqual({
      ok: true,
      principal: { keyId: view.keyId, partnerId: 'example', partnerName: 'Example Inc.', scopes: ['match', 'bank-changes'], rateLimitPerMinute: 120 },
    });
    await new Promise((resolve) => setTimeout(resolve, 50)); // the last-use write is not awaited by verify
    expect((await store.find(view.keyId))?.lastUsedAt?.toISOString()).toBe('2026-05-01T10:00:00.000Z');
    const audit = await dataSource.query(`SELECT actor, action FROM "${SCHEMA}".audit_log WHERE resource_type = 'api-key' AND resource_id = $1`, [view.keyId]);
    expect(audit).toEqual([{ actor: 'admin', action: 'create' }]);
  });

  it('refuses a revoked key and records who revoked it', async () => {
    const { key, view } = await service.create({ partnerId: 'revoked', partnerName: 'Revoked Ltd', scopes: ['match'] }, 'admin');
    now = new Date('2026-05-01T11:00:00.000Z');
    expect(await service.revoke(view.keyId, 'security-admin')).toMatchObject({ status: 'revoked', revokedBy: 'security-admin', revokedAt: '2026-05-01T11:00:00.000Z' });
    // A second revocation keeps the first one's record.
    now = new Date('2026-05-01T12:00:00.000Z');
    expect((await service.revoke(view.keyId, 'someone-else')).revokedBy).toBe('security-admin');
    expect(await service.verify(key)).toEqual({ ok: false, reason: 'the API key was revoked at 2026-05-01T11:00:00.000Z' });
    await expect(service.revoke('ffffffffffffffff', 'admin')).rejects.toThrow(/was not found/);
  });

  it('refuses an expired key', async () => {
    now = new Date('2026-05-02T00:00:00.000Z');
    const { key } = await service.create({ partnerId: 'expiring', partnerName: 'Expiring Co', scopes: ['referrals'], expiresAt: new Date('2026-05-03T00:00:00.000Z') }, 'admin');
    expect((await service.verify(key)).ok).toBe(true);
    now = new Date('2026-05-03T00:00:01.000Z');
    expect(await service.verify(key)).toEqual({ ok: false, reason: 'the API key expired at 2026-05-03T00:00:00.000Z' });
    const listed = await service.list();
    expect(listed.find((view) => view.partnerId === 'expiring')?.status).toBe('expired');
    expect(JSON.stringify(listed)).not.toMatch(/secret/i);
  });
});
