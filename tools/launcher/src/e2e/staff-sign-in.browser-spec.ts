import { axeViolations, createTestDatabase, launchChromium, openStaffPage, startTestIdentityProvider, uniqueSuffix, type TestDatabase, type TestIdentityProvider } from '@vigil/test-fixtures';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { api, assertBuilt, embeddedPlatform, eventually, freePort, PlatformProcess, REPO_ROOT } from './platform-harness';

const CLIENT = { id: 'vigil-hash-detection', secret: `client-secret-${uniqueSuffix()}` };
const REVIEWER = { username: 'reviewer', password: 'vigil-demo-reviewer' };

/**
 * Staff sign-in through the hash-detection UI in Chromium when the service requires a second
 * factor (STAFF_REQUIRE_TOTP) and has an identity provider: enrolling an authenticator, signing
 * in with its code, a refused code, and single sign-on coming back to the UI. The codes are
 * computed here as the person's authenticator app would. The steps run in order on one page.
 */
describe('staff sign-in in the web UI, with TOTP and single sign-on', () => {
  jest.setTimeout(240000);
  let database: TestDatabase;
  let idp: TestIdentityProvider;
  let platform: PlatformProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let base: string;
  let secret: string;

  const expectAccessible = async () => expect(await axeViolations(page)).toEqual([]);
  /** The code the authenticator shows `offsetSteps` 30-second steps from now. */
  const code = (offsetSteps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });
  const alerts = () => page.locator('[role="alert"]').allTextContents();

  beforeAll(async () => {
    assertBuilt();
    if (!existsSync(join(REPO_ROOT, 'dist', 'apps', 'hash-detection-web', 'index.html'))) throw new Error('the web UI is not built: run `npm run build`');
    [database, idp] = await Promise.all([
      createTestDatabase('vigil_signin_browser'),
      startTestIdentityProvider({ clientId: CLIENT.id, clientSecret: CLIENT.secret, user: { sub: 'idp-7', preferred_username: 'someone@example.org', name: 'Sam Example', roles: ['reviewer'] } }),
    ]);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // Demo seeding signs in over the API without a code, so it stays off here; the demo users are still added.
    ({ platform } = await embeddedPlatform(
      { databaseUrl: database.url },
      {
        HASH_DETECTION_PORT: String(port), VIGIL_SEED_DEMO: 'false', STAFF_REQUIRE_TOTP: 'true',
        OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: CLIENT.id, OIDC_CLIENT_SECRET: CLIENT.secret, OIDC_REDIRECT_URI: `${base}/api/v1/auth/oidc/callback`,
      },
    ));
    [browser] = await Promise.all([launchChromium(), platform.start(180000)]);
    ({ context, page, errors } = await openStaffPage(browser, base));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.stop();
    await idp?.close();
    await database?.drop();
  });

  it('tells the sign-in page that single sign-on is on, and refuses to send a token to another site', async () => {
    expect((await api<{ oidc: boolean }>(`${base}/api/v1/auth/options`)).body).toEqual({ oidc: true });
    for (const returnTo of ['//evil.example.org/', 'https://evil.example.org/', '/\\evil.example.org']) {
      const refused = await api<{ field: string; message: string }>(`${base}/api/v1/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`);
      expect(refused.status).toBe(400);
      expect(refused.body.field).toBe('returnTo');
    }
    expect(idp.authorizationRequests).toHaveLength(0);
  });

  it('shows the sign-in page with single sign-on, and it passes axe', async () => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Sign in');
    await page.getByRole('link', { name: 'Sign in with your agency account' }).waitFor();
    await expectAccessible();
  });

  it('makes an account without an authenticator enrol one: the key to type, the otpauth URI, a code to confirm', async () => {
    await page.getByLabel('Username').fill(REVIEWER.username);
    await page.getByLabel('Password').fill(REVIEWER.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Set up your authenticator app' }).waitFor();
    const grouped = (await page.locator('.vigil-totp-secret').textContent()) ?? '';
    expect(grouped).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    secret = grouped.replace(/ /g, '');
    const uri = new URL((await page.getByText(/^otpauth:\/\/totp\//).textContent()) ?? '');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Vigil hash detection');
    expect(await page.getByLabel('Authentication code').getAttribute('autocomplete')).toBe('one-time-code');
    await expectAccessible();

    await page.getByLabel('Authentication code').fill(wrongCode(await code()));
    await page.getByRole('button', { name: 'Confirm and sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'That code does not match this key.' }).waitFor();

    await page.getByLabel('Authentication code').fill(await code());
    await page.getByRole('button', { name: 'Confirm and sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hash banks' }).waitFor();
    await page.getByText('Signed in as Demo Reviewer').waitFor();
  });

  it('signs out, then asks for the code after the password, refuses a wrong one with a message, and takes the right one', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Username').fill(REVIEWER.username);
    await page.getByLabel('Password').fill(REVIEWER.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('This account also signs in with the code of its authenticator app.').waitFor();
    expect(await page.getByLabel('Password').count()).toBe(0);
    await expectAccessible();

    // The next step's code: the current one was spent confirming the enrolment, and each code counts once.
    const next = await code(1);
    await page.getByLabel('Authentication code').fill(wrongCode(next));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'That code is wrong, expired or already used.' }).waitFor();
    expect(await page.getByLabel('Authentication code').inputValue()).toBe('');
    await expectAccessible();

    await page.getByLabel('Authentication code').fill(next);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Hash banks' }).waitFor();
  });

  it('signs in with the agency account and comes back to the UI, the token gone from the address', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in with your agency account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hash banks' }).waitFor();
    await page.getByText('Signed in as Sam Example').waitFor();
    await eventually(async () => (new URL(page.url()).hash === '#/banks' ? true : undefined), 'the landing route', 15000);
    expect(page.url()).not.toContain('token');
    expect(idp.authorizationRequests.at(-1)?.query.redirect_uri).toBe(`${base}/api/v1/auth/oidc/callback`);
    // The token works: the banks list loads with it, and nothing signs the page out.
    await page.waitForLoadState('networkidle');
    expect(await alerts()).toEqual([]);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
  });

  it('says why when the identity provider grants no role in this service', async () => {
    idp.signInAs({ sub: 'idp-8', preferred_username: 'other@example.org', name: 'Alex Example', roles: ['investigator'] });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in with your agency account' }).click();
    await page.getByRole('alert').filter({ hasText: /^Single sign-on did not work: your identity provider grants you no role in this service/ }).waitFor();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Sign in');
    expect(page.url()).not.toContain('error');
    await expectAccessible();
  });

  it('ran without a script error', () => {
    // Refused codes answer 400/401, which Chromium logs as failed resources.
    expect(errors.filter((error) => !error.includes('Failed to load resource'))).toEqual([]);
  });
});

/** A six-digit code that is not the right one (the right one with every digit moved on by one). */
function wrongCode(right: string): string {
  return right.replace(/\d/g, (digit) => String((Number(digit) + 1) % 10));
}
