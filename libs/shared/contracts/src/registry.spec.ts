import { envelope } from './envelope';
import { consumersOf, InvalidEventError, validateEnvelope } from './registry';

const submitted = { reportId: 'r', reference: 'VGL-AAAA-BBBB', incidentType: 'csam', source: 'public', urls: ['https://example.org/a'], media: [] };

describe('event contracts', () => {
  it('accepts a valid report.submitted.v1', () => {
    expect(validateEnvelope(envelope('report.submitted.v1', 'tipline', submitted))).toMatchObject({ reportId: 'r' });
  });

  it('names every wrong field, nested ones included', () => {
    const bad = envelope('report.submitted.v1', 'tipline', { ...submitted, urls: ['not a url'], media: [{ mediaId: 'm', sha256: 'XYZ', md5: 'a'.repeat(32), bytes: 1, contentType: 'image/png' }] });
    expect(() => validateEnvelope(bad)).toThrow(InvalidEventError);
    expect(() => validateEnvelope(bad)).toThrow(/payload\.urls/);
    expect(() => validateEnvelope(bad)).toThrow(/payload\.media\.0\.sha256: sha256 must be 64 lowercase hex/);
  });

  it('rejects unknown types and malformed envelopes', () => {
    expect(() => validateEnvelope(envelope('report.deleted.v9', 'tipline', {}))).toThrow(/unknown event type/);
    expect(() => validateEnvelope({ ...envelope('report.submitted.v1', 'tipline', submitted), id: 'not-a-uuid' })).toThrow(/id: must be a UUID/);
  });

  it('accepts an evidence.purged.v1 naming its files and rule, and refuses one naming none or another rule', () => {
    const purged = { reportId: 'r', mediaIds: ['m1', 'm2'], recordType: 'closed-report-evidence' };
    expect(validateEnvelope(envelope('evidence.purged.v1', 'tipline', purged))).toEqual(purged);
    expect(() => validateEnvelope(envelope('evidence.purged.v1', 'tipline', { ...purged, mediaIds: [] }))).toThrow(/payload\.mediaIds: mediaIds must contain at least 1 elements/);
    expect(() => validateEnvelope(envelope('evidence.purged.v1', 'tipline', { ...purged, recordType: 'relayed-outbox-event' }))).toThrow(/payload\.recordType/);
  });

  it('routes each event to the services that consume it', () => {
    expect(consumersOf('report.submitted.v1')).toEqual(['hash-detection']);
    expect(consumersOf('evidence.purged.v1')).toEqual(['hash-detection']);
    expect(consumersOf('report.escalated.v1')).toEqual(['referral-hub']);
    expect(consumersOf('media.matched.v1')).toEqual(['tipline']);
  });
});
