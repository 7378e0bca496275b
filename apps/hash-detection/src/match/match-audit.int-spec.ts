import { platformTablesMigration } from '@vigil/persistence';
import { AuditHashChain1764000800000, auditLogUpSql, SqlAuditLogReader, SqlAuditTrail, VerifyAuditChainUseCase } from '@vigil/security';
import { migratedTestDatabase, type MigratedTestDatabase } from '@vigil/test-fixtures';
import { MatchAuditLog } from './match-audit';

describe('MatchAuditLog (group commit into audit_log)', () => {
  let db: MigratedTestDatabase;

  beforeAll(async () => {
    db = await migratedTestDatabase({ schema: 'hash_detection', migrations: [platformTablesMigration(auditLogUpSql), AuditHashChain1764000800000] });
  });

  afterAll(async () => {
    await db?.close();
  });

  it('commits every row before its request is answered, many rows per INSERT under load', async () => {
    const log = new MatchAuditLog(db.dataSource, 'hash_detection', 50);
    const query = db.dataSource.query.bind(db.dataSource);

    await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        log.record({ actor: 'partner:p', action: 'view', resourceType: 'match-request', resourceId: `r-${i}`, detail: { hashCount: i } }).then(async () => {
          const rows = await query(`SELECT 1 FROM hash_detection.audit_log WHERE resource_id = $1`, [`r-${i}`]);
          expect(rows).toHaveLength(1);
        }),
      ),
    );
    // Rows written by one INSERT share the transaction id (xmin) that wrote them.
    const batches = await query(`SELECT count(*)::int AS n FROM hash_detection.audit_log GROUP BY xmin::text ORDER BY min(seq)`);
    const inserts = batches.map((batch: { n: number }) => batch.n);
    // The first row goes alone; the rest gather while it is written, at most 50 per statement.
    expect(inserts[0]).toBe(1);
    expect(inserts.reduce((sum: number, n: number) => sum + n, 0)).toBe(120);
    expect(Math.max(...inserts)).toBeLessThanOrEqual(50);
    expect(inserts.length).toBeLessThan(10);
    await log.beforeApplicationShutdown();
    const [{ n }] = await query(`SELECT count(*)::int AS n FROM hash_detection.audit_log WHERE detail->>'hashCount' IS NOT NULL`);
    expect(n).toBe(120);
  });

  it('chains its batches with the rows other writers append meanwhile: the whole log verifies', async () => {
    const log = new MatchAuditLog(db.dataSource, 'hash_detection', 7);
    const trail = new SqlAuditTrail('hash_detection', () => db.dataSource.manager);
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        i % 3 === 0
          ? trail.record({ actor: 'curator', action: 'view', resourceType: 'bank-entry', resourceId: `b-${i}` })
          : log.record({ actor: 'partner:p', action: 'view', resourceType: 'match-request', resourceId: `chained-${i}`, detail: { hashCount: i, matched: [] } }),
      ),
    );
    const result = await new VerifyAuditChainUseCase(new SqlAuditLogReader('hash_detection', () => db.dataSource.manager)).execute();
    expect(result).toEqual({ ok: true, verified: 180 });
  });

  it('fails the requests of a batch that could not be written, and carries on', async () => {
    const log = new MatchAuditLog(db.dataSource, 'no_such_schema');
    await expect(log.record({ actor: 'a', action: 'view', resourceType: 'match-request', resourceId: 'x' })).rejects.toThrow(/no_such_schema/);
  });
});
