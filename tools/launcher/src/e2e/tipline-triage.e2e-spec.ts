import { createTestDatabase, TEST_REDIS_URL, uniqueSuffix, type TestDatabase } from '@vigil/test-fixtures';
import { randomBytes } from 'node:crypto';
import { api, assertBuilt, freePort, PlatformProcess, staffToken } from './platform-harness';

interface IndustryAnswer {
  id: string;
  reference: string;
  created: boolean;
  filesSentForMatching: number;
  filesNotSentForMatching: { index: number; reason: string }[];
  message?: string;
  field?: string;
}

interface ReportView {
  id: string;
  source: string;
  incidentType: string;
  status: string;
  priority: string;
  urls: string[];
  media: { sha256: string; md5: string }[];
  priorityReasons: { rule: string; detail: string }[];
}

/** A synthetic, benign CyberTipline report written for this test: made-up platform, example.com addresses, documentation IPs. */
const CYBERTIP_XML = `<?xml version="1.0" encoding="UTF-8"?>
<report partnerReference="PIXSHARE-2026-0007">
  <incidentSummary>
    <incidentType>Online Enticement of Children for Sexual Acts</incidentType>
    <platform>PixShare</platform>
    <escalateToHighPriority>The user arranged to meet the child this weekend</escalateToHighPriority>
    <incidentDateTime>2026-11-20T21:10:00-05:00</incidentDateTime>
    <incidentDateTimeDescription>First message asking the child to move to a private chat</incidentDateTimeDescription>
  </incidentSummary>
  <internetDetails>
    <webPageIncident>
      <url>https://pixshare.example.com/u/night_owl_77</url>
    </webPageIncident>
  </internetDetails>
  <reporter>
    <reportingPerson>
      <email>trust-safety@pixshare.example.com</email>
    </reportingPerson>
  </reporter>
  <personOrUserReported>
    <personOrUserReportedPerson>
      <phone>613-555-0177</phone>
      <email>night.owl.77@example.com</email>
    </personOrUserReportedPerson>
    <espIdentifier>pix-000777</espIdentifier>
    <espService>PixShare</espService>
    <screenName>night_owl_77</screenName>
    <displayName>Owl</displayName>
    <ipCaptureEvent>
      <ipAddress>198.51.100.77</ipAddress>
      <eventName>Login</eventName>
      <dateTime>2026-11-20T20:00:00Z</dateTime>
    </ipCaptureEvent>
  </personOrUserReported>
  <additionalInfo>Synthetic test report; nothing here is real.</additionalInfo>
  <fileDetails>
    <fileName>chat-export-1.png</fileName>
    <locationOfFile>https://cdn.pixshare.example.com/m/777-1.png</locationOfFile>
    <originalFileHash hashType="MD5">${'1'.repeat(32)}</originalFileHash>
    <originalFileHash hashType="SHA-256">${'2'.repeat(64)}</originalFileHash>
  </fileDetails>
</report>`;

/**
 * Industry intake and analyst triage over HTTP against the compiled tipline: JSON and
 * CyberTipline reports by partner API key (idempotent), related reports, claims, priority
 * override, closing, the timeline and the figures.
 */
describe('tipline: industry intake and triage', () => {
  jest.setTimeout(240000);
  let database: TestDatabase;
  let service: PlatformProcess;
  let url: string;
  let apiKey: string;
  let analyst: string;
  let supervisor: string;
  const day = new Date().toISOString().slice(0, 10);

  const asPartner = (body: string, contentType = 'application/json') => ({ method: 'POST', body, headers: { 'x-api-key': apiKey, 'content-type': contentType } });
  const submitJson = (body: Record<string, unknown>) => api<IndustryAnswer>(`${url}/api/v1/industry-reports`, asPartner(JSON.stringify(body)));
  const submitXml = (xml: string) => api<IndustryAnswer>(`${url}/api/v1/industry-reports/cybertip`, asPartner(xml, 'application/xml'));
  const report = async (id: string) => (await api<ReportView>(`${url}/api/v1/reports/${id}`, { token: analyst })).body;
  const post = <T = unknown>(path: string, token: string, body: Record<string, unknown> = {}) =>
    api<T & { message?: string }>(`${url}/api/v1/reports/${path}`, { method: 'POST', token, body: JSON.stringify(body) });

  beforeAll(async () => {
    assertBuilt();
    database = await createTestDatabase('vigil_e2e_tipline_triage');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    service = new PlatformProcess(
      'tipline',
      { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, VIGIL_BUS_PREFIX: `e2e-${uniqueSuffix()}`, JWT_SECRET: randomBytes(32).toString('hex'), VIGIL_DEMO_USERS: 'true', TIPLINE_PORT: String(port) },
      /listening on/,
    );
    await service.start();
    const admin = await staffToken(url, 'admin');
    const key = await api<{ key: string }>(`${url}/api/v1/api-keys`, {
      method: 'POST',
      token: admin,
      body: JSON.stringify({ partnerId: 'chatly', partnerName: 'Chatly Inc.', scopes: ['industry-reports'] }),
    });
    expect(key.status).toBe(201);
    apiKey = key.body.key;
    analyst = await staffToken(url, 'analyst');
    supervisor = await staffToken(url, 'supervisor');
  });

  afterAll(async () => {
    await service?.stop();
    await database?.drop();
  });

  const jsonReport = (partnerReference: string, email: string) => ({
    partnerReference,
    incidents: [{ type: 'online-luring', time: '2026-11-21T15:00:00Z', description: 'Adult account pressed a 13-year-old for photos' }],
    reportedUsers: [{ platform: 'Chatly', username: 'sunny_days', displayName: 'Sunny', email, phone: '+1 613 555 0142', ipCaptureEvents: [{ ip: '203.0.113.42', at: '2026-11-21T14:55:00Z', event: 'Login' }] }],
    urls: ['https://chatly.example/u/sunny_days'],
    files: [{ fileName: 'chat.png', sha256: 'a'.repeat(64), md5: 'b'.repeat(32), classification: 'none' }, { fileName: 'thumb.jpg', pdq: 'c'.repeat(64) }],
  });

  let jsonReportId: string;
  let xmlReportId: string;

  it('takes an industry JSON report once: the retry answers 200 with the same report', async () => {
    const first = await submitJson(jsonReport('CH-E2E-1', 'sunny.days@example.com'));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ created: true, filesSentForMatching: 2, filesNotSentForMatching: [] });
    const retry = await submitJson(jsonReport('CH-E2E-1', 'sunny.days@example.com'));
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ id: first.body.id, reference: first.body.reference, created: false });
    jsonReportId = first.body.id;
    const queue = await api<ReportView[]>(`${url}/api/v1/reports?limit=500`, { token: analyst });
    expect(queue.body.filter((row) => row.id === jsonReportId)).toHaveLength(1);
    expect(await report(jsonReportId)).toMatchObject({ source: 'industry', incidentType: 'online-luring', media: [{ sha256: 'a'.repeat(64), md5: 'b'.repeat(32) }, { filename: 'thumb.jpg', pdq: 'c'.repeat(64) }] });
  });

  it('refuses a JSON report with a bad field, naming it', async () => {
    const bad = await submitJson({ ...jsonReport('CH-E2E-BAD', 'x@example.com'), files: [{ sha256: 'xyz' }] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/sha256 must be 64 hex characters/);
    const noIncident = await submitJson({ partnerReference: 'CH-E2E-BAD', incidents: [] });
    expect(noIncident.status).toBe(400);
    expect(JSON.stringify(noIncident.body)).toMatch(/incidents must hold at least one incident/);
  });

  it('lets only partners with the scope, analysts and supervisors submit', async () => {
    const body = JSON.stringify(jsonReport('CH-E2E-AUTH', 'a@example.com'));
    expect((await api(`${url}/api/v1/industry-reports`, { method: 'POST', body })).status).toBe(401);
    expect((await api(`${url}/api/v1/industry-reports`, { method: 'POST', body, token: await staffToken(url, 'reviewer') })).status).toBe(403);
    expect((await api(`${url}/api/v1/reports/00000000-0000-4000-8000-000000000000/timeline`, { headers: { 'x-api-key': apiKey } })).status).toBe(403);
  });

  it('imports a CyberTipline XML report with its fields and keeps the original', async () => {
    const imported = await submitXml(CYBERTIP_XML);
    expect(imported.status).toBe(201);
    xmlReportId = imported.body.id;
    expect(await report(xmlReportId)).toMatchObject({
      source: 'industry',
      incidentType: 'online-luring',
      priority: 'high',
      urls: ['https://pixshare.example.com/u/night_owl_77', 'https://cdn.pixshare.example.com/m/777-1.png'],
      media: [{ sha256: '2'.repeat(64), md5: '1'.repeat(32) }],
    });
    const submission = await api<{ partnerId: string; format: string; original: string; intake: { reportedUsers: { username: string; emails: string[] }[]; ncmecIncidentType: string } }>(
      `${url}/api/v1/industry-reports/${xmlReportId}`,
      { token: analyst },
    );
    expect(submission.body).toMatchObject({ partnerId: 'chatly', format: 'cybertip-xml', original: CYBERTIP_XML });
    expect(submission.body.intake.reportedUsers[0]).toMatchObject({ username: 'night_owl_77', emails: ['night.owl.77@example.com'] });
    expect(submission.body.intake.ncmecIncidentType).toBe('Online Enticement of Children for Sexual Acts');
    expect((await submitXml(CYBERTIP_XML)).body).toMatchObject({ id: xmlReportId, created: false });
  });

  it('answers malformed CyberTipline XML with 400 naming the element', async () => {
    const broken = await submitXml(CYBERTIP_XML.replace('<incidentDateTime>2026-11-20T21:10:00-05:00</incidentDateTime>', '<incidentDateTime>last tuesday</incidentDateTime>'));
    expect(broken.status).toBe(400);
    expect(broken.body.field).toBe('report.incidentSummary.incidentDateTime');
    expect(broken.body.message).toContain('report.incidentSummary.incidentDateTime');
    const unclosed = await submitXml('<report><incidentSummary></report>');
    expect(unclosed.status).toBe(400);
  });

  it('links two reports that share an email, saying which identifier', async () => {
    const other = await submitJson({ ...jsonReport('CH-E2E-2', 'Night.Owl.77@EXAMPLE.com'), reportedUsers: [{ platform: 'Chatly', username: 'someone_else', email: 'Night.Owl.77@EXAMPLE.com' }], urls: [], files: [] });
    expect(other.status).toBe(201);
    const related = await api<{ related: { reportId: string; shared: { kind: string; value: string }[] }[] }>(`${url}/api/v1/reports/${xmlReportId}/related`, { token: analyst });
    expect(related.status).toBe(200);
    expect(related.body.related.find((row) => row.reportId === other.body.id)?.shared).toEqual([{ kind: 'email', value: 'night.owl.77@example.com' }]);
  });

  it('refuses a second analyst’s claim with 409 naming who holds the report', async () => {
    expect((await post(`${jsonReportId}/claim`, analyst)).status).toBe(200);
    const second = await post(`${jsonReportId}/claim`, supervisor);
    expect(second.status).toBe(409);
    expect(second.body.message).toMatch(/claimed by analyst/);
  });

  it('records a priority override with who, from and to, and closes with a reason, all on the timeline', async () => {
    const override = await post<{ from: string; to: string; by: string }>(`${jsonReportId}/priority`, analyst, { priority: 'critical', reason: 'the child said the meeting is tonight' });
    expect(override.status).toBe(200);
    expect(override.body).toMatchObject({ from: 'normal', to: 'critical', by: 'analyst' });
    expect((await post(`${jsonReportId}/priority`, analyst, { priority: 'urgent', reason: 'x' })).status).toBe(400);
    expect((await post(`${jsonReportId}/classification`, analyst, { incidentType: 'online-luring', offences: ['s.172.1'] })).status).toBe(200);
    expect((await post(`${jsonReportId}/decisions/close`, analyst, { reason: '' })).status).toBe(400);
    expect((await post(`${jsonReportId}/decisions/close`, analyst, { reason: 'referred to police by the platform directly' })).status).toBe(204);
    const closed = await report(jsonReportId);
    expect(closed).toMatchObject({ status: 'closed', priority: 'critical' });
    expect(closed.priorityReasons.at(-1)).toMatchObject({ rule: 'analyst-override', detail: 'analyst: normal → critical: the child said the meeting is tonight' });
    const timeline = await api<{ action: string; by: string; summary: string }[]>(`${url}/api/v1/reports/${jsonReportId}/timeline`, { token: supervisor });
    expect(timeline.body.map((entry) => entry.action)).toEqual(['submitted', 'claimed', 'priority-overridden', 'classified', 'closed']);
    expect(timeline.body.at(-1)).toMatchObject({ by: 'analyst', summary: 'closed: referred to police by the platform directly' });
  });

  it('escalates and forwards abroad through the triage API', async () => {
    expect((await post(`${xmlReportId}/decisions/forward`, analyst, { country: 'Freedonia', hotline: 'X' })).status).toBe(400);
    // Two letters, but no country's: ZZ is not in ISO 3166-1.
    const unknownCountry = await post(`${xmlReportId}/decisions/forward`, analyst, { country: 'ZZ', hotline: 'X' });
    expect(unknownCountry.status).toBe(400);
    expect(JSON.stringify(unknownCountry.body)).toMatch(/country must be an ISO 3166-1 alpha-2 code/);
    expect((await post(`${xmlReportId}/decisions/forward`, analyst, { country: 'fr', hotline: 'Point de Contact' })).status).toBe(204);
    const split = await post<{ id: string; offences: string[] }[]>(`${xmlReportId}/incidents`, analyst, {
      incidents: [
        { incidentType: 'online-luring', description: 'the chat', urls: ['https://pixshare.example.com/u/night_owl_77'], offences: ['s.172.1'] },
        { incidentType: 'csam', description: 'the image', urls: ['https://cdn.pixshare.example.com/m/777-1.png'], offences: ['s.163.1'] },
      ],
    });
    expect(split.status).toBe(200);
    expect(split.body.map((incident) => incident.offences)).toEqual([['s.172.1'], ['s.163.1']]);
    expect((await post(`${xmlReportId}/incidents`, analyst, { incidents: [{ incidentType: 'csam', description: 'x', offences: ['s.1'] }] })).status).toBe(400);
    const takedown = await post<{ urls: string[]; requestedBy: string }>(`${xmlReportId}/decisions/takedown`, analyst, { urls: ['https://cdn.pixshare.example.com/m/777-1.png'] });
    expect(takedown.status).toBe(200);
    expect(takedown.body).toMatchObject({ urls: ['https://cdn.pixshare.example.com/m/777-1.png'], requestedBy: 'analyst' });
    expect((await post(`${xmlReportId}/notes`, analyst, { text: 'platform preserved the account' })).status).toBe(201);
    expect((await post(`${xmlReportId}/escalate`, analyst, { summary: 'Luring of a 13-year-old; account and IP attached' })).status).toBe(200);
    const timeline = await api<{ action: string; summary: string }[]>(`${url}/api/v1/reports/${xmlReportId}/timeline`, { token: analyst });
    expect(timeline.body.map((entry) => entry.action)).toEqual(['submitted', 'priority-raised', 'forwarded-abroad', 'split', 'takedown-requested', 'note-added', 'escalated']);
    expect(timeline.body[1].summary).toBe('high: reporter-urgent: The user arranged to meet the child this weekend');
    expect(timeline.body[2].summary).toBe('forwarded to Point de Contact (FR)');
  });

  it('counts them in the figures', async () => {
    const tomorrow = new Date(Date.parse(day) + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const figures = await api<{
      total: number;
      perDay: { day: string; incidentType: string; source: string; count: number }[];
      timeToFirstTriage: { triaged: number; medianMinutes: number | null };
      escalated: { count: number; share: number };
    }>(`${url}/api/v1/figures?from=${day}&to=${tomorrow}`, { token: supervisor });
    expect(figures.status).toBe(200);
    expect(figures.body.perDay).toEqual([{ day, incidentType: 'online-luring', source: 'industry', count: 3 }]);
    expect(figures.body.total).toBe(3);
    expect(figures.body.timeToFirstTriage.triaged).toBe(2);
    expect(figures.body.timeToFirstTriage.medianMinutes).toEqual(expect.any(Number));
    expect(figures.body.escalated).toEqual({ count: 1, share: 0.333 });
    expect((await api(`${url}/api/v1/figures?from=yesterday`, { token: supervisor })).status).toBe(400);
  });

  it('documents the routes at /docs', async () => {
    const openApi = await api<{ paths: Record<string, unknown> }>(`${url}/docs-json`);
    expect(Object.keys(openApi.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/industry-reports',
        '/api/v1/industry-reports/cybertip',
        '/api/v1/reports/{id}/claim',
        '/api/v1/reports/{id}/related',
        '/api/v1/reports/{id}/timeline',
        '/api/v1/reports/{id}/decisions/takedown',
        '/api/v1/figures',
      ]),
    );
  });
});
