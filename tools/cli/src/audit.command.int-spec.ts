import { createServiceDataSource, initialiseServiceDatabase, platformTablesMigration } from '@vigil/persistence';
import { AuditHashChain1764000800000, auditLogUpSql, SqlAuditTrail } from '@vigil/security';
import { createTestDatabase, type TestDatabase } from '@vigil/test-fixtures';
import { PassThrough } from 'node:stream';
import type { DataSource } from 'typeorm';
import { runCli } from './main';

const SCHEMA = 'cli_audit_test';

function captureIo() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { io: { stdout, stderr }, out: () => out, err: () => err };
}

describe('vigil audit verify', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createServiceDataSource({ url: database.url, schema: SCHEMA, entities: [], migrations: [platformTablesMigration(auditLogUpSql), AuditHashChain1764000800000] });
    await initialiseServiceDatabase(dataSource, SCHEMA);
    const trail = new SqlAuditTrail(SCHEMA, () => dataSource.manager);
    for (let i = 0; i < 12; i++) await trail.record({ actor: 'analyst', action: 'view', resourceType: 'report', resourceId: `r-${i}`, detail: { i } });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('prints how many rows it verified and exits 0 on an intact chain', async () => {
    const capture = captureIo();
    expect(await runCli(['audit', 'verify', '--database-url', database.url, '--schema', SCHEMA], capture.io)).toBe(0);
    expect(capture.out()).toBe('12 rows verified\n');
  });

  it('names the first broken seq and why, and exits 1', async () => {
    await dataSource.query(`ALTER TABLE "${SCHEMA}".audit_log DISABLE TRIGGER audit_log_no_update_delete`);
    await dataSource.query(`UPDATE "${SCHEMA}".audit_log SET actor = 'someone-else' WHERE seq = 7`);
    await dataSource.query(`ALTER TABLE "${SCHEMA}".audit_log ENABLE TRIGGER audit_log_no_update_delete`);
    const capture = captureIo();
    expect(await runCli(['audit', 'verify', '--database-url', database.url, '--schema', SCHEMA], capture.io)).toBe(1);
    expect(capture.err()).toMatch(/^chain broken at seq 7 \(hash-mismatch\): .*; 6 rows verified before it\n$/);
  });

  it('refuses a schema name it would have to quote', async () => {
    const capture = captureIo();
    expect(await runCli(['audit', 'verify', '--database-url', database.url, '--schema', 'x"; DROP'], capture.io)).toBe(1);
    expect(capture.err()).toMatch(/--schema must be a plain schema name/);
  });
});
