import { createTestDatabase, type TestDatabase } from '@vigil/test-fixtures';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, assertBuilt, embeddedPlatform, eventually, PlatformProcess, reportForm, staffToken, type PlatformUrls } from './platform-harness';

/** Synthetic and benign: example.com addresses, a documentation IP (RFC 5737) and made-up geolocation data. */
const SUSPECT_EMAIL = 'e2e.suspect@example.com';
const GEOIP_CSV = 'start_ip,end_ip,country,subdivision,city,accuracy_km\n198.51.100.0,198.51.100.127,CA,CA-ON,Ottawa,20\n';
const NCMEC_XML = `<?xml version="1.0" encoding="UTF-8"?>
<report ncmecReportId="900004242">
  <incidentSummary>
    <incidentType>Online Enticement of Children for Sexual Acts</incidentType>
    <platform>Example Social</platform>
    <incidentDateTime>2026-11-20T08:15:00Z</incidentDateTime>
  </incidentSummary>
  <reporter><reportingPerson><email>reports@example.com</email></reportingPerson></reporter>
  <personOrUserReported>
    <personOrUserReportedPerson><email>${SUSPECT_EMAIL.toUpperCase()}</email></personOrUserReportedPerson>
    <screenName>example_user_42</screenName>
    <ipCaptureEvent><ipAddress>198.51.100.20</ipAddress><eventName>Login</eventName><dateTime>2026-11-20T08:00:00Z</dateTime></ipCaptureEvent>
  </personOrUserReported>
</report>`;

interface CaseRow {
  id: string;
  reference: string;
  reports: Array<{ id: string; origin: string; sourceReportId: string }>;
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

async function fetchBytes(url: string, headers: Record<string, string>): Promise<{ status: number; bytes: Buffer }> {
  const response = await fetch(url, { headers });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}

/**
 * The referral hub's done-when, over HTTP against the compiled platform: a tipline report
 * escalated by an analyst and an NCMEC report imported by a partner, both about the same suspect
 * e-mail, end up in one case; the case is placed in Ontario, packaged with a manifest that
 * verifies, sent to the Ontario ICE unit, which alone sees it through its API key, acknowledges it
 * and reports an outcome.
 */
describe('referral hub: intake → one case → jurisdiction → package → dissemination → acknowledgement', () => {
  jest.setTimeout(240000);
  let database: TestDatabase;
  let platform: PlatformProcess;
  let tipline: string;
  let hub: string;
  const geoDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-geoip-'));

  beforeAll(async () => {
    assertBuilt();
    writeFileSync(join(geoDir, 'ranges.csv'), GEOIP_CSV);
    database = await createTestDatabase('vigil_e2e_referral_hub');
    let urls: PlatformUrls;
    ({ platform, urls } = await embeddedPlatform({ databaseUrl: database.url }, { GEOIP_CSV_PATH: join(geoDir, 'ranges.csv') }));
    await platform.start(180000);
    ({ tipline, referralHub: hub } = urls);
  });

  afterAll(async () => {
    await platform?.stop();
    await database?.drop();
    rmSync(geoDir, { recursive: true, force: true });
  });

  it('bundles the tipline and NCMEC reports about one suspect and carries the case to the right police service', async () => {
    // 1. A public report to the tipline, escalated by an analyst whose summary names the suspect's e-mail.
    const submitted = await api<{ reference: string }>(`${tipline}/api/v1/reports`, {
      method: 'POST',
      body: reportForm({ incidentType: 'online-luring', description: 'E2E: an adult keeps messaging my child.', urls: ['https://example.org/e2e/profile-42'] }),
    });
    expect(submitted.status).toBe(201);
    const analyst = await staffToken(tipline, 'analyst');
    const report = await api<{ id: string }>(`${tipline}/api/v1/reports/${submitted.body.reference}`, { token: analyst });
    const escalated = await api(`${tipline}/api/v1/reports/${report.body.id}/escalate`, {
      method: 'POST', token: analyst, body: JSON.stringify({ summary: `Adult contacting a child from ${SUSPECT_EMAIL}; family lives near K1A 0B1.` }),
    });
    expect(escalated.status).toBe(200);

    const investigator = await staffToken(hub, 'investigator');
    const tiplineCase = await eventually(async () => {
      const { body } = await api<CaseRow[]>(`${hub}/api/v1/cases`, { token: investigator });
      return body.find((row) => row.reports.some((item) => item.sourceReportId === report.body.id));
    }, 'the referral hub to open a case for the escalated report');

    // 2. Partner keys: an industry reporter, the Ontario ICE unit, and another agency.
    const admin = await staffToken(hub, 'admin');
    const key = async (partnerId: string, scope: string) => {
      const created = await api<{ key: string }>(`${hub}/api/v1/api-keys`, { method: 'POST', token: admin, body: JSON.stringify({ partnerId, partnerName: partnerId, scopes: [scope] }) });
      expect(created.status).toBe(201);
      return created.body.key;
    };
    const industry = await key('example-platform', 'industry-reports');
    const ontario = await key('ontario-provincial-strategy-ice', 'referrals');
    const toronto = await key('toronto-police-service', 'referrals');

    // 3. The NCMEC report (XML) about the same suspect joins the tipline's case; a retry stores nothing.
    const imported = await api<{ created: boolean; caseId: string; referralId: string; attachedBecause: string }>(`${hub}/api/v1/intake/cybertip`, {
      method: 'POST', headers: { 'x-api-key': industry, 'content-type': 'application/xml' }, body: NCMEC_XML,
    });
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ created: true, caseId: tiplineCase.id, attachedBecause: expect.stringContaining(`same email ${SUSPECT_EMAIL}`) });
    const retried = await api<{ created: boolean }>(`${hub}/api/v1/intake/cybertip`, { method: 'POST', headers: { 'x-api-key': industry, 'content-type': 'application/xml' }, body: NCMEC_XML });
    expect(retried).toMatchObject({ status: 200, body: { created: false } });
    const kase = await api<CaseRow>(`${hub}/api/v1/cases/${tiplineCase.id}`, { token: investigator });
    expect(kase.body.reports.map((item) => item.origin)).toEqual(['tipline', 'ncmec']);

    // 4. Jurisdiction: the postal code and the IP address agree on Ontario.
    const jurisdiction = await api<{ resolution: { recommended: { policeService: { id: string }; contested: boolean; code: string } } }>(`${hub}/api/v1/cases/${kase.body.id}/jurisdiction`, { token: investigator });
    // The reason comes as a code with its values too (for the French UI), beside the English sentence.
    expect(jurisdiction.body.resolution.recommended).toMatchObject({ policeService: { id: 'ontario-provincial-strategy-ice' }, contested: false, code: 'best-province', values: { jurisdiction: 'CA-ON' } });

    // 5. The package: JSON and PDF whose SHA-256s are the manifest's, and the manifest's own hash.
    const built = await api<{ version: number; manifest: { parts: Array<{ sha256: string }>; manifestSha256: string } }>(`${hub}/api/v1/cases/${kase.body.id}/packages`, {
      method: 'POST', token: investigator, body: JSON.stringify({ kind: 'package' }),
    });
    expect(built.status).toBe(201);
    const auth = { authorization: `Bearer ${investigator}` };
    const json = await fetchBytes(`${hub}/api/v1/cases/${kase.body.id}/packages/${built.body.version}?format=json`, auth);
    const pdf = await fetchBytes(`${hub}/api/v1/cases/${kase.body.id}/packages/${built.body.version}?format=pdf`, auth);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(built.body.manifest.parts.map((part) => part.sha256)).toEqual([sha256(json.bytes), sha256(pdf.bytes)]);
    const { manifestSha256, ...manifestWithoutItsHash } = built.body.manifest;
    expect(manifestSha256).toBe(sha256(JSON.stringify(manifestWithoutItsHash)));
    // The same package as an NCMEC CyberTipline report, for partners whose systems take that format.
    const xml = await fetchBytes(`${hub}/api/v1/cases/${kase.body.id}/packages/${built.body.version}?format=cybertip-xml`, auth);
    expect(xml.status).toBe(200);
    const xmlText = xml.bytes.toString('utf8');
    expect(xmlText).toContain(`partnerReference="${kase.body.reference}-v${built.body.version}"`);
    expect(xmlText).toContain(`Manifest SHA-256: ${manifestSha256}`);
    expect(xmlText).toContain(`<email>${SUSPECT_EMAIL}</email>`);
    expect(xmlText).toContain('<ipAddress>198.51.100.20</ipAddress>');
    expect(xmlText).toContain('<region>ON</region>');

    // 6. Dissemination: the Ontario unit sees it, pulls the very same PDF; Toronto sees nothing.
    const sent = await api<{ id: string }>(`${hub}/api/v1/cases/${kase.body.id}/disseminate`, {
      method: 'POST', token: investigator, body: JSON.stringify({ policeServiceId: 'ontario-provincial-strategy-ice', kind: 'package' }),
    });
    expect(sent.status).toBe(201);
    const listed = await api<Array<{ id: string; caseReference: string }>>(`${hub}/api/v1/partner/referrals`, { headers: { 'x-api-key': ontario } });
    expect(listed.body).toEqual([expect.objectContaining({ id: sent.body.id, caseReference: kase.body.reference })]);
    expect((await api<unknown[]>(`${hub}/api/v1/partner/referrals`, { headers: { 'x-api-key': toronto } })).body).toEqual([]);
    expect((await fetchBytes(`${hub}/api/v1/partner/referrals/${sent.body.id}/package.pdf`, { 'x-api-key': toronto })).status).toBe(404);
    const pulled = await fetchBytes(`${hub}/api/v1/partner/referrals/${sent.body.id}/package.pdf`, { 'x-api-key': ontario });
    expect(sha256(pulled.bytes)).toBe(built.body.manifest.parts[1].sha256);
    expect((await fetchBytes(`${hub}/api/v1/partner/referrals/${sent.body.id}/package.xml`, { 'x-api-key': ontario })).bytes.toString('utf8')).toBe(xmlText);
    expect((await fetchBytes(`${hub}/api/v1/partner/referrals/${sent.body.id}/package.xml`, { 'x-api-key': toronto })).status).toBe(404);

    // 7. Acknowledgement and outcome through the partner API.
    const acknowledged = await api<{ acknowledgedAt: string; version: number }>(`${hub}/api/v1/partner/referrals/${sent.body.id}/acknowledge`, { method: 'POST', headers: { 'x-api-key': ontario } });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body.version).toBe(2);
    const outcome = await api<{ version: number }>(`${hub}/api/v1/partner/referrals/${sent.body.id}/outcomes`, {
      method: 'POST', headers: { 'x-api-key': ontario, 'if-match': '"2"' }, body: JSON.stringify({ outcome: 'investigation-opened', at: new Date().toISOString(), note: 'E2E file opened' }),
    });
    expect(outcome).toMatchObject({ status: 201, body: { version: 3 } });
    // A second write based on the version already used is stale: 409 naming the current version.
    const stale = await api<{ message: string; field: string }>(`${hub}/api/v1/partner/referrals/${sent.body.id}/outcomes`, {
      method: 'POST', headers: { 'x-api-key': ontario, 'if-match': '"2"' }, body: JSON.stringify({ outcome: 'arrest', at: new Date().toISOString() }),
    });
    expect(stale).toMatchObject({ status: 409, body: { field: 'version', message: expect.stringContaining('is at version 3, not 2') } });
    const reAcknowledged = await api<{ acknowledgedAt: string }>(`${hub}/api/v1/partner/referrals/${sent.body.id}/acknowledge`, { method: 'POST', headers: { 'x-api-key': ontario, 'if-match': '"1"' } });
    expect(reAcknowledged).toMatchObject({ status: 200, body: { acknowledgedAt: acknowledged.body.acknowledgedAt } });
    const tracked = await api<Array<{ acknowledgedAt: string; outcomes: Array<{ outcome: string }> }>>(`${hub}/api/v1/cases/${kase.body.id}/disseminations`, { token: investigator });
    expect(tracked.body).toEqual([expect.objectContaining({ acknowledgedAt: acknowledged.body.acknowledgedAt, outcomes: [expect.objectContaining({ outcome: 'investigation-opened' })] })]);
  });

  it('takes a case’s identifiers from report.escalated.v2’s structured fields, not only from the analyst’s text', async () => {
    // An industry report to the tipline names the suspect's phone, account and IP only in its fields.
    const admin = await staffToken(tipline, 'admin');
    const created = await api<{ key: string }>(`${tipline}/api/v1/api-keys`, { method: 'POST', token: admin, body: JSON.stringify({ partnerId: 'example-chat', partnerName: 'Example Chat', scopes: ['industry-reports'] }) });
    expect(created.status).toBe(201);
    const industry = await api<{ id: string }>(`${tipline}/api/v1/industry-reports`, {
      method: 'POST', headers: { 'x-api-key': created.body.key },
      body: JSON.stringify({
        partnerReference: 'E2E-V2-001',
        incidents: [{ type: 'online-luring', description: 'E2E v2: an adult account messages a child.' }],
        reportedUsers: [{ platform: 'Example Chat', username: 'e2e_v2_user', phone: '+1 613 555 0199', ipCaptureEvents: [{ ip: '198.51.100.30', at: '2026-11-21T10:00:00Z', event: 'Login' }] }],
      }),
    });
    expect(industry.status).toBe(201);
    const analyst = await staffToken(tipline, 'analyst');
    const escalated = await api(`${tipline}/api/v1/reports/${industry.body.id}/escalate`, { method: 'POST', token: analyst, body: JSON.stringify({ summary: 'E2E v2: escalated without naming any identifier.' }) });
    expect(escalated.status).toBe(200);

    const investigator = await staffToken(hub, 'investigator');
    const kase = await eventually(async () => {
      const { body } = await api<CaseRow[]>(`${hub}/api/v1/cases`, { token: investigator });
      return body.find((row) => row.reports.some((item) => item.sourceReportId === industry.body.id));
    }, 'the referral hub to open a case for the v2 escalation');
    const { body } = await api<{ reports: Array<{ sourceReportId: string; identifiers: Array<{ kind: string; value: string; observedAt?: string; source: string }>; locations: Array<{ kind: string; value: string }> }> }>(
      `${hub}/api/v1/cases/${kase.id}`, { token: investigator },
    );
    const referral = body.reports.find((item) => item.sourceReportId === industry.body.id)!;
    expect(referral.identifiers).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'phone', value: '+16135550199', source: 'tipline report' }),
      expect.objectContaining({ kind: 'username', value: 'e2e_v2_user@example chat' }),
      expect.objectContaining({ kind: 'ip', value: '198.51.100.30', observedAt: '2026-11-21T10:00:00Z' }),
    ]));
    expect(referral.locations).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'phone', value: '+16135550199' }), expect.objectContaining({ kind: 'ip', value: '198.51.100.30' })]));
  });
});
