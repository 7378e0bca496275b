import { Controller, Get, Module, ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { createServiceDataSource, initialiseServiceDatabase, platformTablesMigration, TransactionRunner } from '@vigil/persistence';
import { createTestDatabase, startTestIdentityProvider, type TestDatabase, type TestIdentityProvider } from '@vigil/test-fixtures';
import { createServer } from 'node:net';
import { generate } from 'otplib';
import type { DataSource } from 'typeorm';
import { AuditHashChain1764000800000 } from '../audit/audit-hash-chain.migration';
import { auditLogUpSql, SqlAuditTrail } from '../audit/audit-trail';
import { FieldCipher } from '../encryption/field-cipher';
import { LocalKeyRing } from '../encryption/local-key-ring';
import { SqlStaffAccountStore } from '../staff-accounts/staff-account.store';
import { StaffAccountAdmin } from '../staff-accounts/staff-account-admin';
import { StaffAccountDirectory } from '../staff-accounts/staff-account-directory';
import { CreateStaffAccounts1764001000000 } from '../staff-accounts/staff-accounts.migration';
import { CurrentUser, Roles } from './auth.decorators';
import { hashPassword } from './password';
import { oidcSettingsFromEnv } from './oidc/oidc.config';
import { OidcSignIn } from './oidc/oidc-sign-in';
import { SecurityModule } from './security.module';
import type { StaffUser } from './staff-directory';

const SCHEMA = 'staff_sign_in_test';
const ROLES = ['analyst', 'supervisor', 'reviewer', 'auditor', 'admin'] as const;
const CLIENT = { id: 'vigil-tipline', secret: 'test-client-secret-for-the-test-provider' };

@Controller('api/v1/whoami')
class WhoAmIController {
  @Get()
  @Roles('analyst')
  whoami(@CurrentUser() user: StaffUser): StaffUser {
    return user;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Staff sign-in over real HTTP: passwords with TOTP against Postgres, and single sign-on against a test identity provider. */
describe('staff sign-in over HTTP', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let app: INestApplication;
  let idp: TestIdentityProvider;
  let base: string;
  let staffAccounts: StaffAccountAdmin;
  let directory: StaffAccountDirectory;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createServiceDataSource({ url: database.url, schema: SCHEMA, entities: [], migrations: [platformTablesMigration(auditLogUpSql), AuditHashChain1764000800000, CreateStaffAccounts1764001000000] });
    await initialiseServiceDatabase(dataSource, SCHEMA);
    const transactions = new TransactionRunner(dataSource);
    const store = new SqlStaffAccountStore(SCHEMA, () => transactions.manager);
    const audit = new SqlAuditTrail(SCHEMA, () => transactions.manager);
    staffAccounts = new StaffAccountAdmin(store, audit, { allowedRoles: ROLES });
    await staffAccounts.seed([
      { username: 'admin', displayName: 'Test Admin', roles: ['admin'], passwordHash: await hashPassword('admin passphrase 1') },
      { username: 'analyst', displayName: 'Test Analyst', roles: ['analyst'], passwordHash: await hashPassword('analyst passphrase 1') },
    ]);
    directory = new StaffAccountDirectory(store, {
      policy: { requireTotp: true, lockoutThreshold: 5, lockoutMinutes: 15 },
      cipher: new FieldCipher(LocalKeyRing.ephemeral()),
      audit,
      schema: SCHEMA,
      issuer: 'Vigil test',
      allowedRoles: ROLES,
    });

    idp = await startTestIdentityProvider({ clientId: CLIENT.id, clientSecret: CLIENT.secret, user: { sub: 'idp-0001', preferred_username: 'someone@example.org', name: 'Sam Example', roles: ['analyst', 'investigator', 'domain-users'] } });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const oidcSettings = oidcSettingsFromEnv({ OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: CLIENT.id, OIDC_CLIENT_SECRET: CLIENT.secret, OIDC_REDIRECT_URI: `${base}/api/v1/auth/oidc/callback` });

    @Module({
      imports: [SecurityModule.register({ jwtSecret: 'test-secret-test-secret-test-secret', staffDirectory: directory, staffAccounts, oidc: new OidcSignIn(oidcSettings!, ROLES) })],
      controllers: [WhoAmIController],
    })
    class TestRootModule {}

    app = await NestFactory.create(TestRootModule, { logger: false });
    app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
    await app.listen(port, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await idp?.close();
    await dataSource?.destroy();
    await database?.drop();
  });

  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  const get = (path: string, token: string) => fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const code = (secret: string, offsetSeconds = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

  /** Signs in, enrols the authenticator and returns the full token and the secret. */
  async function enrol(username: string, password: string): Promise<{ token: string; secret: string }> {
    const login = await post('/api/v1/auth/login', { username, password });
    const enrolment = (await login.json()) as { accessToken: string; totpEnrolmentRequired?: boolean; roles: string[] };
    expect(enrolment).toMatchObject({ totpEnrolmentRequired: true, roles: [] });
    const started = await post('/api/v1/auth/totp/enroll', {}, enrolment.accessToken);
    expect(started.status).toBe(200);
    const { secret, otpauthUri } = (await started.json()) as { secret: string; otpauthUri: string };
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    const confirmed = await post('/api/v1/auth/totp/confirm', { code: await code(secret) }, enrolment.accessToken);
    expect(confirmed.status).toBe(200);
    return { token: ((await confirmed.json()) as { accessToken: string }).accessToken, secret };
  }

  it('gives an account that must enrol TOTP a token good for enrolment only, then a full one', async () => {
    const login = await post('/api/v1/auth/login', { username: 'analyst', password: 'analyst passphrase 1' });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const refused = await get('/api/v1/whoami', accessToken);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toMatch(/must enrol an authenticator app first/);
    const wrongCode = await post('/api/v1/auth/totp/confirm', { code: 'abc' }, accessToken);
    expect(wrongCode.status).toBe(400);
    expect(JSON.stringify(await wrongCode.json())).toContain('code must be the 6 digits');

    const { token, secret } = await enrol('analyst', 'analyst passphrase 1');
    expect(await (await get('/api/v1/whoami', token)).json()).toEqual({ username: 'analyst', displayName: 'Test Analyst', roles: ['analyst'] });

    const withoutCode = await post('/api/v1/auth/login', { username: 'analyst', password: 'analyst passphrase 1' });
    expect(withoutCode.status).toBe(401);
    expect(await withoutCode.json()).toMatchObject({ field: 'totpCode', message: expect.stringMatching(/^totpCode: /) });
    const nextCode = await code(secret, 30);
    const withCode = await post('/api/v1/auth/login', { username: 'analyst', password: 'analyst passphrase 1', totpCode: nextCode });
    expect(withCode.status).toBe(200);
    const replayed = await post('/api/v1/auth/login', { username: 'analyst', password: 'analyst passphrase 1', totpCode: nextCode });
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toMatchObject({ field: 'totpCode', message: 'totpCode: the code is wrong, expired or already used' });
  });

  it('lets an administrator manage accounts over the API, refusing bad input with the field named', async () => {
    const { token } = await enrol('admin', 'admin passphrase 1');
    // The roles the account forms may offer: this service's, not every staff role.
    const roles = await get('/api/v1/staff-accounts/roles', token);
    expect(roles.status).toBe(200);
    expect(await roles.json()).toEqual({ roles: [...ROLES] });
    const created = await post('/api/v1/staff-accounts', { username: 'new.analyst', displayName: 'New Analyst', roles: ['analyst'], password: 'a first passphrase' }, token);
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ username: 'new.analyst', roles: ['analyst'], status: 'active', totp: 'none' });

    const badRole = await post('/api/v1/staff-accounts', { username: 'x', displayName: 'X', roles: ['wizard'], password: 'a first passphrase' }, token);
    expect(badRole.status).toBe(400);
    expect(JSON.stringify(await badRole.json())).toContain('each role must be one of');
    const shortPassword = await post('/api/v1/staff-accounts', { username: 'x', displayName: 'X', roles: ['analyst'], password: 'short' }, token);
    expect(shortPassword.status).toBe(400);
    expect(JSON.stringify(await shortPassword.json())).toContain('password must be at least 12 characters');

    const analystToken = ((await (await post('/api/v1/auth/login', { username: 'new.analyst', password: 'a first passphrase' })).json()) as { accessToken: string }).accessToken;
    expect((await get('/api/v1/staff-accounts', analystToken)).status).toBe(403);
    const disabled = await post('/api/v1/staff-accounts/new.analyst/disable', {}, token);
    expect(await disabled.json()).toMatchObject({ status: 'disabled' });
    expect((await post('/api/v1/auth/login', { username: 'new.analyst', password: 'a first passphrase' })).status).toBe(401);
    const listed = (await (await get('/api/v1/staff-accounts', token)).json()) as { username: string; totp: string }[];
    expect(listed.map((account) => `${account.username}:${account.totp}`)).toEqual(['admin:enabled', 'analyst:enabled', 'new.analyst:none']);
  });

  it('stops a disabled account’s tokens at once, and lets them work again when it is re-enabled', async () => {
    // The administrator's API for this is tested above; here the accounts are changed directly.
    await staffAccounts.create({ username: 'leaver', displayName: 'Leaver', roles: ['analyst'], password: 'a leaver passphrase' }, 'admin');
    const { token } = await enrol('leaver', 'a leaver passphrase');
    expect((await get('/api/v1/whoami', token)).status).toBe(200);

    await staffAccounts.disable('leaver', 'admin');
    const refused = await get('/api/v1/whoami', token);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { message: string }).message).toBe('this account has been disabled; its tokens no longer work');

    await staffAccounts.enable('leaver', 'admin');
    expect((await get('/api/v1/whoami', token)).status).toBe(200);
  });

  it('applies a change of roles to the next request of tokens already issued, not at their next sign-in', async () => {
    await staffAccounts.create({ username: 'mover', displayName: 'Mover', roles: ['analyst'], password: 'a mover passphrase' }, 'admin');
    const { token } = await enrol('mover', 'a mover passphrase');
    expect((await get('/api/v1/staff-accounts', token)).status).toBe(403);
    const rolesRefused = await get('/api/v1/staff-accounts/roles', token);
    expect(rolesRefused.status).toBe(403);
    expect(((await rolesRefused.json()) as { message: string }).message).toBe('this action needs one of the roles: admin');

    await staffAccounts.setRoles('mover', ['admin'], 'admin');
    expect((await get('/api/v1/staff-accounts', token)).status).toBe(200);
    expect((await get('/api/v1/staff-accounts/roles', token)).status).toBe(200);

    await staffAccounts.setRoles('mover', ['analyst'], 'admin');
    const revoked = await get('/api/v1/staff-accounts', token);
    expect(revoked.status).toBe(403);
    expect(((await revoked.json()) as { message: string }).message).toBe('this action needs one of the roles: admin');
  });

  it('refuses another service’s token for a local account this service does not hold, and records a single sign-on user arriving with one', async () => {
    // Tokens are signed with the secret every service shares: these stand for ones another service issued.
    const elsewhere = new JwtService({ secret: 'test-secret-test-secret-test-secret' });
    const local = await elsewhere.signAsync({ sub: 'only.in.the.hub', name: 'Hub Analyst', roles: ['analyst', 'admin'] });
    const refused = await get('/api/v1/whoami', local);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { message: string }).message).toBe('this account has no staff account in this service: an administrator of this service must create it');

    // A reviewer signed in through the provider at hash detection, whose token fetches evidence here.
    const sso = await elsewhere.signAsync({ sub: 'oidc:visitor@example.org', name: 'Visiting Reviewer', roles: ['reviewer', 'analyst', 'bank-curator'] });
    const accepted = await get('/api/v1/whoami', sso);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ username: 'oidc:visitor@example.org', displayName: 'Visiting Reviewer', roles: ['reviewer', 'analyst'] });
    const recorded = (await staffAccounts.list('admin')).find((account) => account.username === 'oidc:visitor@example.org');
    expect(recorded).toMatchObject({ roles: ['reviewer', 'analyst'], signIn: 'single-sign-on', status: 'active', createdBy: 'single sign-on' });
    expect(recorded?.lastSignInAt).toBeUndefined();

    // Recorded, the user can be disabled here, whatever another service thinks of them.
    await staffAccounts.disable('oidc:visitor@example.org', 'admin');
    const disabled = await get('/api/v1/whoami', sso);
    expect(disabled.status).toBe(401);
    expect(((await disabled.json()) as { message: string }).message).toBe('this account has been disabled; its tokens no longer work');

    // A token granting no role of this service records nobody.
    const curator = await elsewhere.signAsync({ sub: 'oidc:curator@example.org', name: 'Curator', roles: ['bank-curator'] });
    expect((await get('/api/v1/whoami', curator)).status).toBe(401);
    expect((await staffAccounts.list('admin')).map((account) => account.username)).not.toContain('oidc:curator@example.org');
  });

  describe('single sign-on (OpenID Connect)', () => {
    /** The browser's part: start, follow the provider's redirect, return to the callback with the cookie. */
    async function signInThroughProvider(): Promise<{ callback: string; cookie: string }> {
      const start = await fetch(`${base}/api/v1/auth/oidc/login`, { redirect: 'manual' });
      expect(start.status).toBe(302);
      const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0];
      expect(start.headers.get('set-cookie')).toMatch(/^vigil_oidc=[^;]+; Path=\/api\/v1\/auth\/oidc; Max-Age=600; HttpOnly; SameSite=Lax$/);
      const authorize = start.headers.get('location') ?? '';
      expect(authorize.startsWith(`${idp.issuer}/authorize?`)).toBe(true);
      const atProvider = await fetch(authorize, { redirect: 'manual' });
      expect(atProvider.status).toBe(302);
      return { callback: atProvider.headers.get('location') ?? '', cookie };
    }

    it('signs in with the authorization code flow (PKCE, state, nonce) and grants only the allowed roles of the claim', async () => {
      const { callback, cookie } = await signInThroughProvider();
      const request = idp.authorizationRequests.at(-1)?.query;
      expect(request).toMatchObject({ client_id: CLIENT.id, response_type: 'code', code_challenge_method: 'S256', redirect_uri: `${base}/api/v1/auth/oidc/callback` });
      expect(request?.state).toMatch(/^[\w-]{20,}$/);
      expect(request?.nonce).toMatch(/^[\w-]{20,}$/);

      const answer = await fetch(callback, { headers: { cookie } });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('set-cookie')).toMatch(/^vigil_oidc=; .*Max-Age=0/);
      const body = (await answer.json()) as { accessToken: string; roles: string[] };
      expect(body.roles).toEqual(['analyst']);
      expect(await (await get('/api/v1/whoami', body.accessToken)).json()).toEqual({ username: 'oidc:someone@example.org', displayName: 'Sam Example', roles: ['analyst'] });

      const replay = await fetch(callback, { headers: { cookie } });
      expect(replay.status).toBe(401);
      expect(((await replay.json()) as { message: string }).message).toMatch(/sign-in with the identity provider failed: .*invalid_grant/);
    });

    it('refuses a callback without its cookie, with a changed state, or with an ID token of another nonce', async () => {
      const { callback } = await signInThroughProvider();
      const noCookie = await fetch(callback);
      expect(noCookie.status).toBe(400);
      expect(((await noCookie.json()) as { message: string }).message).toMatch(/sign-in cookie \(vigil_oidc\) is missing/);

      const second = await signInThroughProvider();
      const tampered = new URL(second.callback);
      tampered.searchParams.set('state', 'not-the-state-we-sent');
      expect((await fetch(tampered, { headers: { cookie: second.cookie } })).status).toBe(401);

      const third = await signInThroughProvider();
      idp.forgeNextNonce('a-nonce-from-another-sign-in');
      const forged = await fetch(third.callback, { headers: { cookie: third.cookie } });
      expect(forged.status).toBe(401);
      expect(((await forged.json()) as { message: string }).message).toMatch(/unexpected ID Token "nonce" claim value/);

      const staffToken = await fetch(callback, { headers: { cookie: `vigil_oidc=${'x'.repeat(40)}` } });
      expect(staffToken.status).toBe(400);
    });

    it('records a single sign-on user at the first sign-in, takes the provider’s roles at each one, and lets an administrator disable them here', async () => {
      const username = 'oidc:sso.user@example.org';
      const signIn = async (roles: string[]) => {
        idp.signInAs({ sub: 'idp-0003', preferred_username: 'sso.user@example.org', name: 'Sso User', roles });
        const { callback, cookie } = await signInThroughProvider();
        return fetch(callback, { headers: { cookie } });
      };
      const first = await signIn(['analyst']);
      expect(first.status).toBe(200);
      const { accessToken } = (await first.json()) as { accessToken: string };
      const account = (await staffAccounts.list('admin')).find((listed) => listed.username === username);
      expect(account).toMatchObject({ displayName: 'Sso User', roles: ['analyst'], status: 'active', signIn: 'single-sign-on', totp: 'none', createdBy: 'single sign-on' });
      expect(account?.lastSignInAt).toEqual(expect.any(String));

      // No password works for it, and wrong ones do not lock it.
      for (let attempt = 0; attempt < 6; attempt++) expect((await post('/api/v1/auth/login', { username, password: 'any password at all' })).status).toBe(401);
      expect((await signIn(['analyst'])).status).toBe(200);
      await expect(staffAccounts.resetPassword(username, 'a new passphrase here', 'admin')).rejects.toThrow(`username: ${username} signs in through the identity provider; it has no password here`);
      await expect(staffAccounts.setRoles(username, ['admin'], 'admin')).rejects.toThrow('its roles come from the identity provider at each sign-in');
      await expect(directory.begin(username)).rejects.toMatchObject({ kind: 'conflict', field: 'totp', message: expect.stringContaining("the identity provider, whose second factor applies") });

      // The provider's roles at the next sign-in apply to the tokens already issued, like a local account's.
      const second = await signIn(['analyst', 'supervisor', 'investigator']);
      expect(((await second.json()) as { roles: string[] }).roles).toEqual(['analyst', 'supervisor']);
      expect(await (await get('/api/v1/whoami', accessToken)).json()).toEqual({ username, displayName: 'Sso User', roles: ['analyst', 'supervisor'] });

      await staffAccounts.disable(username, 'admin');
      const refused = await get('/api/v1/whoami', accessToken);
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { message: string }).message).toBe('this account has been disabled; its tokens no longer work');
      const disabled = await signIn(['analyst']);
      expect(disabled.status).toBe(403);
      expect(((await disabled.json()) as { message: string }).message).toBe('this account has been disabled in this service: an administrator of this service can enable it');

      await staffAccounts.enable(username, 'admin');
      expect((await signIn(['analyst'])).status).toBe(200);
      expect((await get('/api/v1/whoami', accessToken)).status).toBe(200);
    });

    it('refuses someone the provider grants no role of this service (403), and the sign-in cookie is no bearer token', async () => {
      idp.signInAs({ sub: 'idp-0002', preferred_username: 'outsider@example.org', roles: ['investigator'] });
      const { callback, cookie } = await signInThroughProvider();
      const answer = await fetch(callback, { headers: { cookie } });
      expect(answer.status).toBe(403);
      expect(((await answer.json()) as { message: string }).message).toMatch(/grants you no role in this service \(claim roles/);
      const asBearer = await get('/api/v1/whoami', cookie.replace('vigil_oidc=', ''));
      expect(asBearer.status).toBe(401);
    });
  });
});
