import { createTestDatabase, demoKnownImages, type TestDatabase } from '@vigil/test-fixtures';
import { createHash } from 'node:crypto';
import { api, assertBuilt, embeddedPlatform, eventually, reportForm, staffToken, type PlatformProcess, type PlatformUrls } from './platform-harness';

interface Submitted {
  reference: string;
  receivedAt: string;
  followUpSecret: string;
  message?: string;
}

interface ReportView {
  id: string;
  reference: string;
  urls: string[];
  description: string;
  details?: Record<string, unknown>;
  followUps?: { text: string; urls: string[]; mediaIds: string[] }[];
  media: { mediaId: string; matchState: string; md5?: string; sha256?: string; match?: { reason: string } }[];
}

/**
 * The public line's structured fields and the reporter's follow-up secret, and hash-only
 * industry files, over HTTP against the compiled platform (embedded: tipline, hash-detection
 * and the referral hub, with the demo bank of synthetic images).
 */
describe('tipline: structured public reports, follow-ups, hash-only industry files', () => {
  jest.setTimeout(300000);
  let database: TestDatabase;
  let platform: PlatformProcess;
  let urls: PlatformUrls;
  let analyst: string;

  beforeAll(async () => {
    assertBuilt();
    database = await createTestDatabase('vigil_e2e_tipline_public');
    ({ platform, urls } = await embeddedPlatform({ databaseUrl: database.url }));
    await platform.start(180000);
    analyst = await staffToken(urls.tipline, 'analyst');
  });

  afterAll(async () => {
    await platform?.stop();
    await database?.drop();
  });

  const report = async (key: string) => (await api<ReportView>(`${urls.tipline}/api/v1/reports/${key}`, { token: analyst })).body;
  const submitJson = (body: Record<string, unknown>) => api<Submitted>(`${urls.tipline}/api/v1/reports`, { method: 'POST', body: JSON.stringify(body) });
  const followUp = (reference: string, body: Record<string, unknown> | FormData) =>
    api<{ reference: string; message?: string }>(`${urls.tipline}/api/v1/reports/${reference}/follow-ups`, { method: 'POST', body: body instanceof FormData ? body : JSON.stringify(body) });

  const structured = {
    incidentType: 'sextortion-financial',
    description: 'Someone demands money or they will share my pictures.',
    urls: ['https://example.org/e2e/sextortion/profile'],
    where: { platform: 'Chatly', usernames: [{ username: 'pay_me_now' }], emails: ['Pay.Me@Example.com'], phones: ['613-555-0123'] },
    when: { date: '2026-11-21', approximate: true },
    child: { ageRange: '14-15', gender: 'unknown' },
    suspect: { name: 'Alex', usernames: [{ platform: 'Pixgram', username: 'alex.pix' }], ageEstimate: 'about 20', location: 'unknown' },
    chatExcerpts: ['send 500 or else'],
    contact: { email: 'reporter-e2e@example.org', preferredLanguage: 'fr' },
  };

  it('takes the structured fields, answers with a follow-up secret, and shows the fields (not the contact) to analysts', async () => {
    const submitted = await submitJson(structured);
    expect(submitted.status).toBe(201);
    expect(submitted.body.followUpSecret).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
    const view = await report(submitted.body.reference);
    expect(view.description).toBe(structured.description);
    expect(view.details).toMatchObject({ where: { platform: 'Chatly', usernames: [{ username: 'pay_me_now' }], emails: ['Pay.Me@Example.com'] }, child: { ageRange: '14-15' }, suspect: { name: 'Alex' }, chatExcerpts: ['send 500 or else'] });
    expect(JSON.stringify(view)).not.toContain('reporter-e2e@example.org');
    expect(JSON.stringify(view)).not.toContain(submitted.body.followUpSecret);

    const contact = await api<Record<string, string>>(`${urls.tipline}/api/v1/reports/${view.id}/reporter-contact`, { token: analyst });
    expect(contact).toMatchObject({ status: 200, body: { email: 'reporter-e2e@example.org', preferredLanguage: 'fr' } });
    expect((await api(`${urls.tipline}/api/v1/reports/${view.id}/reporter-contact`)).status).toBe(401);
    const auditor = await staffToken(urls.tipline, 'auditor');
    const audited = await api<{ action: string; resourceType: string; resourceId: string }[]>(`${urls.tipline}/api/v1/audit?subject=reporter-contact:${view.id}`, { token: auditor });
    expect(audited.body).toEqual([expect.objectContaining({ actor: 'analyst', action: 'view', resourceType: 'reporter-contact', resourceId: view.id })]);
  });

  it('links a second public report sharing the suspect’s e-mail (normalised) and phone (E.164)', async () => {
    const first = await submitJson({ incidentType: 'online-luring', description: 'first', where: { emails: ['linked.person@example.com'], phones: ['+1 (613) 555-0188'] } });
    const second = await submitJson({ incidentType: 'online-luring', description: 'second', suspect: { emails: ['Linked.Person@Example.com'], phones: ['613 555 0188'] } });
    const secondView = await report(second.body.reference);
    const firstView = await report(first.body.reference);
    const related = await api<{ related: { reportId: string; shared: { kind: string; value: string }[] }[] }>(`${urls.tipline}/api/v1/reports/${secondView.id}/related`, { token: analyst });
    expect(related.body.related.find((item) => item.reportId === firstView.id)?.shared).toEqual([
      { kind: 'email', value: 'linked.person@example.com' },
      { kind: 'phone', value: '+16135550188' },
    ]);
  });

  it('takes the structured fields from a multipart form as JSON strings, and names a wrong nested field in a 400', async () => {
    const form = reportForm({ incidentType: 'online-luring', description: 'multipart', where: JSON.stringify({ platform: 'Chatly', emails: ['m@example.org'] }), chatExcerpts: JSON.stringify(['hi']) });
    const ok = await api<Submitted>(`${urls.tipline}/api/v1/reports`, { method: 'POST', body: form });
    expect(ok.status).toBe(201);
    expect((await report(ok.body.reference)).details).toMatchObject({ where: { platform: 'Chatly', emails: ['m@example.org'] }, chatExcerpts: ['hi'] });
    const bad = await submitJson({ incidentType: 'online-luring', description: 'x', suspect: { emails: ['not-an-email'] }, child: { ageRange: '99' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/suspect\.each of emails must be an e-mail address/);
    expect(JSON.stringify(bad.body)).toMatch(/child\.ageRange must be one of/);
  });

  it('lets the reporter add text, a URL and a file with the secret; the file is matched; analysts see it on the timeline', async () => {
    const submitted = await submitJson({ incidentType: 'sextortion-sexual', description: 'threats', urls: ['https://example.org/e2e/a'] });
    const [, known] = await demoKnownImages();
    const form = reportForm({ secret: submitted.body.followUpSecret.toLowerCase(), text: 'he wrote from a new account', urls: ['https://example.org/e2e/b'] }, [{ name: 'screenshot.png', bytes: known.bytes }]);
    const added = await followUp(submitted.body.reference, form);
    expect(added.status).toBe(201);
    const view = await eventually(async () => {
      const body = await report(submitted.body.reference);
      return body.media[0]?.matchState === 'matched' ? body : undefined;
    }, 'the follow-up’s file to be matched');
    expect(view.urls).toEqual(['https://example.org/e2e/a', 'https://example.org/e2e/b']);
    expect(view.followUps).toEqual([expect.objectContaining({ text: 'he wrote from a new account', urls: ['https://example.org/e2e/b'], mediaIds: [view.media[0].mediaId] })]);
    const timeline = await api<{ action: string; by: string }[]>(`${urls.tipline}/api/v1/reports/${view.id}/timeline`, { token: analyst });
    expect(timeline.body).toContainEqual(expect.objectContaining({ action: 'follow-up-added', by: 'reporter' }));
  });

  it('answers a wrong secret and an unknown reference with the same 404, and a missing secret with a 400 naming it', async () => {
    const submitted = await submitJson({ incidentType: 'online-luring', description: 'x' });
    const wrong = await followUp(submitted.body.reference, { secret: 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA', text: 'x' });
    const unknown = await followUp('VGL-0000-0000', { secret: submitted.body.followUpSecret, text: 'x' });
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.body.message).toBe(unknown.body.message);
    const missing = await followUp(submitted.body.reference, { text: 'x' });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toMatch(/secret must be the secret you were given/);
    expect((await report(submitted.body.reference)).followUps ?? []).toEqual([]);
  });

  it('matches an industry file known only by the MD5 of a banked synthetic image', async () => {
    const admin = await staffToken(urls.tipline, 'admin');
    const key = await api<{ key: string }>(`${urls.tipline}/api/v1/api-keys`, { method: 'POST', token: admin, body: JSON.stringify({ partnerId: 'md5-only', partnerName: 'Hash Only Inc.', scopes: ['industry-reports'] }) });
    const [, , known] = await demoKnownImages();
    const md5 = createHash('md5').update(known.bytes).digest('hex');
    const answer = await api<{ id: string; filesSentForMatching: number; filesNotSentForMatching: unknown[] }>(`${urls.tipline}/api/v1/industry-reports`, {
      method: 'POST',
      headers: { 'x-api-key': key.body.key, 'content-type': 'application/json' },
      body: JSON.stringify({ partnerReference: 'MD5-ONLY-1', incidents: [{ type: 'csam', description: 'file shared in a group' }], files: [{ fileName: 'shared.png', md5 }] }),
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ filesSentForMatching: 1, filesNotSentForMatching: [] });
    const matched = await eventually(async () => {
      const body = await report(answer.body.id);
      return body.media[0]?.matchState === 'matched' ? body : undefined;
    }, 'the MD5-only file to be matched');
    expect(matched.media[0]).toMatchObject({ md5 });
    expect(matched.media[0]).not.toHaveProperty('sha256');
    expect(matched.media[0].match?.reason).toMatch(/^md5 equal to entry/);
  });
});
