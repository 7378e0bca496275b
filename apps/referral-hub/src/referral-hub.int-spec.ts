import { envelope, REPORT_ESCALATED_V1, type ReportEscalatedV1 } from '@vigil/contracts';
import { InProcessMessageBus } from '@vigil/messaging';
import { bootstrapService, type RunningService } from '@vigil/platform';
import { DEMO_STAFF, demoStaffDirectory } from '@vigil/security';
import { createTestDatabase, type TestDatabase } from '@vigil/test-fixtures';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referralHubService } from './main';

/** Synthetic and benign: example.com addresses, documentation IPs, made-up geolocation. */
const GEOIP_CSV = 'start_ip,end_ip,country,subdivision,city,accuracy_km\n198.51.100.0,198.51.100.127,CA,CA-ON,Ottawa,20\n';
const ncmecXml = (reportId: string, email: string) => `<?xml version="1.0" encoding="UTF-8"?>
<report ncmecReportId="${reportId}">
  <incidentSummary>
    <incidentType>Online Enticement of Children for Sexual Acts</incidentType>
    <platform>Example Social</platform>
    <incidentDateTime>2026-11-20T08:15:00Z</incidentDateTime>
  </incidentSummary>
  <reporter><reportingPerson><email>reports@example.com</email></reportingPerson></reporter>
  <personOrUserReported>
    <personOrUserReportedPerson><email>${email}</email></personOrUserReportedPerson>
    <screenName>example_user_01</screenName>
    <ipCaptureEvent><ipAddress>198.51.100.20</ipAddress><eventName>Login</eventName><dateTime>2026-11-20T08:00:00Z</dateTime></ipCaptureEvent>
  </personOrUserReported>
  <fileDetails><fileName>example.png</fileName><originalFileHash hashType="SHA256">${'cd'.repeat(32)}</originalFileHash></fileDetails>
</report>`;

interface Answer<T> {
  status: number;
  body: T;
  bytes: Buffer;
  type: string;
}

describe('referral hub over HTTP (in-process, real Postgres)', () => {
  jest.setTimeout(120000);
  let database: TestDatabase;
  let service: RunningService;
  let bus: InProcessMessageBus;
  let base: string;
  const tokens: Record<string, string> = {};
  const keys: Record<string, string> = {};
  const geoDir = mkdtempSync(join(tmpdir(), 'vigil-geoip-'));

  async function call<T = unknown>(path: string, init: { method?: string; body?: string; type?: string; token?: string; apiKey?: string } = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = {};
    if (init.body !== undefined) headers['content-type'] = init.type ?? 'application/json';
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.apiKey) headers['x-api-key'] = init.apiKey;
    const response = await fetch(`${base}${path}`, { method: init.method ?? 'GET', headers, body: init.body });
    const bytes = Buffer.from(await response.arrayBuffer());
    const type = response.headers.get('content-type') ?? '';
    return { status: response.status, bytes, type, body: (type.includes('json') && bytes.length > 0 ? JSON.parse(bytes.toString('utf8')) : bytes.toString('utf8')) as T };
  }

  beforeAll(async () => {
    writeFileSync(join(geoDir, 'ranges.csv'), GEOIP_CSV);
    process.env.GEOIP_CSV_PATH = join(geoDir, 'ranges.csv');
    database = await createTestDatabase('vigil_int_referral_hub');
    bus = new InProcessMessageBus({ attempts: 2, backoffMs: 10 });
    service = await bootstrapService(referralHubService, {
      port: 0, databaseUrl: database.url, bus, jwtSecret: 'int-test-secret', staffDirectory: await demoStaffDirectory(), relayIntervalMs: 100, log: () => undefined,
    });
    base = await service.app.getUrl();
    base = base.replace('[::1]', '127.0.0.1');
    for (const user of DEMO_STAFF) {
      tokens[user.username] = (await call<{ accessToken: string }>('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ username: user.username, password: user.password }) })).body.accessToken;
    }
    for (const [partnerId, scope] of [['example-platform', 'industry-reports'], ['ontario-provincial-strategy-ice', 'referrals'], ['toronto-police-service', 'referrals']]) {
      const created = await call<{ key: string }>('/api/v1/api-keys', { method: 'POST', token: tokens.admin, body: JSON.stringify({ partnerId, partnerName: partnerId, scopes: [scope] }) });
      expect(created.status).toBe(201);
      keys[partnerId] = created.body.key;
    }
  });

  afterAll(async () => {
    delete process.env.GEOIP_CSV_PATH;
    await service?.close();
    await bus?.close();
    await database?.drop();
    rmSync(geoDir, { recursive: true, force: true });
  });

  it('bundles a tipline escalation and an NCMEC report about one suspect e-mail, and carries the case to the police service', async () => {
    const escalation: ReportEscalatedV1 = {
      reportId: randomUUID(), reference: 'VGL-TEST-0001', incidentType: 'online-luring', priority: 'high', priorityReasons: ['active contact'], urls: [], mediaSha256: ['ab'.repeat(32)],
      summary: 'An adult wrote to a child from suspect.one@example.com. Postal code K1A 0B1.', escalatedBy: 'analyst', escalatedAt: new Date().toISOString(), source: 'public',
    };
    await bus.publish(envelope(REPORT_ESCALATED_V1, 'tipline', escalation));
    const cases = await call<Array<{ id: string; reports: Array<{ sourceReportId: string }> }>>('/api/v1/cases', { token: tokens.investigator });
    const caseId = cases.body.find((kase) => kase.reports.some((item) => item.sourceReportId === escalation.reportId))?.id as string;
    expect(caseId).toBeDefined();

    // Intake: XML only, with a clear 4xx for the wrong body, idempotent on NCMEC's number.
    const xml = ncmecXml('900000777', 'Suspect.One@example.com');
    expect((await call('/api/v1/intake/cybertip', { method: 'POST', apiKey: keys['example-platform'], body: JSON.stringify({ xml }) })).status).toBe(415);
    expect(await call('/api/v1/intake/cybertip', { method: 'POST', apiKey: keys['example-platform'], type: 'application/xml', body: '<report><nope/></report>' })).toMatchObject({ status: 400 });
    expect((await call('/api/v1/intake/cybertip', { method: 'POST', apiKey: keys['toronto-police-service'], type: 'application/xml', body: xml })).status).toBe(403);
    const imported = await call<{ created: boolean; caseId: string; referralId: string; attachedBecause: string }>('/api/v1/intake/cybertip', {
      method: 'POST', apiKey: keys['example-platform'], type: 'application/xml', body: xml,
    });
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ created: true, caseId, attachedBecause: expect.stringContaining('same email suspect.one@example.com') });
    const retried = await call<{ created: boolean; referralId: string }>('/api/v1/intake/cybertip', { method: 'POST', apiKey: keys['example-platform'], type: 'text/xml', body: xml });
    expect(retried).toMatchObject({ status: 200, body: { created: false, referralId: imported.body.referralId } });
    const original = await call(`/api/v1/referrals/${imported.body.referralId}/original`, { token: tokens.investigator });
    expect(original.bytes.toString('utf8')).toBe(xml);

    const kase = await call<{ reports: Array<{ origin: string; sender?: { id: string } }>; history: Array<{ action: string; detail: Record<string, unknown> }> }>(`/api/v1/cases/${caseId}`, { token: tokens.investigator });
    expect(kase.body.reports.map((item) => item.origin)).toEqual(['tipline', 'ncmec']);
    expect(kase.body.history.find((entry) => entry.action === 'referral-attached')?.detail).toMatchObject({
      rule: 'shared-strong-identifier',
      shared: expect.arrayContaining([expect.objectContaining({ code: 'same-identifier', values: { kind: 'email', value: 'suspect.one@example.com' } })]),
    });
    expect(kase.body.reports[1].sender).toEqual({ id: 'example-platform', name: 'example-platform' });
    // Where each identifier was found: the English record, and its code, kept through Postgres.
    const stored = kase.body as unknown as { reports: Array<{ identifiers: Array<{ kind: string; source: string; sourceCode?: string }> }> };
    expect(stored.reports[0].identifiers).toEqual([expect.objectContaining({ kind: 'email', source: 'tipline escalation summary', sourceCode: 'tipline-summary' })]);
    expect(stored.reports[1].identifiers).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'email', source: 'NCMEC reported user', sourceCode: 'ncmec-reported-user' })]));
    expect((await call(`/api/v1/cases/${caseId}`, { token: tokens.analyst })).status).toBe(403);

    // Triage: proposal with reasons, a decision departing from it needs a reason.
    const queue = await call<{ items: Array<{ referralId: string; urgency: string; proposed: { urgencyReasons: string[] } }> }>('/api/v1/triage/queue', { token: tokens.investigator });
    const queued = queue.body.items.find((item) => item.referralId === imported.body.referralId);
    expect(queued).toMatchObject({ urgency: 'P2' });
    const noReason = await call<{ field: string }>(`/api/v1/referrals/${imported.body.referralId}/triage`, { method: 'POST', token: tokens.investigator, body: JSON.stringify({ actionable: true, urgency: 'P1' }) });
    expect(noReason).toMatchObject({ status: 400, body: { field: 'reason' } });
    expect((await call(`/api/v1/referrals/${imported.body.referralId}/triage`, { method: 'POST', token: tokens.investigator, body: JSON.stringify({ actionable: true, urgency: 'P7' }) })).status).toBe(400);
    const decided = await call<{ triage: { overrides: Array<{ from: string; to: string; by: string }> } }>(`/api/v1/referrals/${imported.body.referralId}/triage`, {
      method: 'POST', token: tokens.investigator, body: JSON.stringify({ actionable: true, urgency: 'P1', reason: 'the child said they will meet him' }),
    });
    expect(decided.body.triage.overrides).toEqual([expect.objectContaining({ from: 'P2', to: 'P1', by: 'investigator' })]);

    // Jurisdiction: postal code and IP agree on Ontario.
    type Coded = { code: string; values: Record<string, unknown> };
    const jurisdiction = await call<{ resolution: { recommended: Coded & { policeService: { id: string }; jurisdiction: { province: string }; supporting: Coded[] }; candidates: Array<{ reasonCodes: Coded[] }> } }>(
      `/api/v1/cases/${caseId}/jurisdiction`, { token: tokens.investigator },
    );
    expect(jurisdiction.body.resolution.recommended).toMatchObject({ jurisdiction: { country: 'CA', province: 'ON' }, policeService: { id: 'ontario-provincial-strategy-ice' } });
    // Reasons come as codes with values too, for the French UI; the English sentences stay.
    expect(jurisdiction.body.resolution.recommended).toMatchObject({ code: 'best-province', values: { jurisdiction: 'CA-ON' }, reason: expect.stringMatching(/^CA-ON is the best supported jurisdiction/) });
    expect(jurisdiction.body.resolution.recommended.supporting).toEqual(expect.arrayContaining([{ code: 'postal-code', values: { postalCode: 'K1A 0B1', fsa: 'K1A', province: 'ON' } }]));
    expect(jurisdiction.body.resolution.candidates[0].reasonCodes.length).toBeGreaterThan(0);
    const evidence = (jurisdiction.body as unknown as { evidence: Array<{ kind: string; value: string; source: string; provenance?: unknown }> }).evidence;
    expect(evidence).toEqual(expect.arrayContaining([
      { kind: 'postal-code', value: 'K1A 0B1', source: 'tipline VGL-TEST-0001: tipline escalation summary', provenance: { origin: 'tipline', reference: 'VGL-TEST-0001', code: 'tipline-summary' } },
    ]));
    expect(await call(`/api/v1/cases/${caseId}/jurisdiction`, { method: 'POST', token: tokens.investigator, body: JSON.stringify({ target: 'atlantis', reason: 'none' }) })).toMatchObject({ status: 400, body: { field: 'target' } });

    // Package: JSON, PDF and a manifest whose hashes verify.
    expect((await call(`/api/v1/cases/${caseId}/packages`, { method: 'POST', token: tokens.investigator, body: JSON.stringify({ kind: 'dossier' }) })).status).toBe(400);
    const built = await call<{ version: number; manifest: { parts: Array<{ sha256: string; bytes: number }>; manifestSha256: string } }>(`/api/v1/cases/${caseId}/packages`, {
      method: 'POST', token: tokens.investigator, body: JSON.stringify({ kind: 'package' }),
    });
    expect(built).toMatchObject({ status: 201, body: { version: 1 } });
    const json = await call(`/api/v1/cases/${caseId}/packages/1?format=json`, { token: tokens.supervisor });
    const pdf = await call(`/api/v1/cases/${caseId}/packages/1?format=pdf`, { token: tokens.supervisor });
    const sha = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(built.body.manifest.parts.map((part) => part.sha256)).toEqual([sha(json.bytes), sha(pdf.bytes)]);
    const { manifestSha256, ...manifestBody } = built.body.manifest;
    expect(manifestSha256).toBe(sha(JSON.stringify(manifestBody)));
    expect(JSON.parse(json.bytes.toString('utf8'))).toMatchObject({ kind: 'package', caseId, identifiers: expect.arrayContaining([expect.objectContaining({ kind: 'email', value: 'suspect.one@example.com' })]) });

    // Dissemination to the recommended service; only that service sees it.
    expect((await call(`/api/v1/cases/${caseId}/disseminate`, { method: 'POST', token: tokens.investigator, body: JSON.stringify({ policeServiceId: 'nowhere-police', kind: 'package' }) })).status).toBe(400);
    expect((await call(`/api/v1/cases/${caseId}/disseminate`, { method: 'POST', token: tokens.investigator, body: JSON.stringify({ policeServiceId: 'ontario-provincial-strategy-ice', kind: 'lead' }) })).status).toBe(409);
    const sent = await call<{ id: string; packageVersion: number }>(`/api/v1/cases/${caseId}/disseminate`, {
      method: 'POST', token: tokens.investigator, body: JSON.stringify({ policeServiceId: 'ontario-provincial-strategy-ice', kind: 'package' }),
    });
    expect(sent).toMatchObject({ status: 201, body: { packageVersion: 1 } });
    const ontario = keys['ontario-provincial-strategy-ice'];
    const toronto = keys['toronto-police-service'];
    expect((await call<Array<{ id: string }>>('/api/v1/partner/referrals', { apiKey: ontario })).body.map((row) => row.id)).toEqual([sent.body.id]);
    expect((await call<unknown[]>('/api/v1/partner/referrals', { apiKey: toronto })).body).toEqual([]);
    expect((await call(`/api/v1/partner/referrals/${sent.body.id}/package.pdf`, { apiKey: toronto })).status).toBe(404);
    const pulled = await call(`/api/v1/partner/referrals/${sent.body.id}/package.pdf`, { apiKey: ontario });
    expect(sha(pulled.bytes)).toBe(built.body.manifest.parts[1].sha256);
    expect((await call('/api/v1/partner/referrals', { apiKey: keys['example-platform'] })).status).toBe(403);

    // The staff queue re-flags it only once it is overdue (REFERRAL_ACK_HOURS, 72 by default).
    const before = await call<{ unacknowledged: { items: unknown[] } }>('/api/v1/triage/queue', { token: tokens.investigator });
    expect(before.body.unacknowledged.items).toEqual([]);

    // Outcomes need an acknowledgement first; acknowledging twice changes nothing.
    const early = await call(`/api/v1/partner/referrals/${sent.body.id}/outcomes`, { method: 'POST', apiKey: ontario, body: JSON.stringify({ outcome: 'arrest', at: new Date().toISOString() }) });
    expect(early.status).toBe(409);
    const acknowledged = await call<{ acknowledgedAt: string }>(`/api/v1/partner/referrals/${sent.body.id}/acknowledge`, { method: 'POST', apiKey: ontario });
    expect(acknowledged.status).toBe(200);
    const again = await call<{ acknowledgedAt: string }>(`/api/v1/partner/referrals/${sent.body.id}/acknowledge`, { method: 'POST', apiKey: ontario });
    expect(again.body.acknowledgedAt).toBe(acknowledged.body.acknowledgedAt);
    expect((await call(`/api/v1/partner/referrals/${sent.body.id}/outcomes`, { method: 'POST', apiKey: ontario, body: JSON.stringify({ outcome: 'jailed', at: 'soon' }) })).status).toBe(400);
    const outcome = await call<{ outcome: string; reportedBy: string }>(`/api/v1/partner/referrals/${sent.body.id}/outcomes`, {
      method: 'POST', apiKey: ontario, body: JSON.stringify({ outcome: 'investigation-opened', at: new Date().toISOString(), note: 'File OPS-1' }),
    });
    expect(outcome).toMatchObject({ status: 201, body: { outcome: 'investigation-opened' } });
    const tracked = await call<Array<{ acknowledgedAt?: string; outcomes: unknown[] }>>(`/api/v1/cases/${caseId}/disseminations`, { token: tokens.supervisor });
    expect(tracked.body[0]).toMatchObject({ acknowledgedAt: acknowledged.body.acknowledgedAt, outcomes: [expect.objectContaining({ outcome: 'investigation-opened' })] });

    // The events went through the outbox.
    const events: Array<{ event_type: string }> = await service.infra.dataSource.query(`SELECT event_type FROM referral_hub.outbox WHERE event_type LIKE 'referral.%' ORDER BY event_type`);
    expect(events.map((row) => row.event_type)).toEqual(['referral.acknowledged.v1', 'referral.disseminated.v1']);
  });

  it('takes police referrals, proposes a link on a shared IP, and lets an investigator merge and split with reasons', async () => {
    const referral = (reference: string, email: string) => ({
      reference, incidentType: 'csam', summary: 'Distribution on a chat service.', agency: { id: 'example-foreign-police', name: 'Example Police', country: 'FR' },
      suspect: { emails: [email], ipAddresses: [{ ip: '198.51.100.99', at: '2026-11-20T10:00:00Z' }] },
    });
    expect(await call('/api/v1/intake/referrals', { method: 'POST', token: tokens.investigator, body: JSON.stringify({ ...referral('X-1', 'a@example.com'), suspect: { ipAddresses: [{ ip: 1 }] } }) })).toMatchObject({ status: 400 });
    expect(await call('/api/v1/intake/referrals', { method: 'POST', token: tokens.investigator, body: JSON.stringify({ ...referral('X-1', 'a@example.com'), agency: undefined }) })).toMatchObject({ status: 400, body: { field: 'agency' } });
    const first = await call<{ caseId: string; referralId: string }>('/api/v1/intake/referrals', { method: 'POST', token: tokens.investigator, body: JSON.stringify(referral('X-1', 'first@example.com')) });
    const second = await call<{ caseId: string; referralId: string; linkProposals: Array<{ caseId: string; strong: boolean }> }>('/api/v1/intake/referrals', {
      method: 'POST', token: tokens.investigator, body: JSON.stringify(referral('X-2', 'second@example.com')),
    });
    expect(first.status).toBe(201);
    expect(second.body.caseId).not.toBe(first.body.caseId);
    expect(second.body.linkProposals).toEqual([expect.objectContaining({ caseId: first.body.caseId, strong: false })]);
    const links = await call<Array<{ caseId: string; shared: Array<{ code: string; values: Record<string, unknown>; reason: string }> }>>(`/api/v1/cases/${second.body.caseId}/links`, { token: tokens.investigator });
    expect(links.body.map((link) => link.caseId)).toEqual([first.body.caseId]);
    expect(links.body[0].shared).toEqual([
      expect.objectContaining({ code: 'ip-close-in-time', values: { ip: '198.51.100.99', hours: 0, windowHours: 24 }, reason: 'IP 198.51.100.99 seen 0.0 h apart (within 24 h)' }),
    ]);

    expect(await call(`/api/v1/cases/${first.body.caseId}/merge`, { method: 'POST', token: tokens.investigator, body: JSON.stringify({ otherCaseId: second.body.caseId }) })).toMatchObject({ status: 400 });
    const merged = await call<{ reports: Array<{ id: string }> }>(`/api/v1/cases/${first.body.caseId}/merge`, {
      method: 'POST', token: tokens.investigator, body: JSON.stringify({ otherCaseId: second.body.caseId, reason: 'same IP at the same time, same chat account' }),
    });
    expect(merged.body.reports.map((item) => item.id)).toEqual([first.body.referralId, second.body.referralId]);
    expect((await call(`/api/v1/cases/${second.body.caseId}`, { token: tokens.investigator })).body).toMatchObject({ status: 'merged', mergedInto: first.body.caseId });
    expect((await call(`/api/v1/cases/${second.body.caseId}/merge`, { method: 'POST', token: tokens.investigator, body: JSON.stringify({ otherCaseId: first.body.caseId, reason: 'again' }) })).status).toBe(409);

    const split = await call<{ split: { id: string; reports: Array<{ id: string }> } }>(`/api/v1/cases/${first.body.caseId}/split`, {
      method: 'POST', token: tokens.investigator, body: JSON.stringify({ referralIds: [second.body.referralId], reason: 'the IP is a shared café network' }),
    });
    expect(split.body.split.reports.map((item) => item.id)).toEqual([second.body.referralId]);
    const audit: Array<{ action: string; detail: { operation?: string } }> = await service.infra.dataSource.query(
      `SELECT action, detail FROM referral_hub.audit_log WHERE resource_id = $1 AND action = 'change' ORDER BY seq`,
      [first.body.caseId],
    );
    expect(audit.map((row) => row.detail.operation)).toEqual(['merge', 'split']);
  });
});
