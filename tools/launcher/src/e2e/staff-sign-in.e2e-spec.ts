import { hashPassword } from '@vigil/security';
import { createTestDatabase, startTestIdentityProvider, TEST_REDIS_URL, uniqueSuffix, type TestDatabase, type TestIdentityProvider } from '@vigil/test-fixtures';
import { randomBytes, scryptSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'otplib';
import { Client } from 'pg';
import { api, assertBuilt, freePort, PlatformProcess } from './platform-harness';

const CLIENT = { id: 'vigil-tipline', secret: `client-secret-${uniqueSuffix()}` };

/** A staff-file account from before argon2 (scrypt), as older deployments have. */
function scryptHash(password: string): string {
  const salt = randomBytes(16);
  return ['scrypt', 16384, 8, 1, salt.toString('base64'), scryptSync(password, salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64')].join('$');
}

/**
 * Staff sign-in as a production tipline runs it (services mode, no demo users): accounts from
 * VIGIL_STAFF_FILE in the database, TOTP required, lockout, and single sign-on through a test
 * identity provider, all against the compiled service over HTTP.
 */
describe('staff sign-in in services mode', () => {
  jest.setTimeout(180000);
  let database: TestDatabase;
  let idp: TestIdentityProvider;
  let tipline: PlatformProcess;
  let base: string;
  let staffDir: string;

  beforeAll(async () => {
    assertBuilt();
    database = await createTestDatabase('vigil_e2e');
    idp = await startTestIdentityProvider({ clientId: CLIENT.id, clientSecret: CLIENT.secret, user: { sub: 'idp-42', preferred_username: 'someone@example.org', name: 'Sam Example', roles: ['supervisor', 'investigator'] } });
    staffDir = mkdtempSync(join(tmpdir(), 'vigil-staff-'));
    const staffFile = join(staffDir, 'staff.json');
    writeFileSync(
      staffFile,
      JSON.stringify([
        { username: 'first.admin', displayName: 'First Admin', roles: ['admin'], passwordHash: await hashPassword('first admin passphrase') },
        { username: 'legacy', displayName: 'Legacy Analyst', roles: ['analyst'], passwordHash: scryptHash('legacy analyst passphrase') },
      ]),
    );
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    tipline = new PlatformProcess(
      'tipline',
      {
        DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, VIGIL_BUS_PREFIX: `e2e-staff-${uniqueSuffix()}`, JWT_SECRET: randomBytes(32).toString('hex'),
        VIGIL_KEK: randomBytes(32).toString('base64'), VIGIL_DEMO_USERS: '', VIGIL_STAFF_FILE: staffFile, TIPLINE_PORT: String(port),
        STAFF_LOCKOUT_THRESHOLD: '3', STAFF_LOCKOUT_MINUTES: '5',
        OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: CLIENT.id, OIDC_CLIENT_SECRET: CLIENT.secret, OIDC_REDIRECT_URI: `${base}/api/v1/auth/oidc/callback`,
      },
      /listening on/,
    );
    await tipline.start();
  });

  afterAll(async () => {
    await tipline?.stop();
    await idp?.close();
    await database?.drop();
    if (staffDir) rmSync(staffDir, { recursive: true, force: true });
  });

  const login = (body: Record<string, string>) => api<{ accessToken: string; roles: string[]; totpEnrolmentRequired?: boolean; message?: string; field?: string }>(`${base}/api/v1/auth/login`, { method: 'POST', body: JSON.stringify(body) });
  const totp = (secret: string, offsetSeconds = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

  it('requires every account to enrol TOTP before anything else, then signs in with password and code', async () => {
    const first = await login({ username: 'first.admin', password: 'first admin passphrase' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ totpEnrolmentRequired: true, roles: [] });
    expect((await api(`${base}/api/v1/staff-accounts`, { token: first.body.accessToken })).status).toBe(403);

    const enrolment = await api<{ secret: string; otpauthUri: string }>(`${base}/api/v1/auth/totp/enroll`, { method: 'POST', body: '{}', token: first.body.accessToken });
    expect(enrolment.status).toBe(200);
    expect(enrolment.body.otpauthUri).toContain('issuer=Vigil%20tipline');
    const confirmed = await api<{ accessToken: string; roles: string[] }>(`${base}/api/v1/auth/totp/confirm`, { method: 'POST', body: JSON.stringify({ code: await totp(enrolment.body.secret) }), token: first.body.accessToken });
    expect(confirmed.body.roles).toEqual(['admin']);

    const accounts = await api<{ username: string; totp: string; createdBy: string }[]>(`${base}/api/v1/staff-accounts`, { token: confirmed.body.accessToken });
    expect(accounts.body.map((account) => `${account.username}:${account.totp}:${account.createdBy}`)).toEqual(['first.admin:enabled:system', 'legacy:none:system']);

    const missing = await login({ username: 'first.admin', password: 'first admin passphrase' });
    expect(missing.status).toBe(401);
    expect(missing.body.field).toBe('totpCode');
    expect((await login({ username: 'first.admin', password: 'first admin passphrase', totpCode: await totp(enrolment.body.secret, 30) })).status).toBe(200);
  });

  it('rehashes a scrypt password from the staff file to argon2id at its first sign-in', async () => {
    expect((await login({ username: 'legacy', password: 'legacy analyst passphrase' })).status).toBe(200);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT password_hash FROM tipline.staff_accounts WHERE username = 'legacy'`);
      expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    } finally {
      await client.end();
    }
  });

  it('locks an account after 3 wrong passwords, the right one included, and says until when', async () => {
    for (const wrong of ['wrong 1', 'wrong 2']) expect((await login({ username: 'legacy', password: wrong })).body.message).toBe('unknown username or wrong password');
    expect((await login({ username: 'legacy', password: 'wrong 3' })).body.message).toMatch(/locked after repeated failed sign-ins until \d{4}-/);
    const right = await login({ username: 'legacy', password: 'legacy analyst passphrase' });
    expect(right.status).toBe(401);
    expect(right.body.message).toMatch(/locked/);
  });

  it('signs in through the identity provider with the roles its claim grants in the tipline', async () => {
    const start = await fetch(`${base}/api/v1/auth/oidc/login`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0];
    const atProvider = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' });
    const callback = await api<{ accessToken: string; roles: string[] }>(atProvider.headers.get('location') ?? '', { headers: { cookie } });
    expect(callback.status).toBe(200);
    expect(callback.body.roles).toEqual(['supervisor']); // investigator is no tipline role
    expect(idp.tokenRequests).toBe(1);
  });
});
