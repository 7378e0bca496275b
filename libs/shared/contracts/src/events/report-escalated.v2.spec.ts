import { envelope } from '../envelope';
import { consumersOf, InvalidEventError, validateEnvelope } from '../registry';
import { REPORT_ESCALATED_V2, type ReportEscalatedV2 } from './report-escalated.v2';

/** Synthetic identifiers: example.org, a 555 number, a documentation IP (RFC 5737). */
const valid: ReportEscalatedV2 = {
  reportId: 'r-1', reference: 'VGL-AAAA-BBBB', incidentType: 'online-luring', summary: 'An adult messages a child.', priority: 'high', priorityReasons: ['rule: detail'],
  urls: ['https://example.org/profile'], mediaHashes: [{ sha256: 'ab'.repeat(32), md5: 'cd'.repeat(16) }, { pdq: 'ef'.repeat(32) }],
  suspect: {
    emails: ['someone@example.org'], usernames: [{ platform: 'example social', username: 'example_user' }], phones: ['+16135550142'],
    ips: [{ address: '198.51.100.20', observedAt: '2026-11-20T08:00:00Z', event: 'Login' }, { address: '192.0.2.1' }],
    paymentHandles: ['paypal:someone@example.org'], deviceIds: [{ type: 'IMEI', value: '490154203237518' }],
  },
  escalatedBy: 'analyst', escalatedAt: '2026-11-23T10:00:00Z', source: 'public',
};

describe('report.escalated.v2', () => {
  it('accepts structured suspect identifiers and is routed to the referral hub', () => {
    expect(validateEnvelope<ReportEscalatedV2>(envelope(REPORT_ESCALATED_V2, 'tipline', valid)).suspect.usernames[0]).toMatchObject({ platform: 'example social' });
    expect(consumersOf(REPORT_ESCALATED_V2)).toEqual(['referral-hub']);
  });

  it('names each wrong nested field', () => {
    const bad = envelope(REPORT_ESCALATED_V2, 'tipline', {
      ...valid,
      mediaHashes: [{ sha256: 'XYZ' }],
      suspect: { ...valid.suspect, usernames: [{ username: 'no_platform' }], ips: [{ address: '198.51.100.20', observedAt: 'yesterday' }] },
    });
    expect(() => validateEnvelope(bad)).toThrow(InvalidEventError);
    expect(() => validateEnvelope(bad)).toThrow(/payload\.mediaHashes\.0\.sha256: sha256 must be 64 lowercase hex/);
    expect(() => validateEnvelope(bad)).toThrow(/payload\.suspect\.usernames\.0\.platform/);
    expect(() => validateEnvelope(bad)).toThrow(/payload\.suspect\.ips\.0\.observedAt/);
  });

  it('refuses an event without the suspect section (a v1 payload sent as v2)', () => {
    const { suspect: _suspect, mediaHashes: _media, ...v1Like } = valid;
    expect(() => validateEnvelope(envelope(REPORT_ESCALATED_V2, 'tipline', { ...v1Like, mediaSha256: [] }))).toThrow(/payload\.suspect/);
  });
});
