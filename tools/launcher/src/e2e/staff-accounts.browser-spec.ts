import { JwtService } from '@nestjs/jwt';
import { axeViolations, launchChromium, openStaffPage } from '@vigil/test-fixtures';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { api, assertBuilt, embeddedPlatform, eventually, PlatformProcess, REPO_ROOT, staffToken, type PlatformUrls } from './platform-harness';

/** Synthetic people: made-up names, example.org addresses, throwaway passphrases. */
const NEWCOMER = { username: 'browser.officer', displayName: 'Browser Test Officer', firstPassword: 'first browser passphrase', newPassword: 'second browser passphrase' };
const SSO_USER = { username: 'oidc:sam.example@example.org', displayName: 'Sam Example' };

/**
 * The staff accounts page in Chromium, against the compiled platform in embedded mode with its
 * demo users. The demo administrator finds it in each staff UI, then, in the referral hub,
 * creates an account (a too-short password and a taken username are refused at their fields),
 * changes its roles, disables and enables it, resets its password and authenticator, sees a
 * single sign-on user's row, and reads the page in French; demo staff who are not administrators
 * get no Accounts entry. The steps run in order on one page, as one administrator's session would.
 */
describe('staff accounts page in Chromium', () => {
  jest.setTimeout(240000);
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-accounts-browser-'));
  chmodSync(dataDir, 0o755);
  // Known to the test so that it can mint the token another service would have issued to a single sign-on user.
  const jwtSecret = randomBytes(32).toString('hex');
  let platform: PlatformProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let urls: PlatformUrls;

  const expectAccessible = async () => expect(await axeViolations(page)).toEqual([]);
  const signIn = async (username: string, password: string) => {
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  const row = (username: string) => page.locator('main table tbody tr').filter({ has: page.getByRole('cell', { name: username, exact: true }) });
  /** Waits for the row to read so: the list reloads after each action, a moment after its result is announced. */
  const rowReads = (username: string, text: string | RegExp) => row(username).filter({ hasText: text }).waitFor();
  const announced = (message: string) => page.locator('main [aria-live="polite"]').getByText(message, { exact: true }).waitFor();
  const newAccount = () => page.getByRole('region', { name: 'New account' });
  /** The texts an input's aria-describedby points at: its hint and its error. */
  const descriptionsOf = async (id: string) => {
    const ids = (await page.locator(`[id="${id}"]`).getAttribute('aria-describedby'))?.split(' ') ?? [];
    return Promise.all(ids.map(async (described) => (await page.locator(`[id="${described}"]`).textContent()) ?? ''));
  };
  const hubAccount = async (username: string) => {
    const listed = await api<Array<{ username: string; roles: string[]; status: string; totp: string }>>(`${urls.referralHub}/api/v1/staff-accounts`, { token: await staffToken(urls.referralHub, 'admin') });
    return listed.body.find((account) => account.username === username);
  };
  const hubSignIn = (username: string, password: string) => api<{ accessToken?: string }>(`${urls.referralHub}/api/v1/auth/login`, { method: 'POST', body: JSON.stringify({ username, password }) });

  beforeAll(async () => {
    assertBuilt();
    for (const app of ['tipline-web', 'hash-detection-web', 'referral-hub-web']) {
      if (!existsSync(join(REPO_ROOT, 'dist', 'apps', app, 'index.html'))) throw new Error(`${app} is not built: run \`npm run build\``);
    }
    ({ platform, urls } = await embeddedPlatform({ dataDir }, { JWT_SECRET: jwtSecret }));
    [browser] = await Promise.all([launchChromium(), platform.start(180000)]);
    ({ context, page, errors } = await openStaffPage(browser, urls.referralHub));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the administrator Accounts in each staff UI, offering the roles of that service only', async () => {
    const services = [
      { name: 'tipline', start: `${urls.tipline}/#/staff`, route: '#/staff/accounts', roles: ['Analyst', 'Supervisor', 'Reviewer', 'Auditor', 'Administrator'] },
      { name: 'hash detection', start: `${urls.hashDetection}/`, route: '#/accounts', roles: ['Analyst', 'Supervisor', 'Reviewer', 'Bank curator', 'Auditor', 'Administrator'] },
      { name: 'referral hub', start: `${urls.referralHub}/`, route: '#/accounts', roles: ['Investigator', 'Supervisor', 'Victim-identification officer', 'Auditor', 'Administrator'] },
    ];
    for (const service of services) {
      await page.goto(service.start);
      await signIn('admin', 'vigil-demo-admin');
      await page.getByRole('navigation').getByRole('link', { name: 'Accounts', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Staff accounts' }).waitFor();
      expect(new URL(page.url()).hash).toBe(service.route);
      await newAccount().getByLabel('Administrator').waitFor();
      expect(await newAccount().locator('.vigil-choice label').allTextContents()).toEqual(service.roles);
      await expect(row('admin (you)').textContent()).resolves.toMatch(/Demo Administrator.*Administrator.*Active.*Password/);
      expect(await page.title()).toMatch(/^Staff accounts — /);
    }
    // The administrator holds every role of the hub's API, so its other sections are offered too.
    expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toEqual(['Triage queue', 'Cases', 'Victim identification', 'Figures', 'Accounts']);
    await expectAccessible();
  });

  it('refuses a too-short first password and a taken username at their fields, then creates the account with its roles', async () => {
    const form = newAccount();
    await form.getByLabel('Username').fill(NEWCOMER.username);
    await form.getByLabel('Full name').fill(NEWCOMER.displayName);
    await form.getByLabel('Investigator').check();
    const password = form.getByLabel('First password');
    expect(await password.getAttribute('type')).toBe('password');
    expect(await password.getAttribute('autocomplete')).toBe('new-password');
    await password.fill('too short');
    await form.getByRole('button', { name: 'Create account' }).click();

    const summary = form.getByRole('alert').filter({ hasText: 'Correct the following:' });
    await summary.getByRole('link', { name: 'The password must be at least 12 characters.' }).waitFor();
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionsOf('account-password')).toEqual([expect.stringMatching(/^At least 12 characters\./), 'The password must be at least 12 characters.']);
    expect(await form.getByLabel('Username').getAttribute('aria-invalid')).toBeNull();
    await expectAccessible();

    // The server's refusal of a field (a demo user already has this name) lands at that field too.
    await form.getByLabel('Username').fill('investigator');
    await password.fill(NEWCOMER.firstPassword);
    await form.getByRole('button', { name: 'Create account' }).click();
    await summary.getByRole('link', { name: 'an account named investigator already exists' }).waitFor();
    expect(await form.getByLabel('Username').getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionsOf('account-username')).toContain('an account named investigator already exists');
    expect(await password.getAttribute('aria-invalid')).toBeNull();

    await form.getByLabel('Username').fill(NEWCOMER.username);
    await form.getByRole('button', { name: 'Create account' }).click();
    await announced(`Account ${NEWCOMER.username} created.`);
    expect(await summary.count()).toBe(0);
    expect(await password.inputValue()).toBe('');
    await rowReads(NEWCOMER.username, new RegExp(`${NEWCOMER.displayName}.*Investigator.*Active.*Password.*Not set up.*Never`));
    expect(await hubAccount(NEWCOMER.username)).toMatchObject({ roles: ['investigator'], status: 'active' });
  });

  it('changes its roles, and asks for at least one', async () => {
    await row(NEWCOMER.username).getByRole('button', { name: `Change roles of ${NEWCOMER.username}` }).click();
    const panel = page.getByRole('region', { name: `Roles of ${NEWCOMER.username}` });
    // The panel's heading takes focus, so a screen reader says what opened.
    await panel.locator('h2:focus').waitFor();
    await panel.getByLabel('Investigator').uncheck();
    await panel.getByRole('button', { name: 'Save roles' }).click();
    await panel.getByRole('alert').getByRole('link', { name: 'Choose at least one role.' }).waitFor();
    expect(await panel.getByLabel('Supervisor').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible();

    await panel.getByLabel('Supervisor').check();
    await panel.getByLabel('Victim-identification officer').check();
    await panel.getByRole('button', { name: 'Save roles' }).click();
    await announced(`Roles of ${NEWCOMER.username} saved. They apply from the account’s next request.`);
    expect(await panel.count()).toBe(0);
    await rowReads(NEWCOMER.username, 'Supervisor, Victim-identification officer');
    expect((await hubAccount(NEWCOMER.username))?.roles).toEqual(['supervisor', 'victim-id-officer']);
  });

  it('disables the account only once confirmed, enables it again, and shows why an administrator cannot disable themself', async () => {
    await row(NEWCOMER.username).getByRole('button', { name: `Disable ${NEWCOMER.username}` }).click();
    const confirm = page.getByRole('region', { name: `Disable ${NEWCOMER.username}?` });
    await confirm.getByText('will no longer be able to sign in').waitFor();
    expect((await hubAccount(NEWCOMER.username))?.status).toBe('active');
    await expectAccessible();
    await confirm.getByRole('button', { name: 'Disable account' }).click();
    await announced(`Account ${NEWCOMER.username} disabled.`);
    await rowReads(NEWCOMER.username, 'Disabled');
    expect((await hubSignIn(NEWCOMER.username, NEWCOMER.firstPassword)).status).toBe(401);

    await row(NEWCOMER.username).getByRole('button', { name: `Enable ${NEWCOMER.username}` }).click();
    await announced(`Account ${NEWCOMER.username} enabled.`);
    await rowReads(NEWCOMER.username, 'Active');
    expect((await hubSignIn(NEWCOMER.username, NEWCOMER.firstPassword)).status).toBe(200);

    await row('admin (you)').getByRole('button', { name: 'Disable admin' }).click();
    const own = page.getByRole('region', { name: 'Disable admin?' });
    await own.getByRole('button', { name: 'Disable account' }).click();
    await own.getByRole('alert').getByText('Not done: an administrator cannot disable their own account').waitFor();
    await own.getByRole('button', { name: 'Cancel' }).click();
    expect(await own.count()).toBe(0);
    await expect(row('admin (you)').textContent()).resolves.toContain('Active');
  });

  it('resets its password (the new one signs in over the API, the old one no longer) and its authenticator', async () => {
    await row(NEWCOMER.username).getByRole('button', { name: `Reset password of ${NEWCOMER.username}` }).click();
    const panel = page.getByRole('region', { name: `New password for ${NEWCOMER.username}` });
    const password = panel.getByLabel('New password');
    expect(await password.getAttribute('type')).toBe('password');
    await password.fill('short');
    await panel.getByRole('button', { name: 'Set new password' }).click();
    await panel.getByRole('alert').getByRole('link', { name: 'The password must be at least 12 characters.' }).waitFor();
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    await password.fill(NEWCOMER.newPassword);
    await panel.getByRole('button', { name: 'Set new password' }).click();
    await announced(`New password set for ${NEWCOMER.username}. Any lockout is lifted.`);

    const signedIn = await hubSignIn(NEWCOMER.username, NEWCOMER.newPassword);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.accessToken).toEqual(expect.any(String));
    expect((await hubSignIn(NEWCOMER.username, NEWCOMER.firstPassword)).status).toBe(401);

    await row(NEWCOMER.username).getByRole('button', { name: `Reset authenticator of ${NEWCOMER.username}` }).click();
    const reset = page.getByRole('region', { name: `Reset the authenticator app of ${NEWCOMER.username}?` });
    await reset.getByText('has lost their phone').waitFor();
    await reset.getByRole('button', { name: 'Reset authenticator' }).click();
    await announced(`Authenticator of ${NEWCOMER.username} reset: a new one will be set up at the next sign-in.`);
    await rowReads(NEWCOMER.username, /Not set up/);
  });

  it('offers only disable and enable for a single sign-on user, whose identity provider manages the rest', async () => {
    // A token the tipline would have issued to this user after single sign-on; its first use here records the account.
    const token = await new JwtService({ secret: jwtSecret }).signAsync({ sub: SSO_USER.username, name: SSO_USER.displayName, roles: ['investigator'] });
    expect((await api(`${urls.referralHub}/api/v1/cases`, { token })).status).toBe(200);
    await page.reload();
    const sso = row(SSO_USER.username);
    await expect(sso.textContent()).resolves.toMatch(/Sam Example.*Investigator.*Active.*Single sign-on.*The identity provider’s/);
    await sso.getByText('Roles, password and authenticator are managed by the identity provider.').waitFor();
    expect(await sso.getByRole('button').allTextContents()).toEqual(['Disable']);
    await expectAccessible();

    await sso.getByRole('button', { name: `Disable ${SSO_USER.username}` }).click();
    await page.getByRole('region', { name: `Disable ${SSO_USER.username}?` }).getByRole('button', { name: 'Disable account' }).click();
    await announced(`Account ${SSO_USER.username} disabled.`);
    expect((await api(`${urls.referralHub}/api/v1/cases`, { token })).status).toBe(401);
  });

  it('reads in French', async () => {
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { level: 1, name: 'Comptes du personnel' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.getByRole('navigation').getByRole('link', { name: 'Comptes', exact: true }).waitFor();
    await page.getByRole('columnheader', { name: 'Nom d’utilisateur' }).waitFor();
    // The last result, announced in English, now reads in French too.
    await announced(`Compte ${SSO_USER.username} désactivé.`);
    await rowReads(NEWCOMER.username, /Superviseur, Agent d’identification des victimes.*Actif.*Mot de passe/);
    await row(NEWCOMER.username).getByRole('button', { name: `Modifier les rôles de ${NEWCOMER.username}` }).waitFor();
    await row(SSO_USER.username).getByRole('button', { name: `Réactiver ${SSO_USER.username}` }).waitFor();
    const form = page.getByRole('region', { name: 'Nouveau compte' });
    await form.getByLabel('Premier mot de passe').fill('trop court');
    await form.getByRole('button', { name: 'Créer le compte' }).click();
    await form.getByRole('alert').getByRole('link', { name: 'Le mot de passe doit compter au moins 12 caractères.' }).waitFor();
    expect(await page.title()).toMatch(/^Comptes du personnel — /);
    await expectAccessible();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Staff accounts' }).waitFor();
  });

  it('gives no Accounts entry, nor the route, to staff who are not administrators', async () => {
    const cases: Array<{ start: string; username: string; password: string; home: string; landing: string; accounts: string }> = [
      { start: `${urls.referralHub}/`, username: 'investigator', password: 'vigil-demo-investigator', home: 'Triage queue', landing: '#/triage', accounts: '#/accounts' },
      { start: `${urls.tipline}/#/staff`, username: 'analyst', password: 'vigil-demo-analyst', home: 'Triage queue', landing: '#/staff', accounts: '#/staff/accounts' },
    ];
    for (const visit of cases) {
      await page.goto(visit.start);
      if (await page.getByRole('button', { name: 'Sign out' }).count()) await page.getByRole('button', { name: 'Sign out' }).click();
      await signIn(visit.username, visit.password);
      await page.getByRole('heading', { level: 1, name: visit.home }).waitFor();
      await page.getByRole('navigation').getByRole('link').first().waitFor();
      expect(await page.getByRole('navigation').getByRole('link', { name: 'Accounts' }).count()).toBe(0);
      await page.goto(`${new URL(visit.start).origin}/${visit.accounts}`);
      await eventually(async () => (new URL(page.url()).hash === visit.landing ? true : undefined), `the way back to ${visit.landing}`, 15000);
      expect(await page.getByRole('heading', { name: 'Staff accounts' }).count()).toBe(0);
    }
  });

  it('ran without a script error', () => {
    // Refusals (400, 401, 409) are logged by Chromium as failed resources.
    expect(errors.filter((error) => !error.includes('Failed to load resource'))).toEqual([]);
  });
});
