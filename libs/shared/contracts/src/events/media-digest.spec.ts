import { envelope } from '../envelope';
import { validateEnvelope } from '../registry';

const submitted = (media: object[]) => envelope('report.submitted.v1', 'tipline', { reportId: 'r', reference: 'VGL-AAAA-BBBB', incidentType: 'csam', source: 'industry', urls: [], media });
const file = { mediaId: 'm', bytes: 0, contentType: 'application/octet-stream' };

describe('MediaDigestV1 in report.submitted.v1', () => {
  it('still accepts an item with SHA-256 and MD5, as every event published before did', () => {
    expect(() => validateEnvelope(submitted([{ ...file, sha256: 'a'.repeat(64), md5: 'b'.repeat(32), pdq: 'c'.repeat(64), pdqQuality: 90 }]))).not.toThrow();
  });

  it.each([
    ['only an MD5', { md5: 'b'.repeat(32) }],
    ['only a SHA-1', { sha1: 'd'.repeat(40) }],
    ['only a SHA-256', { sha256: 'a'.repeat(64) }],
    ['only a PDQ', { pdq: 'c'.repeat(64) }],
  ])('accepts a partner file known by %s', (_, digests) => {
    expect(validateEnvelope<{ media: object[] }>(submitted([{ ...file, ...digests }])).media[0]).toMatchObject(digests);
  });

  it('refuses an item with no digest at all, naming sha256 and the rule', () => {
    expect(() => validateEnvelope(submitted([file]))).toThrow(/payload\.media\.0\.sha256: .*at least one of sha256, md5, sha1, pdq/);
  });

  it('refuses a malformed SHA-1 even when another digest is present', () => {
    expect(() => validateEnvelope(submitted([{ ...file, md5: 'b'.repeat(32), sha1: 'XYZ' }]))).toThrow(/payload\.media\.0\.sha1: sha1 must be 40 lowercase hex/);
  });
});
