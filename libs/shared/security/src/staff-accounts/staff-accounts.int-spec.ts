import { createServiceDataSource, initialiseServiceDatabase, platformTablesMigration, TransactionRunner } from '@vigil/persistence';
import { createTestDatabase, type TestDatabase } from '@vigil/test-fixtures';
import { randomBytes, scryptSync } from 'node:crypto';
import { generate } from 'otplib';
import type { DataSource } from 'typeorm';
import { CreateApiKeys1764000200000 } from '../api-keys/api-keys.migration';
import { AuditHashChain1764000800000 } from '../audit/audit-hash-chain.migration';
import { auditLogUpSql, SqlAuditTrail } from '../audit/audit-trail';
import { DEMO_STAFF, demoStaffAccounts } from '../auth/staff-directory';
import { FieldCipher } from '../encryption/field-cipher';
import { LocalKeyRing } from '../encryption/local-key-ring';
import { SqlStaffAccountStore } from './staff-account.store';
import { StaffAccountAdmin } from './staff-account-admin';
import { StaffAccountDirectory } from './staff-account-directory';
import { CreateStaffAccounts1764001000000 } from './staff-accounts.migration';

const SCHEMA = 'tipline';
const TIPLINE_ROLES = ['analyst', 'supervisor', 'reviewer', 'auditor', 'admin'] as const;

/** The password format of accounts created before argon2. */
function scryptHash(password: string): string {
  const salt = randomBytes(16);
  return ['scrypt', 16384, 8, 1, salt.toString('base64'), scryptSync(password, salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64')].join('$');
}

describe('staff accounts on Postgres', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let now: Date;
  let store: SqlStaffAccountStore;
  let admin: StaffAccountAdmin;
  let audit: SqlAuditTrail;
  const cipher = new FieldCipher(LocalKeyRing.ephemeral());

  const directory = (requireTotp: boolean) =>
    new StaffAccountDirectory(store, { policy: { requireTotp, lockoutThreshold: 3, lockoutMinutes: 15 }, cipher, audit, schema: SCHEMA, issuer: 'Vigil tipline', now: () => now });
  const auditRows = (username: string) =>
    dataSource.query(`SELECT actor, action, detail FROM "${SCHEMA}".audit_log WHERE resource_type = 'staff-account' AND resource_id = $1 ORDER BY seq`, [username]);
  const codeAt = (secret: string, date: Date) => generate({ secret, epoch: Math.floor(date.getTime() / 1000) });
  const later = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));

  beforeAll(async () => {
    database = await createTestDatabase();
    // A schema migrated before staff accounts existed, as every deployed service's is…
    const before = createServiceDataSource({ url: database.url, schema: SCHEMA, entities: [], migrations: [platformTablesMigration(auditLogUpSql), CreateApiKeys1764000200000, AuditHashChain1764000800000] });
    await initialiseServiceDatabase(before, SCHEMA);
    await before.destroy();
    // …gets the table from the separate migration at its next start.
    dataSource = createServiceDataSource({
      url: database.url,
      schema: SCHEMA,
      entities: [],
      migrations: [platformTablesMigration(auditLogUpSql), CreateApiKeys1764000200000, AuditHashChain1764000800000, CreateStaffAccounts1764001000000],
    });
    await initialiseServiceDatabase(dataSource, SCHEMA);
    const transactions = new TransactionRunner(dataSource);
    store = new SqlStaffAccountStore(SCHEMA, () => transactions.manager);
    audit = new SqlAuditTrail(SCHEMA, () => transactions.manager);
    now = new Date('2026-06-01T09:00:00.000Z');
    admin = new StaffAccountAdmin(store, audit, { allowedRoles: TIPLINE_ROLES, now: () => now, inTransaction: (work) => transactions.run(() => work()) });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('seeds the demo users once: a restart adds nothing and keeps an administrator’s changes', async () => {
    expect(await admin.seed(await demoStaffAccounts())).toBe(DEMO_STAFF.length - 2);
    await admin.setRoles('analyst', ['analyst', 'reviewer'], 'admin');
    expect(await admin.seed(await demoStaffAccounts())).toBe(0);
    expect((await store.find('analyst'))?.roles).toEqual(['analyst', 'reviewer']);
    const result = await directory(false).signIn({ username: 'analyst', password: 'vigil-demo-analyst' });
    expect(result).toEqual({ ok: true, user: { username: 'analyst', displayName: 'Demo Analyst', roles: ['analyst', 'reviewer'] }, totpEnrolmentRequired: false });
    expect(await auditRows('analyst')).toEqual([
      { actor: 'system', action: 'create', detail: { roles: ['analyst'], seeded: true } },
      { actor: 'admin', action: 'change', detail: { change: 'roles', roles: ['analyst', 'reviewer'] } },
    ]);
  });

  it('seeds each account with the roles this service grants only, and not at all one it grants none of', async () => {
    const seeded = DEMO_STAFF.filter((user) => user.roles.some((role) => (TIPLINE_ROLES as readonly string[]).includes(role)));
    expect(seeded.map((user) => user.username)).toEqual(['analyst', 'supervisor', 'reviewer', 'auditor', 'admin']);
    await admin.seed(await demoStaffAccounts());
    expect((await store.find('reviewer'))?.roles).toEqual(['reviewer']); // bank-curator is hash detection's
    expect((await store.find('supervisor'))?.roles).toEqual(['analyst', 'supervisor']);
    expect(await store.find('investigator')).toBeUndefined();
    expect(await store.find('victimid')).toBeUndefined();
    expect((await admin.list('admin')).map((account) => account.username).sort()).toEqual(seeded.map((user) => user.username).sort());
  });

  it('creates accounts with argon2id hashes, refuses duplicates and roles this service does not grant, and never shows the hash', async () => {
    const view = await admin.create({ username: 'someone@example.org', displayName: 'Sam Example', roles: ['supervisor'], password: 'a long enough passphrase' }, 'admin');
    expect(view).toMatchObject({ username: 'someone@example.org', roles: ['supervisor'], status: 'active', totp: 'none', createdBy: 'admin' });
    const [row] = await dataSource.query(`SELECT password_hash FROM "${SCHEMA}".staff_accounts WHERE username = $1`, ['someone@example.org']);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    await expect(admin.create({ username: 'someone@example.org', displayName: 'Again', roles: ['analyst'], password: 'a long enough passphrase' }, 'admin')).rejects.toMatchObject({ kind: 'conflict', field: 'username' });
    await expect(admin.create({ username: 'other', displayName: 'Other', roles: ['investigator'], password: 'a long enough passphrase' }, 'admin')).rejects.toThrow(/roles: investigator is not a role of this service/);
    await expect(admin.create({ username: 'other', displayName: 'Other', roles: ['analyst'], password: 'short' }, 'admin')).rejects.toMatchObject({ kind: 'validation', field: 'password' });
    expect(await store.find('other')).toBeUndefined();
    expect(JSON.stringify(await admin.list('admin'))).not.toMatch(/argon2|password/);
  });

  it('upgrades a scrypt hash to argon2id at the first good sign-in, and not at a wrong one', async () => {
    await admin.seed([{ username: 'legacy', displayName: 'Legacy Account', roles: ['analyst'], passwordHash: scryptHash('the old passphrase') }]);
    expect((await directory(false).signIn({ username: 'legacy', password: 'not the passphrase' })).ok).toBe(false);
    expect((await store.find('legacy'))?.passwordHash).toMatch(/^scrypt\$/);
    expect((await directory(false).signIn({ username: 'legacy', password: 'the old passphrase' })).ok).toBe(true);
    const upgraded = (await store.find('legacy'))?.passwordHash;
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await directory(false).signIn({ username: 'legacy', password: 'the old passphrase' })).ok).toBe(true);
    expect((await store.find('legacy'))?.passwordHash).toBe(upgraded);
  });

  it('locks an account after 3 consecutive failures for 15 minutes, even against the right password; an administrator can lift it', async () => {
    await admin.create({ username: 'guessed', displayName: 'Guessed', roles: ['analyst'], password: 'the real passphrase' }, 'admin');
    const signIn = (password: string) => directory(false).signIn({ username: 'guessed', password });
    expect(await signIn('wrong one')).toEqual({ ok: false, failure: 'credentials' });
    expect((await signIn('the real passphrase')).ok).toBe(true); // a success resets the count
    expect(await signIn('wrong one')).toEqual({ ok: false, failure: 'credentials' });
    expect(await signIn('wrong two')).toEqual({ ok: false, failure: 'credentials' });
    const lockedUntil = new Date(now.getTime() + 15 * 60_000);
    expect(await signIn('wrong three')).toEqual({ ok: false, failure: 'locked', lockedUntil });
    expect(await signIn('the real passphrase')).toEqual({ ok: false, failure: 'locked', lockedUntil });
    expect((await admin.list('admin')).find((account) => account.username === 'guessed')).toMatchObject({ status: 'locked', lockedUntil: lockedUntil.toISOString() });
    later(15 * 60);
    expect((await signIn('the real passphrase')).ok).toBe(true);

    for (const wrong of ['a', 'b', 'c']) await signIn(wrong);
    expect((await signIn('the real passphrase')).ok).toBe(false);
    await admin.enable('guessed', 'admin');
    expect((await signIn('the real passphrase')).ok).toBe(true);
    expect((await auditRows('guessed')).map((row: { detail: { change?: string } }) => row.detail.change)).toEqual([undefined, 'locked', 'locked', 'enabled']);
    // Every attempt is in the audit log with its outcome, the refused ones too; never the password.
    const attempts = await dataSource.query(`SELECT actor, action, detail FROM "${SCHEMA}".audit_log WHERE resource_type = 'staff-sign-in' AND resource_id = 'guessed' ORDER BY seq`);
    expect(attempts.map((row: { detail: { outcome: string } }) => row.detail.outcome)).toEqual([
      'credentials', 'ok', 'credentials', 'credentials', 'locked', 'locked', 'ok', 'credentials', 'credentials', 'locked', 'locked', 'ok',
    ]);
    expect(attempts.every((row: { actor: string; action: string }) => row.actor === 'guessed' && row.action === 'sign-in')).toBe(true);
    expect(JSON.stringify(attempts)).not.toContain('real passphrase');
  });

  it('counts concurrent guesses atomically', async () => {
    await admin.create({ username: 'raced', displayName: 'Raced', roles: ['analyst'], password: 'the real passphrase' }, 'admin');
    const results = await Promise.all(['1', '2', '3', '4', '5', '6'].map((guess) => directory(false).signIn({ username: 'raced', password: `wrong ${guess}` })));
    expect(results.filter((result) => !result.ok && result.failure === 'locked').length).toBeGreaterThanOrEqual(1);
    expect((await store.find('raced'))?.lockedUntil).toBeDefined();
  });

  it('answers an unknown user and a disabled account exactly like a wrong password', async () => {
    expect(await directory(false).signIn({ username: 'nobody', password: 'whatever it is' })).toEqual({ ok: false, failure: 'credentials' });
    await admin.create({ username: 'leaver', displayName: 'Leaver', roles: ['analyst'], password: 'the real passphrase' }, 'admin');
    await admin.disable('leaver', 'admin');
    expect(await directory(false).signIn({ username: 'leaver', password: 'the real passphrase' })).toEqual({ ok: false, failure: 'credentials' });
    await expect(admin.disable('admin', 'admin')).rejects.toThrow(/cannot disable their own account/);
    await expect(admin.setRoles('admin', ['supervisor'], 'admin')).rejects.toMatchObject({ kind: 'validation', field: 'roles', message: expect.stringMatching(/cannot remove their own admin role/) });
    expect((await store.find('admin'))?.roles).toEqual(['admin']);
    expect((await admin.setRoles('admin', ['admin', 'auditor'], 'admin')).roles).toEqual(['admin', 'auditor']);
    await expect(admin.resetTotp('nobody', 'admin')).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('enrols TOTP: required-but-not-enrolled signs in for enrolment only, the secret is sealed, and a used code is refused', async () => {
    await admin.create({ username: 'second', displayName: 'Second Factor', roles: ['analyst'], password: 'the real passphrase' }, 'admin');
    const strict = directory(true);
    expect(await strict.signIn({ username: 'second', password: 'the real passphrase' })).toMatchObject({ ok: true, totpEnrolmentRequired: true });

    const { secret, otpauthUri } = await strict.begin('second');
    expect(otpauthUri).toContain(`secret=${secret}`);
    const [row] = await dataSource.query(`SELECT totp_secret FROM "${SCHEMA}".staff_accounts WHERE username = 'second'`);
    expect(Buffer.isBuffer(row.totp_secret)).toBe(true);
    expect(row.totp_secret.toString('latin1')).not.toContain(secret);

    expect(await strict.confirm('second', (await codeAt(secret, new Date(now.getTime() + 120_000))))).toBeUndefined();
    const enrolCode = await codeAt(secret, now);
    expect(await strict.confirm('second', enrolCode)).toEqual({ username: 'second', displayName: 'Second Factor', roles: ['analyst'] });
    await expect(strict.begin('second')).rejects.toMatchObject({ kind: 'conflict' });

    expect(await strict.signIn({ username: 'second', password: 'the real passphrase' })).toEqual({ ok: false, failure: 'totp-missing' });
    expect(await strict.signIn({ username: 'second', password: 'the real passphrase', totpCode: enrolCode })).toEqual({ ok: false, failure: 'totp-invalid' });
    later(30);
    const code = await codeAt(secret, now);
    expect(await strict.signIn({ username: 'second', password: 'the real passphrase', totpCode: code })).toMatchObject({ ok: true, totpEnrolmentRequired: false });
    expect(await strict.signIn({ username: 'second', password: 'the real passphrase', totpCode: code })).toEqual({ ok: false, failure: 'totp-invalid' });
    expect(await strict.signIn({ username: 'second', password: 'wrong passphrase', totpCode: code })).toEqual({ ok: false, failure: 'credentials' });

    await admin.resetTotp('second', 'admin');
    expect(await strict.signIn({ username: 'second', password: 'the real passphrase' })).toMatchObject({ ok: true, totpEnrolmentRequired: true });
    expect((await auditRows('second')).map((entry: { actor: string; detail: { change?: string } }) => `${entry.actor}:${entry.detail.change ?? 'create'}`)).toEqual([
      'admin:create',
      'second:totp-enrolment-started',
      'second:totp-enabled',
      'admin:totp-reset',
    ]);
  });
});
