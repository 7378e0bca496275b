import { referralFromCyberTipXml } from './from-cybertip';

/** Synthetic: example.com addresses, documentation IPs (RFC 5737), a made-up town. */
const xml = `<?xml version="1.0" encoding="UTF-8"?>
<report ncmecReportId="900000321">
  <incidentSummary>
    <incidentType>Online Enticement of Children for Sexual Acts</incidentType>
    <platform>Example Social</platform>
    <incidentDateTime>2026-11-20T08:15:00Z</incidentDateTime>
  </incidentSummary>
  <reporter><reportingPerson><email>reports@example.com</email></reportingPerson></reporter>
  <personOrUserReported>
    <personOrUserReportedPerson><phone>613-555-0142</phone><email>suspect@example.com</email></personOrUserReportedPerson>
    <espIdentifier>user-0001</espIdentifier>
    <screenName>example_user_01</screenName>
    <ipCaptureEvent><ipAddress>192.0.2.10</ipAddress><eventName>Login</eventName><dateTime>2026-11-20T08:00:00Z</dateTime></ipCaptureEvent>
    <ipCaptureEvent><ipAddress>192.0.2.11</ipAddress><dateTime>2026-11-20T09:00:00Z</dateTime></ipCaptureEvent>
    <estimatedLocation><city>Exampleton</city><region>ON</region><countryCode>CA</countryCode></estimatedLocation>
  </personOrUserReported>
</report>`;

describe('referralFromCyberTipXml: where each identifier and location was found', () => {
  const draft = referralFromCyberTipXml(xml, { id: 'ncmec', name: 'NCMEC' }, new Date('2026-11-23T10:00:00Z'));

  it('keeps the English source and adds its code and values for a UI to say in its own language', () => {
    const provenance = draft.identifiers.map(({ kind, source, sourceCode, sourceValues }) => ({ kind, source, sourceCode, sourceValues }));
    expect(provenance).toEqual([
      { kind: 'email', source: 'NCMEC reported user', sourceCode: 'ncmec-reported-user', sourceValues: undefined },
      { kind: 'phone', source: 'NCMEC reported user', sourceCode: 'ncmec-reported-user', sourceValues: undefined },
      { kind: 'username', source: 'NCMEC reported user', sourceCode: 'ncmec-reported-user', sourceValues: undefined },
      { kind: 'username', source: 'NCMEC reported user (platform id)', sourceCode: 'ncmec-platform-id', sourceValues: undefined },
      { kind: 'ip', source: 'NCMEC reported user (Login)', sourceCode: 'ncmec-ip-capture', sourceValues: { event: 'Login' } },
      { kind: 'ip', source: 'NCMEC reported user (IP capture)', sourceCode: 'ncmec-ip-capture', sourceValues: undefined },
    ]);
  });

  it('codes the location hints the same way, the estimated location included', () => {
    expect(draft.locations).toEqual([
      { kind: 'ip', value: '192.0.2.10', source: 'NCMEC reported user (Login)', sourceCode: 'ncmec-ip-capture', sourceValues: { event: 'Login' }, observedAt: '2026-11-20T08:00:00.000Z' },
      { kind: 'ip', value: '192.0.2.11', source: 'NCMEC reported user (IP capture)', sourceCode: 'ncmec-ip-capture', observedAt: '2026-11-20T09:00:00.000Z' },
      { kind: 'phone', value: '613-555-0142', source: 'NCMEC reported user', sourceCode: 'ncmec-reported-user' },
      { kind: 'declared-location', value: 'Exampleton, ON, CA', source: 'NCMEC reported user, estimated location', sourceCode: 'ncmec-estimated-location' },
    ]);
  });
});
