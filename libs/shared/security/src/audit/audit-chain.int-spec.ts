import { createServiceDataSource, initialiseServiceDatabase, platformTablesMigration, TransactionRunner } from '@vigil/persistence';
import { createTestDatabase, type TestDatabase } from '@vigil/test-fixtures';
import type { DataSource } from 'typeorm';
import { AuditHashChain1764000800000 } from './audit-hash-chain.migration';
import { SqlAuditLogReader } from './audit-log.reader';
import { auditLogUpSql, SqlAuditTrail } from './audit-trail';
import { VerifyAuditChainUseCase } from './verify-audit-chain.use-case';

const SCHEMA = 'audit_chain_test';
const BEFORE_CHAIN = [platformTablesMigration(auditLogUpSql)];
const WITH_CHAIN = [...BEFORE_CHAIN, AuditHashChain1764000800000];

describe('hash-chained audit log (Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  const verify = (pageSize = 7) => new VerifyAuditChainUseCase(new SqlAuditLogReader(SCHEMA, () => dataSource.manager), pageSize).execute();

  beforeAll(async () => {
    database = await createTestDatabase();
    // Rows written before the chain existed, with a gap where a transaction rolled back.
    const before = createServiceDataSource({ url: database.url, schema: SCHEMA, entities: [], migrations: BEFORE_CHAIN });
    await initialiseServiceDatabase(before, SCHEMA);
    for (let i = 0; i < 5; i++) {
      await before.query(`INSERT INTO "${SCHEMA}".audit_log (actor, action, resource_type, resource_id, detail) VALUES ($1, 'view', 'evidence', $2, $3)`, [`old-${i}`, `e-${i}`, JSON.stringify({ z: i, a: [i, { y: 1, b: 2 }] })]);
    }
    await before.query(`DELETE FROM "${SCHEMA}".audit_log WHERE actor = 'old-2'`);
    await before.destroy();
    dataSource = createServiceDataSource({ url: database.url, schema: SCHEMA, entities: [], migrations: WITH_CHAIN, poolSize: 10 });
    await initialiseServiceDatabase(dataSource, SCHEMA);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('backfills existing rows into a chain numbered 1..n in their original order', async () => {
    const rows = await dataSource.query(`SELECT seq::int AS seq, actor FROM "${SCHEMA}".audit_log ORDER BY seq`);
    expect(rows).toEqual([
      { seq: 1, actor: 'old-0' },
      { seq: 2, actor: 'old-1' },
      { seq: 3, actor: 'old-3' },
      { seq: 4, actor: 'old-4' },
    ]);
    expect(await verify()).toEqual({ ok: true, verified: 4 });
  });

  it('keeps one unbroken chain under concurrent appends from 10 connections', async () => {
    const transactions = new TransactionRunner(dataSource);
    const trail = new SqlAuditTrail(SCHEMA, () => transactions.manager);
    // Half inside a business transaction (the row commits with the change), half on their own.
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        i % 2 === 0
          ? transactions.run(() => trail.record({ actor: `staff-${i % 10}`, action: 'view', resourceType: 'report', resourceId: `r-${i}`, detail: { i, nested: { b: 1, a: 2 } } }))
          : trail.record({ actor: `staff-${i % 10}`, action: 'list', resourceType: 'report', resourceId: `r-${i}` }),
      ),
    );
    const [{ n, distinct }] = await dataSource.query(`SELECT count(*)::int AS n, count(DISTINCT prev_hash)::int AS distinct FROM "${SCHEMA}".audit_log`);
    expect(n).toBe(204);
    expect(distinct).toBe(204); // no two rows claim the same predecessor: the chain never forked
    expect(await verify()).toEqual({ ok: true, verified: 204 });
  });

  it('does not leave a gap when the transaction that wrote a row rolls back', async () => {
    const transactions = new TransactionRunner(dataSource);
    const trail = new SqlAuditTrail(SCHEMA, () => transactions.manager);
    await expect(
      transactions.run(async () => {
        await trail.record({ actor: 'a', action: 'change', resourceType: 'report', resourceId: 'rolled-back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await trail.record({ actor: 'a', action: 'change', resourceType: 'report', resourceId: 'kept' });
    expect(await verify()).toEqual({ ok: true, verified: 205 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(dataSource.query(`UPDATE "${SCHEMA}".audit_log SET actor = 'someone-else' WHERE seq = 3`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(dataSource.query(`DELETE FROM "${SCHEMA}".audit_log WHERE seq = 3`)).rejects.toThrow(/append-only: DELETE refused/);
    await expect(dataSource.query(`TRUNCATE "${SCHEMA}".audit_log`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect(await verify()).toEqual({ ok: true, verified: 205 });
  });

  it('detects, at its seq, a row changed or removed by someone who disabled the trigger', async () => {
    const tamper = async (sql: string) => {
      await dataSource.query(`ALTER TABLE "${SCHEMA}".audit_log DISABLE TRIGGER audit_log_no_update_delete`);
      try {
        await dataSource.query(sql);
      } finally {
        await dataSource.query(`ALTER TABLE "${SCHEMA}".audit_log ENABLE TRIGGER audit_log_no_update_delete`);
      }
    };
    await tamper(`UPDATE "${SCHEMA}".audit_log SET detail = '{"i": 999}' WHERE seq = 150`);
    expect(await verify()).toMatchObject({ ok: false, verified: 149, break: { seq: '150', reason: 'hash-mismatch' } });
    await tamper(`DELETE FROM "${SCHEMA}".audit_log WHERE seq = 150`);
    expect(await verify()).toMatchObject({ ok: false, verified: 149, break: { seq: '151', reason: 'gap' } });
  });
});
