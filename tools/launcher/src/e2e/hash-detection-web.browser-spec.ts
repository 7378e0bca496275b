import { axeViolations, demoKnownImages, launchChromium, openStaffPage } from '@vigil/test-fixtures';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_BANK_NAME } from '../demo-seed';
import { assertBuilt, embeddedPlatform, eventually, PlatformProcess, REPO_ROOT, type PlatformUrls } from './platform-harness';

/**
 * The hash-detection staff UI in Chromium, against the compiled platform in embedded mode with
 * its demo data, as a reviewer (who is also a bank curator) uses it. The steps run in order
 * on one page, as one person's session would.
 */
describe('hash-detection web UI in Chromium', () => {
  jest.setTimeout(240000);
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-browser-'));
  chmodSync(dataDir, 0o755);
  let platform: PlatformProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let known: Array<{ name: string; bytes: Buffer }>;

  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  const expectAccessible = async () => expect(await axeViolations(page)).toEqual([]);

  beforeAll(async () => {
    assertBuilt();
    if (!existsSync(join(REPO_ROOT, 'dist', 'apps', 'hash-detection-web', 'index.html'))) throw new Error('the web UI is not built: run `npm run build`');
    let urls: PlatformUrls;
    ({ platform, urls } = await embeddedPlatform({ dataDir }));
    [known, browser] = await Promise.all([demoKnownImages(), launchChromium(), platform.start(180000)]).then(([images, chromium]) => [images, chromium] as const);
    ({ context, page, errors } = await openStaffPage(browser, urls.hashDetection));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the UI at / and signs a reviewer in', async () => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Sign in');
    await expectAccessible();
    await page.getByLabel('Username').fill('reviewer');
    await page.getByLabel('Password').fill('vigil-demo-reviewer');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hash banks' }).waitFor();
    await page.getByRole('link', { name: DEMO_BANK_NAME }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expectAccessible();
  });

  it('browses the demo bank, finds an entry by its hash and disables it with a reason', async () => {
    await page.getByRole('link', { name: DEMO_BANK_NAME }).click();
    await page.getByRole('heading', { level: 1, name: DEMO_BANK_NAME }).waitFor();
    const rows = page.locator('table').filter({ has: page.getByRole('columnheader', { name: 'Hash' }) }).locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(8);
    await expectAccessible();

    const digest = sha256(known[0].bytes);
    await page.getByLabel('Hash prefix, series or notes').fill(digest.slice(0, 16));
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    // Polled from Node rather than with a string page function: the app's CSP forbids eval, and
    // Chromium 156.0.8078.79 applies that to Playwright's string predicates too.
    await eventually(async () => ((await page.locator('main table tbody tr').count()) === 1 ? true : undefined), 'one search result', 15000);
    await expect(rows.first().textContent()).resolves.toContain(digest);

    await rows.first().getByRole('button', { name: /^Disable entry/ }).click();
    await page.getByLabel('Reason').fill('Browser test: reported as a false positive');
    await expectAccessible();
    await page.getByRole('button', { name: 'Disable entry', exact: true }).click();
    await rows.first().getByText('Disabled: Browser test: reported as a false positive').waitFor();
    expect(await rows.first().getByRole('button', { name: /^Enable entry/ }).count()).toBe(1);
  });

  it('imports a small CSV and shows what was taken, what was skipped and why', async () => {
    const csv = [
      'hash_type,value,classification,series,notes',
      `sha256,${'ab'.repeat(32)},csam-b2,browser-import,synthetic`,
      `md5,${'cd'.repeat(16)},harmful-abusive-material,browser-import,synthetic`,
      'md5,not-a-hash,csam-a1,,',
      `sha256,${sha256(known[1].bytes)},csam-a1,,already there`,
    ].join('\n');
    await page.getByLabel('Format').selectOption('csv');
    await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'hashes.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const summary = page.locator('.vigil-import-summary');
    await summary.getByText('2 taken, 2 skipped.').waitFor();
    await summary.getByRole('cell', { name: 'Invalid hash value' }).first().waitFor();
    await summary.getByRole('cell', { name: 'Already in the bank' }).first().waitFor();
    await expectAccessible();
  });

  it('switches to French and back', async () => {
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { level: 2, name: 'Importer des condensés' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.getByRole('navigation').getByRole('link', { name: 'Banques de condensés' }).waitFor();
    await page.getByRole('link', { name: 'Testeur de correspondance' }).click();
    await page.getByRole('heading', { level: 1, name: 'Testeur de correspondance' }).waitFor();
    await expectAccessible();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Match tester' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  it('match tester: a demo image and its hash match exactly, with the distance and the reason', async () => {
    await page.goto('/#/match');
    await page.getByLabel('File', { exact: true }).setInputFiles({ name: known[2].name, mimeType: 'image/png', buffer: known[2].bytes });
    await page.getByRole('button', { name: 'Check file' }).click();
    const results = page.locator('section[aria-labelledby="match-results"]');
    const sha256Row = results.locator('tbody tr').filter({ hasText: sha256(known[2].bytes) });
    await sha256Row.waitFor();
    await expect(sha256Row.textContent()).resolves.toMatch(/SHA256.*Yes.*exact.*0.*sha256 equal to entry .* of bank "Demo known-material bank/);
    await expectAccessible();

    await page.getByLabel('Hash type').selectOption('sha256');
    await page.getByLabel('Hash (hexadecimal)').fill(sha256(known[3].bytes));
    await page.getByRole('button', { name: 'Check hash' }).click();
    await results.locator('tbody tr').filter({ hasText: sha256(known[3].bytes) }).filter({ hasText: 'exact' }).waitFor();
    await page.getByLabel('Hash (hexadecimal)').fill('00'.repeat(32));
    await page.getByRole('button', { name: 'Check hash' }).click();
    await expect(results.locator('tbody tr').filter({ hasText: '00'.repeat(32) }).textContent()).resolves.toContain('No');
  });

  it('review queue: metadata and hashes first, the preview blurred and grey until the reviewer reveals it', async () => {
    await page.getByRole('link', { name: 'Review queue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
    await page.getByRole('heading', { name: 'My exposure' }).waitFor();
    await expectAccessible();
    await page.getByRole('button', { name: 'Next item' }).click();
    await page.getByRole('heading', { level: 2, name: /^Item from report/ }).waitFor();
    await page.getByText('SHA-256').waitFor();

    const image = page.locator('main figure img');
    await image.waitFor();
    expect(await image.getAttribute('data-revealed')).toBe('false');
    // Runs in the page; this file compiles without the DOM's types, hence the cast.
    type InPage = { getComputedStyle(node: unknown): { filter: string } };
    const filterOf = (element: typeof image) => element.evaluate((node) => (globalThis as unknown as InPage).getComputedStyle(node).filter);
    const concealed = await filterOf(image);
    expect(concealed).toMatch(/blur\(\d+px\)/);
    expect(concealed).toMatch(/grayscale\(1\)/);
    await expectAccessible();

    await page.getByRole('button', { name: 'Reveal' }).click();
    await page.locator('main figure img[data-revealed="true"]').waitFor();
    expect(await filterOf(image)).toBe('none');
    await page.getByRole('button', { name: 'Blur again' }).click();
    await page.locator('main figure img[data-revealed="false"]').waitFor();
    await page.getByRole('button', { name: 'Release item' }).click();
    await page.getByText('Item released back to the queue.').waitFor();
  });

  it('URLs, providers with time-to-removal figures, and the index status open cleanly and pass axe', async () => {
    for (const [link, heading] of [
      ['URLs and notices', 'URLs and notices'],
      ['Providers', 'Hosting providers'],
      ['Index status', 'Index status'],
    ]) {
      await page.getByRole('navigation').getByRole('link', { name: link }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.locator('main [role="alert"]').allTextContents()).toEqual([]);
      await expectAccessible();
    }
    await page.getByText('PDQ hashes indexed').waitFor();
  });

  it('ran without a script error', () => {
    expect(errors.filter((error) => !error.includes('Failed to load resource'))).toEqual([]);
  });
});
