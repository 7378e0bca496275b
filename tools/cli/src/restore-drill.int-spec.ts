import { createServiceDataSource, initialiseServiceDatabase, platformTablesMigration, TransactionRunner } from '@vigil/persistence';
import { AuditHashChain1764000800000, auditLogUpSql, FieldCipher, readKeyFile, SqlAuditTrail } from '@vigil/security';
import { CreateIdentifiedVictims1764000900001, recordIdentification, SealIdentifiedVictimRecords1764310000001, TypeOrmVictimRepository } from '@vigil/victim-identification';
import { createTestDatabase, type TestDatabase } from '@vigil/test-fixtures';
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';

const REPO = resolve(__dirname, '..', '..', '..');
const OPS = join(REPO, 'tools', 'ops');

/**
 * tools/ops/backup.sh and restore-drill.sh against a real database with audited rows. The drill
 * verifies the chains with the compiled CLI (dist/, as an operator would run it).
 */
describe('backup and restore drill (real Postgres, pg_dump/pg_restore)', () => {
  let database: TestDatabase;
  const dataSources: DataSource[] = [];
  let work: string;
  let backupDir: string;

  function run(script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
    const result = spawnSync('bash', [join(OPS, script), ...args], { cwd: REPO, env: { ...process.env, DATABASE_URL: database.url, ...env }, encoding: 'utf8', timeout: 120_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  async function drillDatabasesLeft(): Promise<string[]> {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(`SELECT datname FROM pg_database WHERE datname LIKE 'vigil_restore_drill_%'`)).rows.map((row: { datname: string }) => row.datname);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    if (!existsSync(join(REPO, 'dist', 'tools', 'cli', 'src', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` before this test (npm test does it)');
    database = await createTestDatabase('vigil_backup');
    work = mkdtempSync(join(tmpdir(), 'vigil-backup-'));
    writeFileSync(join(work, 'kek'), `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    writeFileSync(join(work, 'other-kek'), `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    for (const [schema, rows] of [['tipline', 5], ['referral_hub', 3]] as const) {
      const victims = schema === 'referral_hub' ? [CreateIdentifiedVictims1764000900001, SealIdentifiedVictimRecords1764310000001] : [];
      const dataSource = createServiceDataSource({ url: database.url, schema, entities: [], migrations: [platformTablesMigration(auditLogUpSql), AuditHashChain1764000800000, ...victims] });
      await initialiseServiceDatabase(dataSource, schema);
      dataSources.push(dataSource);
      const trail = new SqlAuditTrail(schema, () => dataSource.manager);
      for (let i = 0; i < rows; i++) await trail.record({ actor: 'analyst.synthetic', action: 'view', resourceType: 'report', resourceId: `synthetic-${i}`, detail: { i } });
      if (schema === 'referral_hub') {
        // Two victim records sealed under the key that goes into the backup.
        const repository = new TypeOrmVictimRepository(new TransactionRunner(dataSource), schema, new FieldCipher(readKeyFile(join(work, 'kek'))));
        const reference = { isPoliceService: () => true, isProvince: () => true };
        for (const pseudonym of ['VIC-BACKUP1', 'VIC-BACKUP2']) {
          await repository.add(recordIdentification({ id: randomUUID(), pseudonym, ageBand: '12-14', gender: 'girl', province: 'MB', identifiedOn: '2026-11-01', identifyingAgency: 'manitoba-ice' }, { by: 'victimid', at: new Date('2026-11-23T12:00:00Z'), reference }), []);
        }
      }
    }
  });

  afterAll(async () => {
    for (const dataSource of dataSources) await dataSource.destroy();
    await database?.drop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('backs up the database and the key file with checksums, readable by the owner only', () => {
    const result = run('backup.sh', ['--out', join(work, 'backups')], { VIGIL_KEK_FILE: join(work, 'kek') });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    backupDir = result.stdout.trim().split('\n').pop()!;
    expect(readFileSync(join(backupDir, 'SHA256SUMS'), 'utf8')).toMatch(/^[0-9a-f]{64}  vigil\.dump\n[0-9a-f]{64}  kek\n$/);
    expect(readFileSync(join(backupDir, 'kek'), 'utf8')).toBe(readFileSync(join(work, 'kek'), 'utf8'));
    for (const file of ['vigil.dump', 'kek', 'SHA256SUMS']) expect(statSync(join(backupDir, file)).mode & 0o077).toBe(0);
  });

  it('refuses to back up without a key unless told the key is kept elsewhere', () => {
    const result = run('backup.sh', ['--out', join(work, 'no-key')], { VIGIL_KEK_FILE: join(work, 'missing-kek') });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no key file at .*missing-kek/);
  });

  it('restores into a scratch database, verifies every audit chain there, prints counts, and drops the scratch database', async () => {
    const result = run('restore-drill.sh', [backupDir]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/audit chain referral_hub: 3 rows verified/);
    expect(result.stdout).toMatch(/audit chain tipline: 5 rows verified/);
    expect(result.stdout).toMatch(/tipline\.audit_log\s+5\n/);
    expect(result.stdout).toMatch(/referral_hub\.identified_victims\.record_sealed: 2 of 2 sealed values open \(kek-[0-9a-f]{16}: 2\)/);
    expect(result.stdout).toMatch(/restore drill passed: 2 audit chains verified in the restored copy; the key opens every sealed value/);
    expect(await drillDatabasesLeft()).toEqual([]);
  });

  it('fails when an audit row of the restored copy was changed', async () => {
    const result = run('restore-drill.sh', ['--tamper-audit-row', backupDir]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/audit chain referral_hub: chain broken at seq 3 \(hash-mismatch\)/);
    expect(result.stderr).toMatch(/FAILED: 1 of 2 audit chains do not verify in the restored copy/);
    expect(await drillDatabasesLeft()).toEqual([]);
  });

  it('fails when the backed-up key does not open the sealed values', async () => {
    const backup = run('backup.sh', ['--out', join(work, 'wrong-key')], { VIGIL_KEK_FILE: join(work, 'other-kek') });
    expect(backup.status).toBe(0);
    const result = run('restore-drill.sh', [backup.stdout.trim().split('\n').pop()!]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/record_sealed: 0 of 2 sealed values open/);
    expect(result.stderr).toMatch(/FAILED: the key does not open every sealed value in the restored copy/);
    expect(await drillDatabasesLeft()).toEqual([]);
  });

  it('fails on a damaged backup before restoring anything', async () => {
    const damaged = join(work, 'damaged');
    cpSync(backupDir, damaged, { recursive: true });
    const dump = readFileSync(join(damaged, 'vigil.dump'));
    dump[Math.floor(dump.length / 2)] ^= 0xff;
    writeFileSync(join(damaged, 'vigil.dump'), dump);
    const result = run('restore-drill.sh', [damaged]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/checksum mismatch/);
    expect(result.stdout).not.toMatch(/restoring/);
  });
});
