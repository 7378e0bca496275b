import { axeViolations, launchChromium, openStaffPage } from '@vigil/test-fixtures';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { api, assertBuilt, embeddedPlatform, PlatformProcess, REPO_ROOT, type PlatformUrls } from './platform-harness';

/**
 * The triage console's decisions short of escalation, in Chromium against the compiled
 * platform (embedded mode): an analyst corrects a report's classification, splits it into
 * incidents, requests takedown of one of its URLs and records a forward to a foreign hotline;
 * each shows on the report and its timeline, in English and in French. The steps run in order.
 */
describe('tipline console actions in Chromium', () => {
  jest.setTimeout(240000);
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-tipline-console-'));
  chmodSync(dataDir, 0o755);
  const forumUrl = 'https://board.example.test/thread/8812';
  const chatUrl = 'https://chat.example.test/room/ab12';
  let platform: PlatformProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let reference: string;

  const expectAccessible = async () => expect(await axeViolations(page)).toEqual([]);
  const group = (name: string) => page.getByRole('group', { name, exact: true });
  const timeline = () => page.locator('section[aria-labelledby="timeline-title"] tbody');
  const decisions = () => page.getByTestId('decisions');
  const done = (message: string) => page.locator('.vigil-success').getByText(message, { exact: true }).waitFor();
  const check = async (box: Locator, on: boolean) => (on ? box.check() : box.uncheck());
  /** Each action form's box, and the extent of everything drawn inside it, as laid out in the page. */
  const actionFormBoxes = () =>
    page.locator('.tip-action-forms > form').evaluateAll((forms) =>
      forms.map((form) => {
        const { left, right, top, bottom } = form.getBoundingClientRect();
        const inside = [...form.querySelectorAll('fieldset, label, select, input, textarea, button')].map((element) => element.getBoundingClientRect());
        return { name: form.querySelector('legend')?.textContent ?? '', left, right, top, bottom, insideLeft: Math.min(...inside.map((box) => box.left)), insideRight: Math.max(...inside.map((box) => box.right)) };
      }),
    );
  /** No form drawn over another, none wider than its box, none past the window's right edge. */
  const expectFormsInTheirBoxes = async (windowWidth: number) => {
    const forms = await actionFormBoxes();
    expect(forms.length).toBeGreaterThanOrEqual(7);
    const overlaps = forms.flatMap((one, index) =>
      forms.slice(index + 1).filter((other) => one.left < other.right - 1 && other.left < one.right - 1 && one.top < other.bottom - 1 && other.top < one.bottom - 1).map((other) => `${one.name} / ${other.name}`),
    );
    expect(overlaps).toEqual([]);
    expect(forms.filter((form) => form.insideLeft < form.left - 1 || form.insideRight > form.right + 1 || form.right > windowWidth).map((form) => form.name)).toEqual([]);
  };

  beforeAll(async () => {
    assertBuilt();
    if (!existsSync(join(REPO_ROOT, 'dist', 'apps', 'tipline-web', 'index.html'))) throw new Error('the tipline web app is not built: run `npm run build`');
    let urls: PlatformUrls;
    ({ platform, urls } = await embeddedPlatform({ dataDir }));
    [browser] = await Promise.all([launchChromium(), platform.start(180000)]);
    const submitted = await api<{ reference: string }>(`${urls.tipline}/api/v1/reports`, {
      method: 'POST',
      body: JSON.stringify({ incidentType: 'csam', description: 'Console test: a forum thread, and a chat room where an adult asks a child to meet.', urls: [forumUrl, chatUrl] }),
    });
    expect(submitted.status).toBe(201);
    reference = submitted.body.reference;
    ({ context, page, errors } = await openStaffPage(browser, urls.tipline));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('an analyst opens the report and claims it', async () => {
    await page.goto('/#/staff');
    await page.getByLabel('Username').fill('analyst');
    await page.getByLabel('Password').fill('vigil-demo-analyst');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: reference, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Report ${reference}` }).waitFor();
    await page.getByRole('button', { name: 'Claim', exact: true }).click();
    await page.getByRole('button', { name: 'Release', exact: true }).waitFor();
    await expectAccessible();
  });

  it('lays out the action forms each in its own box, on a desktop and on a phone', async () => {
    await expectFormsInTheirBoxes(1280);
    await page.setViewportSize({ width: 390, height: 844 });
    await expectFormsInTheirBoxes(390);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('corrects the classification to online luring, with its Criminal Code offence', async () => {
    const form = group('Confirm or correct the classification');
    await form.getByRole('button', { name: 'Confirm classification' }).waitFor();
    await form.getByLabel('Incident type').selectOption('online-luring');
    await form.getByLabel('s.172.1 — Luring a child').check();
    await form.getByRole('button', { name: 'Correct classification' }).click();
    await done('Classification saved.');
    await timeline().getByText(/^corrected to Online luring.* \(s\.172\.1\)$/).waitFor();
    await timeline().getByRole('cell', { name: 'Classified', exact: true }).waitFor();
    // The report itself now carries the corrected type, so the form offers to confirm it.
    await form.getByRole('button', { name: 'Confirm classification' }).waitFor();
    await expect(page.locator('main dl').textContent()).resolves.toMatch(/Classification.*Online luring.*s\.172\.1/);
  });

  it('splits the report into two incidents, each with its URLs and offences', async () => {
    const first = group('Split into incidents').getByRole('group', { name: 'Incident 1', exact: true });
    const second = group('Split into incidents').getByRole('group', { name: 'Incident 2', exact: true });
    await first.getByLabel('Incident type').selectOption('csam');
    await first.getByLabel('Description of the incident').fill('Abuse material in the forum thread.');
    await check(first.getByLabel(chatUrl), false);
    await first.getByLabel('s.163.1 — Child pornography (making, distributing, possessing, accessing)').check();
    await second.getByLabel('Incident type').selectOption('online-luring');
    await second.getByLabel('Description of the incident').fill('An adult arranging to meet a child.');
    await check(second.getByLabel(chatUrl), true);
    await second.getByLabel('s.172.2 — Agreement or arrangement — sexual offence against a child').check();
    await page.getByRole('button', { name: 'Split the report' }).click();
    await done('Report split into incidents.');
    const incidents = page.locator('section[aria-labelledby="incidents-title"]');
    await incidents.getByRole('heading', { name: 'Incidents (2)' }).waitFor();
    const rows = incidents.locator('tbody tr');
    await expect(rows.nth(0).textContent()).resolves.toMatch(new RegExp(`forum thread.*${forumUrl}.*s\\.163\\.1`));
    await expect(rows.nth(1).textContent()).resolves.toMatch(new RegExp(`meet a child.*${chatUrl}.*s\\.172\\.2`));
    await timeline().getByText('split into 2 incidents').waitFor();
    await expectAccessible();
  });

  it('requests takedown of the forum URL only, and refuses an empty choice', async () => {
    const form = group('Request takedown of URLs');
    await check(form.getByLabel(forumUrl), false);
    await check(form.getByLabel(chatUrl), false);
    await form.getByRole('button', { name: 'Request takedown' }).click();
    await form.getByRole('alert').getByText('Choose at least one URL to take down.').waitFor();
    await check(form.getByLabel(forumUrl), true);
    await form.getByLabel('Classification for the notice (optional)').fill('csam-a1');
    await form.getByRole('button', { name: 'Request takedown' }).click();
    await done('Takedown requested.');
    await decisions().getByText(`Takedown requested by analyst: ${forumUrl}`).waitFor();
    await timeline().getByText('takedown requested for 1 URL', { exact: true }).waitFor();
  });

  it('records a forward to a foreign hotline, with its country', async () => {
    const form = group('Forward to a foreign hotline');
    await form.getByLabel('Country of the hotline').fill('fr');
    await form.getByLabel('Hotline', { exact: true }).fill('Point de Contact');
    await form.getByLabel('Note (optional)').fill('The forum is hosted in France.');
    await form.getByRole('button', { name: 'Record forwarding' }).click();
    await done('Forwarding recorded.');
    await decisions().getByText('Forwarded to Point de Contact (France) by analyst').waitFor();
    await timeline().getByText('forwarded to Point de Contact (France): The forum is hosted in France.').waitFor();
    await timeline().getByRole('cell', { name: 'Forwarded abroad', exact: true }).waitFor();
    await expectAccessible();
  });

  it('shows the same results in French', async () => {
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { level: 1, name: `Signalement ${reference}` }).waitFor();
    await group('Transmettre à une ligne de signalement étrangère').waitFor();
    await decisions().getByText('Transmis à Point de Contact (France) par analyst').waitFor();
    await decisions().getByText(`Retrait demandé par analyst : ${forumUrl}`).waitFor();
    for (const action of ['Classifié', 'Divisé en incidents', 'Retrait demandé', 'Transmis à l’étranger']) await timeline().getByRole('cell', { name: action, exact: true }).waitFor();
    // What Vigil itself wrote on the timeline (the report's arrival, its first priority) is in French too.
    await timeline().getByRole('cell', { name: /^Signalement VGL-.* reçu \(Public, / }).waitFor();
    expect(await timeline().getByText(/public report .* received/).count()).toBe(0);
    // …and so are the analysts' actions, from what each entry records.
    await timeline().getByText(/^corrigé en Leurre en ligne.* \(art\. 172\.1\)$/).waitFor();
    await timeline().getByText('divisé en 2 incidents').waitFor();
    await timeline().getByText('retrait demandé pour 1 URL', { exact: true }).waitFor();
    await timeline().getByText('transmis à Point de Contact (France) : The forum is hosted in France.').waitFor();
    await page.locator('section[aria-labelledby="incidents-title"]').getByText('art. 172.2 — Entente ou arrangement — infraction d’ordre sexuel à l’égard d’un enfant').waitFor();
    await expectAccessible();
  });

  it('ran without a script error', () => {
    expect(errors.filter((error) => !error.includes('Failed to load resource'))).toEqual([]);
  });
});
