import { axeViolations, demoKnownImages, launchChromium, openStaffPage } from '@vigil/test-fixtures';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_BANK_NAME } from '../demo-seed';
import { DEMO_TAKEDOWN_URL } from '../demo-takedown';
import { api, assertBuilt, embeddedPlatform, eventually, PlatformProcess, REPO_ROOT, staffToken, type PlatformUrls } from './platform-harness';

/**
 * The hash-detection staff UI in Chromium, against the compiled platform in embedded mode with
 * its demo data, as a reviewer (who is also a bank curator) uses it, then as a supervisor. The
 * steps run in order on one page, as one person's session would.
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
  let urls: PlatformUrls;

  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  const expectAccessible = async () => expect(await axeViolations(page)).toEqual([]);

  beforeAll(async () => {
    assertBuilt();
    if (!existsSync(join(REPO_ROOT, 'dist', 'apps', 'hash-detection-web', 'index.html'))) throw new Error('the web UI is not built: run `npm run build`');
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
    // The demo's unknown image came with an online-luring report: its label, not its code.
    await page.locator('main dd').getByText('Online luring', { exact: true }).waitFor();
    expect(await page.locator('main dd').getByText('online-luring').count()).toBe(0);

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
    // A fresh platform rebuilt its index from Postgres and has written no snapshot yet: said, not "—".
    await page.getByText('Postgres (rebuilt)').waitFor();
    await page.getByText(/^not yet \(written when the index changes, and at shutdown\)$/).waitFor();
  });

  it('a supervisor starts on the review queue, sees only the pages of the role, settles an item the reviewers could not agree on, and re-sends a notice', async () => {
    // Four reviewers disagree on the demo's unknown image (REVIEW_CONSENSUS 2: after 4 decisions without 2 alike, it waits for a supervisor).
    const admin = await staffToken(urls.hashDetection, 'admin');
    const reviewers = [await staffToken(urls.hashDetection, 'reviewer')];
    for (const username of ['browser-reviewer-2', 'browser-reviewer-3', 'browser-reviewer-4']) {
      const password = `${username}-password`;
      const created = await api(`${urls.hashDetection}/api/v1/staff-accounts`, { method: 'POST', token: admin, body: JSON.stringify({ username, displayName: username, roles: ['reviewer'], password }) });
      expect(created.status).toBe(201);
      reviewers.push((await api<{ accessToken: string }>(`${urls.hashDetection}/api/v1/auth/login`, { method: 'POST', body: JSON.stringify({ username, password }) })).body.accessToken);
    }
    const classifications = ['csam-b2', 'harmful-abusive-material', 'not-csam', 'csam-a1'];
    const itemIds = new Set<string>();
    let verdict = '';
    for (const [index, token] of reviewers.entries()) {
      const next = await api<{ id: string }>(`${urls.hashDetection}/api/v1/review/next`, { method: 'POST', token });
      itemIds.add(next.body.id);
      const decided = await api<{ verdict: string }>(`${urls.hashDetection}/api/v1/review/items/${next.body.id}/decisions`, {
        method: 'POST',
        token,
        body: JSON.stringify({ classification: classifications[index], note: `browser test reviewer ${index + 1}` }),
      });
      verdict = decided.body.verdict;
    }
    expect(itemIds.size).toBe(1);
    expect(verdict).toBe('needs-supervisor');
    const [itemId] = itemIds;

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto('/');
    await page.getByLabel('Username').fill('supervisor');
    await page.getByLabel('Password').fill('vigil-demo-supervisor');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
    expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toEqual(['Review queue', 'URLs and notices', 'Providers']);
    await page.getByRole('heading', { level: 2, name: 'Waiting for a supervisor' }).waitFor();
    expect(await page.getByRole('button', { name: 'Next item' }).count()).toBe(0);
    const awaiting = page.locator('main dt', { hasText: 'Waiting for a supervisor' }).locator('xpath=following-sibling::dd[1]');
    await eventually(async () => ((await awaiting.textContent()) === '1' ? true : undefined), 'the queue to count one item waiting for a supervisor', 15000);
    await expectAccessible();

    // The list the supervisor works from: the one item, opened from its row.
    const listed = page.locator('section[aria-labelledby="review-supervisor"] tbody tr');
    expect(await listed.count()).toBe(1);
    await listed.getByRole('button', { name: /^Open/ }).click();
    const panel = page.locator('section[aria-labelledby="supervisor-item"]');
    await panel.getByRole('heading', { level: 2, name: /^Item from report VGL-/ }).waitFor();
    await panel.locator('dd').getByText('Online luring', { exact: true }).waitFor();
    const decisions = panel.locator('table').filter({ has: page.getByRole('columnheader', { name: 'Reviewer' }) }).locator('tbody tr');
    expect(await decisions.count()).toBe(4);
    await expect(decisions.allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringMatching(/browser-reviewer-3.*Not CSAM.*browser test reviewer 3/)]));
    const image = panel.locator('figure img');
    await image.waitFor();
    expect(await image.getAttribute('data-revealed')).toBe('false');
    await expectAccessible();

    await page.getByRole('button', { name: 'Français' }).click();
    await panel.locator('dd').getByText('Leurre en ligne', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();

    await page.getByLabel('Classification').selectOption('csam-b2');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await panel.getByRole('alert').getByText('Give the reason for your decision.').waitFor();
    await page.getByLabel('Reason (required)').fill('Browser test: B2 on a closer look at the preview');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByRole('status').getByText(/^Item from report VGL-.* settled: CSAM B2\. Your decision and reason are recorded\.$/).waitFor();
    await eventually(async () => ((await awaiting.textContent()) === '0' ? true : undefined), 'the queue to count none waiting for a supervisor', 15000);
    const settled = await api<{ status: string; overrides: Array<{ by: string; classification: string; reason: string }> }>(`${urls.hashDetection}/api/v1/review/items/${itemId}`, { token: admin });
    expect(settled.body).toMatchObject({ status: 'overridden', overrides: [{ by: 'supervisor', classification: 'csam-b2', reason: 'Browser test: B2 on a closer look at the preview' }] });

    // Send the demo URL's open notice again: the page says how the delivery went, in either language.
    const supervisorToken = await staffToken(urls.hashDetection, 'supervisor');
    const listedUrls = await api<Array<{ id: string; url: string }>>(`${urls.hashDetection}/api/v1/urls`, { token: supervisorToken });
    const demoUrl = listedUrls.body.find((row) => row.url === DEMO_TAKEDOWN_URL);
    expect(demoUrl).toBeDefined();
    await page.goto(`/#/urls/${demoUrl?.id}`);
    await page.getByRole('heading', { level: 2, name: 'Issue a takedown notice' }).waitFor();
    await page.getByLabel('Reason').fill('Browser test: still online');
    await page.getByRole('button', { name: 'Issue notice' }).click();
    await page.getByRole('status').getByText(/^Notice sent\. What the provider's channel answered is under Notices below\.$/).waitFor();
    await expectAccessible();
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('button', { name: 'Envoyer l’avis' }).click();
    await page.getByRole('status').getByText(/^Avis envoyé\./).waitFor();
    await page.getByRole('button', { name: 'English' }).click();

    // A page the role cannot use says so, instead of showing a form the API would refuse.
    await page.goto('/#/banks');
    await page.getByRole('heading', { level: 1, name: 'Not available for your role' }).waitFor();
    expect(await page.getByRole('heading', { name: 'New bank' }).count()).toBe(0);
    expect(await page.locator('main [role="alert"]').count()).toBe(0);
  });

  it('ran without a script error', () => {
    expect(errors.filter((error) => !error.includes('Failed to load resource'))).toEqual([]);
  });
});
