import { axeViolations, demoUnknownImage, launchChromium, openStaffPage } from '@vigil/test-fixtures';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertBuilt, embeddedPlatform, PlatformProcess, REPO_ROOT, type PlatformUrls } from './platform-harness';

/**
 * The tipline web app in Chromium, against the compiled platform in embedded mode: a member of
 * the public reports in English, then in French, with no account; then an analyst signs in to
 * the console, finds the new report in the queue, claims it and escalates it. The steps run in
 * order, as one afternoon at the tipline would.
 */
describe('tipline web app in Chromium', () => {
  jest.setTimeout(240000);
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-tipline-browser-'));
  chmodSync(dataDir, 0o755);
  let platform: PlatformProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  const references: { english?: string; french?: string } = {};
  const secrets: { french?: string } = {};

  const expectAccessible = async () => expect(await axeViolations(page)).toEqual([]);
  const referenceShown = async () => {
    const reference = (await page.getByTestId('reference').textContent())?.trim() ?? '';
    expect(reference).toMatch(/^VGL-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    return reference;
  };

  beforeAll(async () => {
    assertBuilt();
    if (!existsSync(join(REPO_ROOT, 'dist', 'apps', 'tipline-web', 'index.html'))) throw new Error('the tipline web app is not built: run `npm run build`');
    let urls: PlatformUrls;
    ({ platform, urls } = await embeddedPlatform({ dataDir }));
    [browser] = await Promise.all([launchChromium(), platform.start(180000)]);
    // A phone-sized window: the public form must work on the device a teenager has.
    ({ context, page, errors } = await openStaffPage(browser, urls.tipline));
    await page.setViewportSize({ width: 390, height: 844 });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the public form at / with no account, and announces what is missing', async () => {
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Report the online sexual exploitation of a child' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expectAccessible();
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.getByRole('alert').getByText('Choose what happened.').waitFor();
    await expectAccessible();
  });

  it('CSAM: asks for the URL and never the file, ties each error to its field, then gives a reference', async () => {
    await page.getByLabel('Child sexual abuse material seen online').check();
    await page.getByText(/Do not download, save, screenshot or send/).waitFor();
    expect(await page.locator('input[type="file"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Send report' }).click();
    const urls = page.getByLabel('Web addresses (URLs), one per line');
    await page.getByRole('alert').getByText('Give at least one web address (URL).').waitFor();
    expect(await urls.getAttribute('aria-invalid')).toBe('true');
    expect(await urls.getAttribute('aria-describedby')).toContain('urls-error');
    await expectAccessible();

    // Every line that is not a web address is named, whole, in the summary and at the field.
    const badLines = ['htp:/bad url', 'example.com/page', 'ftp://x.example/a', 'http:/missing-slash.example/page'];
    await urls.fill(['https://fine.example.test/a', ...badLines].join('\n'));
    await page.getByRole('button', { name: 'Send report' }).click();
    const summary = page.getByRole('alert');
    await summary.waitFor();
    for (const line of badLines) await summary.getByRole('link', { name: `This is not a web address starting with http:// or https://: ${line}`, exact: true }).waitFor();
    // One link a bad line, and one for the description still missing; none for the good address.
    await expect(summary.getByRole('link').count()).resolves.toBe(badLines.length + 1);
    await expect(page.locator('#urls-error').innerText()).resolves.toBe(badLines.map((line) => `This is not a web address starting with http:// or https://: ${line}`).join('\n'));
    await expectAccessible();

    await urls.fill('https://board.example.test/thread/4471');
    await page.getByLabel('Website, app or game').fill('ExampleBoard');
    await page.getByLabel('Tell us what happened, in your own words').fill('Browser test: a forum thread with abuse material.');
    await expectAccessible();
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you: your report was received' }).waitFor();
    references.english = await referenceShown();
    // The English date ends in "a.m."/"p.m." already: one full stop, not two.
    await expect(page.getByText(/^Received /).textContent()).resolves.toMatch(/^Received \w+ \d{1,2}, \d{4} at \d{1,2}:\d{2}\s[ap]\.m\.$/);
    // Guidance for sextortion only.
    expect(await page.getByRole('heading', { name: 'If someone is threatening you' }).count()).toBe(0);
    await expectAccessible();
  });

  it('in French: a sextortion report with a screenshot, then the safety guidance and where to get help', async () => {
    await page.getByRole('button', { name: 'Make another report' }).click();
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { level: 1, name: 'Signaler l’exploitation sexuelle d’un enfant en ligne' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.getByLabel('Sextorsion : on menace de diffuser des images sexuelles si je ne paie pas').check();
    await page.getByLabel('Site Web, application ou jeu').fill('ExampleChat');
    await page.getByLabel('Noms d’utilisateur ou de profil en cause').fill('faux_ami_2026');
    await page.getByLabel('Adresses Web (URL), une par ligne').fill('mon profil ExampleChat\nexamplechat.test/faux_ami_2026');
    await page.getByLabel('Racontez-nous ce qui s’est passé, dans vos mots').fill('Test navigateur : on exige 500 $ sinon les photos seront envoyées à mes amis.');
    await page.getByLabel('Âge', { exact: true }).selectOption('14-15');
    await page.getByLabel('Copiez les messages ici (ce qui a été dit, et par qui)').fill('faux_ami_2026 : paie ou j’envoie tout');
    await page.getByLabel('Ses adresses courriel').fill('pas-une-adresse');
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await page.getByRole('alert').getByText('Ce n’est pas une adresse courriel : pas-une-adresse').waitFor();
    for (const line of ['mon profil ExampleChat', 'examplechat.test/faux_ami_2026']) await page.getByRole('alert').getByText(`Ceci n’est pas une adresse Web commençant par http:// ou https:// : ${line}`, { exact: true }).waitFor();
    await expectAccessible();
    await page.getByLabel('Adresses Web (URL), une par ligne').fill('');
    await page.getByLabel('Ses adresses courriel').fill('faux.ami@example.org');
    await page.getByLabel('Quel âge a-t-elle, environ?').fill('environ 25 ans');
    await page.getByLabel('Captures d’écran des messages, des profils ou des demandes de paiement').setInputFiles({ name: 'capture.png', mimeType: 'image/png', buffer: await demoUnknownImage(7) });
    await expectAccessible();
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await page.getByRole('heading', { level: 1, name: 'Merci : votre signalement a été reçu' }).waitFor();
    references.french = await referenceShown();
    await expect(page.getByText(/^Reçu le /).textContent()).resolves.toMatch(/^Reçu le \d{1,2} \S+ \d{4} à \d{1,2}\sh\s\d{2}\.$/);
    secrets.french = (await page.getByTestId('follow-up-secret').textContent())?.trim();
    expect(secrets.french).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
    await page.getByText(/Nous n’affichons ce code qu’une fois/).waitFor();
    const safety = page.locator('section[aria-labelledby="safety-title"]');
    await safety.getByRole('heading', { name: 'Si quelqu’un vous menace' }).waitFor();
    const guidance = await safety.textContent();
    for (const point of ['Ce n’est pas votre faute', 'Cessez tout contact', 'Ne payez pas', 'Désactivez les comptes', 'ne les supprimez pas', 'Conservez les preuves']) expect(guidance).toContain(point);
    await page.getByText(/Jeunesse, J’écoute/).waitFor();
    await expectAccessible();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'If someone is threatening you' }).waitFor();
    await page.getByText('You are not to blame.', { exact: false }).waitFor();
  });

  it('adds information to the earlier report with its reference and secret; a wrong secret is refused in words', async () => {
    await page.getByRole('link', { name: 'Add information to an earlier report' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Add information to an earlier report' }).waitFor();
    await expectAccessible();
    await page.getByRole('button', { name: 'Add to my report' }).click();
    await page.getByRole('alert').getByText('Give the reference of your report, like VGL-7K3M-9QXD.').waitFor();
    await expectAccessible();
    await page.getByLabel('Report reference').fill(references.french as string);
    await page.getByLabel('Secret code').fill('AAAA-AAAA-AAAA-AAAA-AAAA-AAAA');
    await page.getByLabel('What has happened since, or what you forgot to tell us').fill('Browser test: he wrote again from a new account.');
    await page.getByRole('button', { name: 'Add to my report' }).click();
    await page.getByRole('alert').getByText(/We found no report with this reference and secret code/).waitFor();
    await expectAccessible();
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ajouter des renseignements à un signalement déjà fait' }).waitFor();
    await page.getByLabel('Code secret', { exact: true }).fill((secrets.french as string).toLowerCase());
    await page.getByLabel('Adresses Web (URL), une par ligne').fill('https://chat.example.test/u/nouveau_compte');
    await expectAccessible();
    await page.getByRole('button', { name: 'Ajouter à mon signalement' }).click();
    await page.getByRole('heading', { level: 1, name: 'Merci : vos renseignements ont été ajoutés' }).waitFor();
    await expectAccessible();
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('after a follow-up, "Back to the report form" gives a blank form: the earlier confirmation and its secret are gone', async () => {
    await page.getByRole('link', { name: 'Back to the report form' }).click();
    await page.getByRole('heading', { level: 1, name: 'Report the online sexual exploitation of a child' }).waitFor();
    expect(await page.getByTestId('follow-up-secret').count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toContain(secrets.french as string);
    expect(await page.getByRole('radio', { checked: true }).count()).toBe(0);
    // Nor does the browser's Back bring it back: it was in the page's memory only.
    await page.goBack();
    await page.goForward();
    expect(await page.locator('body').textContent()).not.toContain(secrets.french as string);
  });

  it('an analyst signs in and finds both reports in the queue, with the reasons for their priority', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/#/staff');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await expectAccessible();
    await page.getByLabel('Username').fill('analyst');
    await page.getByLabel('Password').fill('vigil-demo-analyst');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Triage queue' }).waitFor();
    const row = (reference: string) => page.locator('main table tbody tr').filter({ has: page.getByRole('link', { name: reference, exact: true }) });
    await row(references.english as string).waitFor();
    await expect(row(references.french as string).textContent()).resolves.toMatch(/High.*Sextortion: treated as an active threat/);
    await expectAccessible();
  });

  it('opens the sextortion report: metadata and hashes first, the screenshot blurred and grey', async () => {
    await page.getByRole('link', { name: references.french as string, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Report ${references.french}` }).waitFor();
    const details = page.getByTestId('reporter-details');
    await details.getByText('faux_ami_2026').waitFor();
    await details.getByText('14 or 15').waitFor();
    await details.getByText('faux.ami@example.org').waitFor();
    await page.getByTestId('follow-ups').getByText('https://chat.example.test/u/nouveau_compte').waitFor();
    const media = page.locator('main article').filter({ hasText: 'capture.png' });
    await media.getByText('SHA-256').waitFor();
    const image = media.locator('figure img');
    await image.waitFor();
    expect(await image.getAttribute('data-revealed')).toBe('false');
    expect(await image.getAttribute('style')).toMatch(/blur\(\d+px\) grayscale\(100%\)/);
    // A size people read, with the exact count beside it.
    await expect(media.getByTestId('media-size').textContent()).resolves.toMatch(/^(\d+ bytes?|\d+(\.\d)? (kB|MB) \(\d{1,3}(,\d{3})* bytes\))$/);
    await expectAccessible();
    await page.getByRole('link', { name: 'Back to the queue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Triage queue' }).waitFor();
  });

  it('claims the English report and escalates it to law enforcement', async () => {
    await page.getByRole('link', { name: references.english as string, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Report ${references.english}` }).waitFor();
    await page.getByRole('button', { name: 'Claim', exact: true }).click();
    await page.getByText('You hold this report.').waitFor();
    // The page reloads the report after the action: the claim shows once it has.
    await page.getByRole('button', { name: 'Release', exact: true }).waitFor();
    await expect(page.getByTestId('claim').textContent()).resolves.toMatch(/^analyst, until /);
    await expectAccessible();
    await page.getByLabel('Summary for law enforcement').fill('Browser test: forum thread with abuse material, URL confirmed.');
    await page.getByRole('button', { name: 'Escalate', exact: true }).click();
    await page.getByText('Escalated to law enforcement.').waitFor();
    await page.locator('main dl').getByText('Escalated', { exact: true }).waitFor();
    const timeline = page.locator('section[aria-labelledby="timeline-title"] tbody');
    await timeline.getByText('claimed', { exact: false }).first().waitFor();
    await timeline.getByText(/escalated to law enforcement/).waitFor();
    await expectAccessible();
  });

  it('shows the figures with a chart', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Figures' }).click();
    await page.getByRole('heading', { level: 1, name: 'Figures' }).waitFor();
    await page.locator('main figure svg[role="img"]').waitFor();
    await page.getByText(/Last 30 days: \d+ reports\./).waitFor();
    await page.getByText('Time to first triage, median (minutes)', { exact: true }).waitFor();
    // The chart's labels fit whole (it cuts longer ones with "…"), each type its own; the key gives the full names.
    const labels = await page.locator('main figure svg text.vigil-chart-label').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['CSAM seen online', 'Sextortion: money']));
    expect(labels.filter((label) => label.endsWith('…'))).toEqual([]);
    expect(new Set(labels).size).toBe(labels.length);
    const key = page.getByTestId('types-key');
    await expect(key.textContent()).resolves.toContain('Sextortion: moneySextortion: someone threatens to share sexual images unless paid');
    await expectAccessible();
  });

  it('ran without a script error', () => {
    expect(errors.filter((error) => !error.includes('Failed to load resource'))).toEqual([]);
  });
});
