import { createServiceDataSource, initialiseServiceDatabase, platformTablesMigration } from '@vigil/persistence';
import { CreateEvidenceFiles1764000400000, CreateReports1763900000000, CreateTriageAndIndustryIntake1764000700000, ReportClosedAt1764310000002 } from '@vigil/reports';
import { AuditHashChain1764000800000, auditLogUpSql } from '@vigil/security';
import { CreateTakedown1764000300001 } from '@vigil/takedown';
import { createTestDatabase, type TestDatabase } from '@vigil/test-fixtures';
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { DataSource } from 'typeorm';
import { runCli } from './main';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const ENV = { RETENTION_CLOSED_REPORT_DAYS: '30', RETENTION_CLOSED_REPORT_EVIDENCE_DAYS: '20' };

function captureIo() {
  const [stdout, stderr] = [new PassThrough(), new PassThrough()];
  let [out, err] = ['', ''];
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { io: { stdout, stderr }, out: () => out, err: () => err };
}

/** Synthetic reports in every retention situation, written straight to the tables. */
describe('vigil retention purge (real Postgres)', () => {
  let database: TestDatabase;
  let tipline: DataSource;
  let hash: DataSource;
  const ids: Record<string, string> = {};
  const evidence: Record<string, string> = {};

  async function report(name: string, status: string, options: { closedDaysAgo?: number; escalated?: boolean; receivedDaysAgo?: number } = {}) {
    const id = (ids[name] = randomUUID());
    await tipline.query(
      `INSERT INTO tipline.reports (id, reference, source, incident_type, description, urls, media, status, priority, priority_rank, priority_reasons, received_at, escalated_at, version)
       VALUES ($1, $2, 'public', 'online-luring', 'synthetic', '[]', '[]', 'submitted', 'normal', 2, '[]', $3, $4, 1)`,
      [id, `VGL-RET-${name}`, ago(options.receivedDaysAgo ?? 500), options.escalated ? ago(200) : null],
    );
    if (status !== 'submitted') await tipline.query(`UPDATE tipline.reports SET status = $2 WHERE id = $1`, [id, status]);
    if (options.closedDaysAgo !== undefined) await tipline.query(`UPDATE tipline.reports SET closed_at = $2 WHERE id = $1`, [id, ago(options.closedDaysAgo)]);
    evidence[name] = randomUUID();
    await tipline.query(`INSERT INTO tipline.evidence_files (media_id, report_id, content_type, content, sha256, encryption, created_at) VALUES ($1, $2, 'image/png', '\\x00', $3, 'none', now())`, [evidence[name], id, 'a'.repeat(64)]);
    await tipline.query(`INSERT INTO tipline.report_identifiers (report_id, kind, value) VALUES ($1, 'url', 'https://example.org/synthetic')`, [id]);
    await tipline.query(`INSERT INTO tipline.retention_test_notes (report_id) VALUES ($1)`, [id]);
  }

  async function takedownUrl(name: string, status: string, removedDaysAgo?: number) {
    const id = (ids[name] = randomUUID());
    await hash.query(`INSERT INTO hash_detection.takedown_urls (id, url, host, status, first_reported_at, removed_at, version) VALUES ($1, $2, 'example.org', $3, $4, $5, 1)`, [
      id, `https://example.org/${name}`, status, ago(500), removedDaysAgo === undefined ? null : ago(removedDaysAgo),
    ]);
    await hash.query(`INSERT INTO hash_detection.takedown_url_history (url_id, at, from_status, to_status, actor, reason) VALUES ($1, now(), NULL, $2, 'analyst', 'synthetic')`, [id, status]);
  }

  const counts = async () => ({
    reports: (await tipline.query(`SELECT id FROM tipline.reports ORDER BY id`)).map((row: { id: string }) => row.id),
    evidence: (await tipline.query(`SELECT media_id FROM tipline.evidence_files ORDER BY media_id`)).map((row: { media_id: string }) => row.media_id),
    outbox: (await tipline.query(`SELECT count(*)::int AS n FROM tipline.outbox`))[0].n,
    urls: (await hash.query(`SELECT count(*)::int AS n FROM hash_detection.takedown_urls`))[0].n,
    audit: (await tipline.query(`SELECT count(*)::int AS n FROM tipline.audit_log`))[0].n + (await hash.query(`SELECT count(*)::int AS n FROM hash_detection.audit_log`))[0].n,
  });

  const purgedEvidenceEvents = async (): Promise<Array<{ reportId: string; mediaIds: string[]; recordType: string; correlationId: string }>> =>
    (await tipline.query(`SELECT envelope FROM tipline.outbox WHERE event_type = 'evidence.purged.v1' ORDER BY seq`)).map(
      ({ envelope }: { envelope: { correlationId: string; payload: { reportId: string; mediaIds: string[]; recordType: string } } }) => ({ ...envelope.payload, correlationId: envelope.correlationId }),
    );

  beforeAll(async () => {
    database = await createTestDatabase('vigil_retention');
    tipline = createServiceDataSource({
      url: database.url, schema: 'tipline', entities: [],
      migrations: [platformTablesMigration(auditLogUpSql), AuditHashChain1764000800000, CreateReports1763900000000, CreateEvidenceFiles1764000400000, CreateTriageAndIndustryIntake1764000700000, ReportClosedAt1764310000002],
    });
    await initialiseServiceDatabase(tipline, 'tipline');
    hash = createServiceDataSource({ url: database.url, schema: 'hash_detection', entities: [], migrations: [platformTablesMigration(auditLogUpSql), AuditHashChain1764000800000, CreateTakedown1764000300001] });
    await initialiseServiceDatabase(hash, 'hash_detection');
    // A table added later that hangs off reports: the purge must find it through its foreign key.
    await tipline.query(`CREATE TABLE tipline.retention_test_notes (report_id uuid NOT NULL REFERENCES tipline.reports(id))`);

    await report('old-closed', 'closed', { closedDaysAgo: 100 });
    await report('recently-closed', 'closed', { closedDaysAgo: 25 });
    await report('old-closed-escalated', 'closed', { closedDaysAgo: 100, escalated: true });
    await report('old-open', 'submitted', { receivedDaysAgo: 900 });
    await report('just-closed', 'closed');
    await tipline.query(`INSERT INTO tipline.outbox (event_id, event_type, envelope, created_at, published_at) VALUES
      ($1, 'report.submitted.v1', '{}', $4, $4), ($2, 'report.submitted.v1', '{}', $4, NULL), ($3, 'report.submitted.v1', '{}', $5, $5)`, [randomUUID(), randomUUID(), randomUUID(), ago(40), ago(1)]);
    await takedownUrl('removed-long-ago', 'removed', 400);
    await takedownUrl('removed-recently', 'removed', 10);
    await takedownUrl('still-up', 'notice-sent');
  });

  afterAll(async () => {
    await tipline?.destroy();
    await hash?.destroy();
    await database?.drop();
  });

  it('stamps closed_at when a report is closed, and only then', async () => {
    const [justClosed] = await tipline.query(`SELECT closed_at FROM tipline.reports WHERE id = $1`, [ids['just-closed']]);
    expect(Date.now() - new Date(justClosed.closed_at).getTime()).toBeLessThan(60_000);
    const [open] = await tipline.query(`SELECT closed_at FROM tipline.reports WHERE id = $1`, [ids['old-open']]);
    expect(open.closed_at).toBeNull();
  });

  it('on --dry-run prints what is due and changes nothing', async () => {
    const before = await counts();
    const capture = captureIo();
    Object.assign(process.env, ENV);
    try {
      expect(await runCli(['retention', 'purge', '--database-url', database.url, '--dry-run'], capture.io)).toBe(0);
    } finally {
      for (const key of Object.keys(ENV)) delete process.env[key];
    }
    expect(capture.out()).toContain('tipline closed-report-evidence: 3 due (dry run, nothing deleted), kept 20 days');
    expect(capture.out()).toContain('tipline closed-report: 1 due (dry run, nothing deleted), kept 30 days');
    expect(capture.out()).toContain('tipline relayed-outbox-event: 1 due (dry run');
    expect(capture.out()).toContain('hash_detection removed-takedown-url: 1 due (dry run');
    expect(await counts()).toEqual(before);
  });

  it('purges what is due with everything attached, keeps the rest, audits each type, and the chain still verifies', async () => {
    const capture = captureIo();
    Object.assign(process.env, ENV);
    try {
      expect(await runCli(['retention', 'purge', '--database-url', database.url], capture.io)).toBe(0);
    } finally {
      for (const key of Object.keys(ENV)) delete process.env[key];
    }
    expect(capture.err()).toBe('');
    expect(capture.out()).toContain('tipline closed-report: 1 purged, kept 30 days');

    const after = await counts();
    expect(after.reports.sort()).toEqual([ids['recently-closed'], ids['old-closed-escalated'], ids['old-open'], ids['just-closed']].sort());
    expect(after.evidence.sort()).toEqual([evidence['old-open'], evidence['just-closed']].sort());
    // The relayed row past its period went; each report whose evidence went is announced to hash detection.
    expect(after.outbox).toBe(2 + 3);
    const announced = await purgedEvidenceEvents();
    expect(announced.sort((a, b) => a.reportId.localeCompare(b.reportId))).toEqual(
      ['old-closed', 'recently-closed', 'old-closed-escalated']
        .map((name) => ({ reportId: ids[name], mediaIds: [evidence[name]], recordType: 'closed-report-evidence', correlationId: ids[name] }))
        .sort((a, b) => a.reportId.localeCompare(b.reportId)),
    );
    expect(after.urls).toBe(2);
    const leftovers = await tipline.query(
      `SELECT (SELECT count(*) FROM tipline.report_identifiers WHERE report_id = $1)::int + (SELECT count(*) FROM tipline.retention_test_notes WHERE report_id = $1)::int AS n`,
      [ids['old-closed']],
    );
    expect(leftovers[0].n).toBe(0);
    expect((await hash.query(`SELECT count(*)::int AS n FROM hash_detection.takedown_url_history WHERE url_id = $1`, [ids['removed-long-ago']]))[0].n).toBe(0);

    const audit = await tipline.query(`SELECT actor, action, resource_type, detail FROM tipline.audit_log ORDER BY seq`);
    expect(audit.map((row: { resource_type: string; detail: { count: number } }) => [row.resource_type, row.detail.count])).toEqual([
      ['retention:closed-report-evidence', 3],
      ['retention:closed-report', 1],
      ['retention:relayed-outbox-event', 1],
    ]);
    expect(audit[1]).toMatchObject({ actor: 'retention-purge', action: 'purge', detail: { ids: [ids['old-closed']], keepDays: 30 } });
    expect(audit[0].detail.ids.sort()).toEqual([evidence['old-closed'], evidence['recently-closed'], evidence['old-closed-escalated']].sort());
    const hashAudit = await hash.query(`SELECT resource_type, detail FROM hash_detection.audit_log`);
    expect(hashAudit).toEqual([{ resource_type: 'retention:removed-takedown-url', detail: expect.objectContaining({ count: 1, ids: [ids['removed-long-ago']] }) }]);

    for (const schema of ['tipline', 'hash_detection']) {
      const verify = captureIo();
      expect(await runCli(['audit', 'verify', '--database-url', database.url, '--schema', schema], verify.io)).toBe(0);
    }

    // Nothing is due any more: a second run purges nothing and writes no audit entry.
    const again = captureIo();
    expect(await runCli(['retention', 'purge', '--database-url', database.url, '--schema', 'tipline'], again.io)).toBe(0);
    expect(again.out()).toContain('tipline closed-report: 0 purged');
    expect((await tipline.query(`SELECT count(*)::int AS n FROM tipline.audit_log`))[0].n).toBe(3);
  });

  it('announces the evidence a report takes with it when the evidence rule has not purged it first', async () => {
    await report('closed-with-files', 'closed', { closedDaysAgo: 100 });
    const second = randomUUID();
    await tipline.query(`INSERT INTO tipline.evidence_files (media_id, report_id, content_type, content, sha256, encryption, created_at) VALUES ($1, $2, 'image/png', '\\x00', $3, 'none', now())`, [second, ids['closed-with-files'], 'b'.repeat(64)]);
    const before = (await purgedEvidenceEvents()).length;
    const capture = captureIo();
    Object.assign(process.env, { RETENTION_CLOSED_REPORT_DAYS: '30', RETENTION_CLOSED_REPORT_EVIDENCE_DAYS: 'off' });
    try {
      expect(await runCli(['retention', 'purge', '--database-url', database.url, '--schema', 'tipline'], capture.io)).toBe(0);
    } finally {
      delete process.env.RETENTION_CLOSED_REPORT_DAYS;
      delete process.env.RETENTION_CLOSED_REPORT_EVIDENCE_DAYS;
    }
    expect(capture.out()).toContain('tipline closed-report: 1 purged');
    const announced = (await purgedEvidenceEvents()).slice(before);
    expect(announced).toEqual([{ reportId: ids['closed-with-files'], mediaIds: [evidence['closed-with-files'], second].sort(), recordType: 'closed-report', correlationId: ids['closed-with-files'] }]);
  });

  it('names the variable of a malformed period and the allowed schemas', async () => {
    const capture = captureIo();
    process.env.RETENTION_CLOSED_REPORT_DAYS = 'soon';
    try {
      expect(await runCli(['retention', 'purge', '--database-url', database.url, '--schema', 'tipline'], capture.io)).toBe(1);
    } finally {
      delete process.env.RETENTION_CLOSED_REPORT_DAYS;
    }
    expect(capture.err()).toMatch(/RETENTION_CLOSED_REPORT_DAYS must be a whole number of days/);
    const wrong = captureIo();
    expect(await runCli(['retention', 'purge', '--database-url', database.url, '--schema', 'public'], wrong.io)).toBe(1);
    expect(wrong.err()).toMatch(/--schema must be one of tipline, hash_detection, referral_hub/);
  });
});
