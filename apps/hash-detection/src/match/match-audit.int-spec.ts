import { platformTablesMigration } from '@vigil/persistence';
import { auditLogUpSql } from '@vigil/security';
import { migratedTestDatabase, type MigratedTestDatabase } from '@vigil/test-fixtures';
import { MatchAuditLog } from './match-audit';

describe('MatchAuditLog (group commit into audit_log)', () => {
  let db: MigratedTestDatabase;

  beforeAll(async () => {
    db = await migratedTestDatabase({ schema: 'hash_detection', migrations: [platformTablesMigration(auditLogUpSql)] });
  });

  afterAll(async () => {
    await db?.close();
  });

  it('commits every row before its request is answered, many rows per INSERT under load', async () => {
    const log = new MatchAuditLog(db.dataSource, 'hash_detection', 50);
    const inserts: number[] = [];
    const query = db.dataSource.query.bind(db.dataSource);
    db.dataSource.query = (async (sql: string, parameters?: unknown[]) => {
      if (sql.includes('audit_log')) inserts.push((parameters?.[0] as unknown[]).length);
      return query(sql, parameters);
    }) as typeof db.dataSource.query;

    await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        log.record({ actor: 'partner:p', action: 'view', resourceType: 'match-request', resourceId: `r-${i}`, detail: { hashCount: i } }).then(async () => {
          const rows = await query(`SELECT 1 FROM hash_detection.audit_log WHERE resource_id = $1`, [`r-${i}`]);
          expect(rows).toHaveLength(1);
        }),
      ),
    );
    // The first row goes alone; the rest gather while it is written, at most 50 per statement.
    expect(inserts[0]).toBe(1);
    expect(inserts.reduce((sum, n) => sum + n, 0)).toBe(120);
    expect(Math.max(...inserts)).toBeLessThanOrEqual(50);
    expect(inserts.length).toBeLessThan(10);
    await log.beforeApplicationShutdown();
    const [{ n }] = await query(`SELECT count(*)::int AS n FROM hash_detection.audit_log WHERE detail->>'hashCount' IS NOT NULL`);
    expect(n).toBe(120);
  });

  it('fails the requests of a batch that could not be written, and carries on', async () => {
    const log = new MatchAuditLog(db.dataSource, 'no_such_schema');
    await expect(log.record({ actor: 'a', action: 'view', resourceType: 'match-request', resourceId: 'x' })).rejects.toThrow(/no_such_schema/);
  });
});
