import { envelope } from '../envelope';
import { consumersOf, validateEnvelope } from '../registry';
import { TAKEDOWN_REQUESTED_V1 } from './takedown-requested';

const valid = { reportId: 'r1', reference: 'VGL-AAAA-BBBB', urls: ['https://example.org/a'], requestedBy: 'analyst', requestedAt: '2026-11-23T10:00:00.000Z', classification: 'csam-a1' };

describe('takedown.requested.v1', () => {
  it('is consumed by hash-detection and accepts a well-formed request', () => {
    expect(consumersOf(TAKEDOWN_REQUESTED_V1)).toEqual(['hash-detection']);
    expect(validateEnvelope(envelope(TAKEDOWN_REQUESTED_V1, 'tipline', valid))).toMatchObject({ urls: ['https://example.org/a'], classification: 'csam-a1' });
  });

  it('names each wrong field: no URLs, a non-http address, a bad date', () => {
    const check = (payload: object) => () => validateEnvelope(envelope(TAKEDOWN_REQUESTED_V1, 'tipline', payload));
    expect(check({ ...valid, urls: [] })).toThrow(/payload\.urls/);
    expect(check({ ...valid, urls: ['ftp://example.org/a'] })).toThrow(/payload\.urls/);
    expect(check({ ...valid, requestedAt: 'yesterday' })).toThrow(/payload\.requestedAt/);
  });
});
