import { FixedClock } from '@vigil/kernel';
import { InMemoryCaseRepository } from '../../adapters/in-memory/in-memory-case.repository';
import { referralFromCyberTipXml } from '../intake/from-cybertip';
import { referralFromPoliceInput } from '../intake/from-police-referral';
import { OpenCaseFromEscalationUseCase } from '../open-case-from-escalation/open-case-from-escalation.use-case';
import { ReceiveReferralUseCase } from './receive-referral.use-case';

const escalation = {
  reportId: 'r-1', reference: 'VGL-AAAA-BBBB', incidentType: 'online-luring', priority: 'high', priorityReasons: ['x'], urls: [], mediaSha256: ['ab'.repeat(32)],
  summary: 'An adult wrote to a child from Suspect@Example.com and asked to meet in person; postal code K1A 0B1.',
  escalatedBy: 'analyst', escalatedAt: '2026-11-23T10:00:00Z', source: 'public' as const,
};

/** Synthetic: example.com addresses, a documentation IP (RFC 5737). */
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
    <ipCaptureEvent><ipAddress>192.0.2.10</ipAddress><eventName>Login</eventName><dateTime>2026-11-20T08:00:00Z</dateTime></ipCaptureEvent>
    <priorCTReports>900000000</priorCTReports>
  </personOrUserReported>
</report>`;

describe('ReceiveReferralUseCase', () => {
  let cases: InMemoryCaseRepository;
  let receive: ReceiveReferralUseCase;
  let ids: number;

  beforeEach(() => {
    cases = new InMemoryCaseRepository();
    ids = 0;
    receive = new ReceiveReferralUseCase(cases, new FixedClock(new Date('2026-11-23T10:00:00Z')), () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`);
  });

  it('opens a case from an escalated tipline report, with identifiers read from the summary, once', async () => {
    const escalations = new OpenCaseFromEscalationUseCase(receive);
    const first = await escalations.execute(escalation);
    expect(first).toMatchObject({ created: true, caseReference: 'VGL-C-2026-000001' });
    const referral = cases.rows[0].reports[0];
    expect(referral.identifiers).toEqual([{ kind: 'email', value: 'suspect@example.com', source: 'tipline escalation summary', sourceCode: 'tipline-summary' }]);
    expect(referral.locations).toEqual([{ kind: 'postal-code', value: 'K1A 0B1', source: 'tipline escalation summary', sourceCode: 'tipline-summary' }]);
    expect(referral.evidence).toEqual([{ hashes: [{ algorithm: 'sha256', value: 'ab'.repeat(32) }] }]);
    expect(referral.triage.proposed.urgency).toBe('P1');
    expect(await cases.original(referral.id)).toEqual({ contentType: 'application/json', body: JSON.stringify(escalation) });
    expect(await escalations.execute(escalation)).toEqual({ created: false, referralId: referral.id, caseId: first.caseId, caseReference: first.caseReference, linkProposals: [] });
    expect(cases.rows).toHaveLength(1);
  });

  it('attaches an NCMEC report about the same suspect e-mail to the tipline case, and keeps the XML', async () => {
    const tipline = await new OpenCaseFromEscalationUseCase(receive).execute(escalation);
    const xml = ncmecXml('900000123', 'suspect@example.com');
    const ncmec = await receive.execute(referralFromCyberTipXml(xml, { id: 'ncmec', name: 'NCMEC' }, new Date('2026-11-23T11:00:00Z')), { contentType: 'application/xml', body: xml });
    expect(ncmec).toMatchObject({ created: true, caseId: tipline.caseId, attachedBecause: 'shares a strong identifier with VGL-C-2026-000001: same email suspect@example.com' });
    const kase = await cases.findById(tipline.caseId);
    expect(kase?.reports.map((item) => [item.origin, item.sourceReportId])).toEqual([['tipline', 'r-1'], ['ncmec', 'ncmec:900000123']]);
    // The timeline keeps the English reason and, for a UI in either language, the shared identifiers as codes.
    expect(kase?.history.find((entry) => entry.action === 'referral-attached')?.detail).toEqual({
      referralId: ncmec.referralId,
      reason: ncmec.attachedBecause,
      rule: 'shared-strong-identifier',
      shared: [{ kind: 'email', value: 'suspect@example.com', strong: true, code: 'same-identifier', values: { kind: 'email', value: 'suspect@example.com' } }],
    });
    const imported = kase!.reports[1];
    expect(imported.identifiers.map((item) => `${item.kind}:${item.value}`)).toEqual(['email:suspect@example.com', 'username:example_user_01@example social', 'ip:192.0.2.10']);
    expect(imported.priorReports).toEqual(['900000000']);
    expect(imported.triage.proposed).toMatchObject({ urgency: 'P2', actionable: true });
    expect((await cases.original(imported.id))?.body).toBe(xml);
    expect(await receive.execute(referralFromCyberTipXml(xml, { id: 'ncmec', name: 'NCMEC' }, new Date()))).toMatchObject({ created: false, referralId: imported.id });
  });

  it('counts a platform’s own CyberTipline-format report (its reference, no NCMEC number) as industry, not NCMEC', async () => {
    const xml = ncmecXml('1', 'platform-case@example.com').replace(' ncmecReportId="1"', ' partnerReference="EXP-2026-0042"');
    const draft = referralFromCyberTipXml(xml, { id: 'example-platform', name: 'Example Platform' }, new Date('2026-11-23T12:00:00Z'));
    expect(draft).toMatchObject({ origin: 'industry', sourceReportId: 'ncmec:example-platform:EXP-2026-0042', reference: 'EXP-2026-0042' });
    expect(referralFromCyberTipXml(ncmecXml('900000124', 'x@example.com'), { id: 'ncmec', name: 'NCMEC' }, new Date()).origin).toBe('ncmec');
  });

  it('refuses an NCMEC report without a reference a retry could be recognised by', () => {
    const xml = ncmecXml('1', 'a@example.com').replace(' ncmecReportId="1"', '');
    expect(() => referralFromCyberTipXml(xml, { id: 'ncmec', name: 'NCMEC' }, new Date())).toThrow(/ncmecReportId or partnerReference/);
  });

  it('takes a police referral, keyed by the agency and its reference, and opens its own case for a new suspect', async () => {
    const input = {
      reference: 'EX-2026-77', agency: { id: 'example-foreign-police', name: 'Example Police', country: 'FR' }, incidentType: 'csam', summary: 'Distribution.',
      suspect: { paymentHandles: ['$ExampleHandle'], accounts: [{ platform: 'Example Chat', username: 'Dealer' }] }, locations: [{ kind: 'postal-code' as const, value: 'M5V 2T6' }],
    };
    const result = await receive.execute(referralFromPoliceInput(input, new Date('2026-11-23T10:00:00Z')));
    expect(result).toMatchObject({ created: true, caseReference: 'VGL-C-2026-000001' });
    const referral = cases.rows[0].reports[0];
    expect(referral).toMatchObject({ sourceReportId: 'police:example-foreign-police:EX-2026-77', origin: 'police', sender: { country: 'FR' } });
    expect(referral.identifiers.map((item) => `${item.kind}:${item.value}`)).toEqual(['username:dealer@example chat', 'payment:$examplehandle']);
  });

  it('proposes, not attaches, a case that shares only an IP address seen close in time', async () => {
    await receive.execute(referralFromCyberTipXml(ncmecXml('1', 'a@example.com'), { id: 'ncmec', name: 'NCMEC' }, new Date()));
    const other = ncmecXml('2', 'b@example.com').replace('example_user_01', 'someone_else');
    const result = await receive.execute(referralFromCyberTipXml(other, { id: 'ncmec', name: 'NCMEC' }, new Date()));
    expect(result.attachedBecause).toBeUndefined();
    expect(result.linkProposals).toMatchObject([{ reference: 'VGL-C-2026-000001', strong: false, shared: [{ kind: 'ip' }] }]);
    expect(cases.rows).toHaveLength(2);
  });
});
