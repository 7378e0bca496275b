import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NCMEC_INCIDENT_TYPES, type CyberTipReport } from './cybertip-report';
import { parseCyberTipReport } from './parse-cybertip-report';
import { NCMEC_TO_VIGIL_INCIDENT_TYPE, VIGIL_INCIDENT_TYPES, toVigilIntake } from './to-vigil-intake';

const fixture = (name: string) => readFileSync(join(__dirname, '__fixtures__', name), 'utf8');
const parsed = (name: string) => parseCyberTipReport(fixture(name)).report;

describe('toVigilIntake', () => {
  it('maps the full report into the neutral intake structure', () => {
    expect(toVigilIntake(parsed('full-report.xml'))).toEqual({
      partnerReference: { kind: 'ncmec-report-id', value: '900000001' },
      incident: {
        type: 'sextortion-sexual',
        ncmecType: 'Online Enticement of Children for Sexual Acts',
        typeReason: expect.stringMatching(/tagged "sextortion".*confirm financial or sexual/),
        annotations: ['sextortion', 'csamSolicitation'],
        occurredAt: '2024-05-01T17:45:00.000Z',
        occurredAtDescription: 'Time of the first threatening message',
        urgentReason: 'User threatened to share images within 24 hours',
        platform: 'Example Social',
      },
      urls: ['https://social.example.com/u/example_user_01/posts/1', 'https://social.example.com/u/example_user_01/posts/2', 'https://cdn.example.com/media/0001.jpg'],
      reportedUsers: [
        {
          platform: 'Example Social Messenger',
          userId: 'user-0001',
          username: 'example_user_01',
          displayNames: ['Example User', 'EU One'],
          profileUrls: ['https://social.example.com/u/example_user_01'],
          name: 'Sam Suspect',
          emails: ['suspect@example.com'],
          phones: ['555-0103'],
          ipEvents: [
            { ip: '192.0.2.10', event: 'Login', at: '2024-05-01T12:00:00.000Z', port: 443, possibleProxy: false },
            { ip: '2001:db8::10', event: 'Registration', at: '2024-01-15T09:30:00.000Z', possibleProxy: true },
          ],
          devices: [{ type: 'IMEI', value: '000000000000001', event: 'Login', at: '2024-05-01T12:00:00.000Z' }],
          estimatedLocation: { city: 'Exampleton', region: 'ON', countryCode: 'CA' },
          priorReports: ['900000000', '899999999'],
        },
      ],
      intendedRecipients: [
        {
          platform: 'Example Social Messenger',
          userId: 'user-0002',
          username: 'example_user_02',
          displayNames: [],
          profileUrls: ['https://social.example.com/u/example_user_02'],
          name: 'Ira',
          emails: [],
          phones: [],
          ipEvents: [{ ip: '198.51.100.20', event: 'Login' }],
          devices: [],
          priorReports: ['899999998'],
        },
      ],
      victims: [
        {
          age: 15,
          dateOfBirth: '2009-06-30',
          name: 'Vicky',
          platform: 'Example Social',
          userId: 'user-0002',
          username: 'example_user_02',
          schoolName: 'Example Secondary School',
          estimatedLocation: { city: 'Exampleville', countryCode: 'CA' },
        },
      ],
      files: [
        {
          fileId: 'file-0001',
          fileName: 'example-0001.jpg',
          originalFileName: 'IMG_0001.jpg',
          location: 'https://cdn.example.com/media/0001.jpg',
          hashes: [
            { algorithm: 'md5', value: 'fe0cd27e3ede489eebdc3184db711ba7' },
            { algorithm: 'sha1', value: 'ad3929a287df9536934dc0484a5b27eca3340aed' },
            { algorithm: 'sha256', value: '61ff1d3d6852a6c4bad05ed31b63c60c0eb07e56d0e87245cacb534e0564ff03' },
            { algorithm: 'pdq', value: 'ab6097f5db09f6d13cd7bf6596d8443e7328d8bf01885b849a24a9c01899c8e2' },
          ],
          industryClassification: 'B2',
          relevance: 'Reported',
          annotations: ['possibleSelfProduction'],
          viewedByReporter: true,
          publiclyAvailable: false,
          uploadedAt: '2024-04-30T18:00:00.000Z',
          uploadIp: { ip: '198.51.100.20', event: 'Upload', at: '2024-04-30T18:00:00.000Z', port: 50000 },
        },
      ],
      reporter: { name: 'Rita Reporter', emails: ['trust-safety@example.com'], phones: ['+1 555-0102'], legalUrl: 'https://social.example.com/legal' },
      lawEnforcement: { agencyName: 'Example Police Service', caseNumber: 'EPS-2024-0001' },
      additionalInfo: 'Synthetic test report; nothing here is real.',
    });
  });

  it('maps the minimal report: no reference, a CSAM incident, empty lists', () => {
    const intake = toVigilIntake(parsed('minimal-report.xml'));
    expect(intake.partnerReference).toBeUndefined();
    expect(intake.incident).toEqual({
      type: 'csam',
      ncmecType: 'Child Pornography (possession, manufacture, and distribution)',
      typeReason: 'NCMEC "Child Pornography" is child sexual abuse material',
      annotations: [],
      occurredAt: '2024-03-10T08:15:00.000Z',
    });
    expect(intake).toMatchObject({ urls: [], reportedUsers: [], intendedRecipients: [], victims: [], files: [], reporter: { emails: ['reports@example.com'], phones: [] } });
  });

  it('lists several users and files; the report platform stands in for an account without its own', () => {
    const intake = toVigilIntake(parsed('several-users-and-files.xml'));
    expect(intake.partnerReference).toEqual({ kind: 'partner-reference', value: 'EXV-7781' });
    expect(intake.reportedUsers).toEqual([
      expect.objectContaining({ platform: 'Example Video', userId: 'uploader-1', ipEvents: [{ ip: '203.0.113.5', event: 'Upload', at: '2024-06-02T21:00:00.000Z' }] }),
    ]);
    expect(intake.intendedRecipients.map((recipient) => recipient.username)).toEqual(['viewer_one', 'viewer_two']);
    expect(intake.victims).toEqual([
      { age: 12, platform: 'Example Video' },
      { age: 14, platform: 'Example Video', username: 'example_kid_2' },
    ]);
    expect(intake.files.map((file) => [file.fileId, file.industryClassification, file.relevance, file.hashes.map((hash) => hash.algorithm)])).toEqual([
      ['v-1', 'A1', 'Reported', ['md5']],
      ['v-2', undefined, 'Supplemental Reported', ['md5', 'sha1']],
      ['v-3', 'A2', 'Reported', ['sha256', 'photodna']],
    ]);
    expect(intake.files[2].hashes[1].value).toBe('c3ludGhldGljLWJlbmlnbi1leGFtcGxl');
    expect(intake.urls).toEqual(['https://video.example.com/watch/aaa111', 'https://video.example.com/watch/bbb222']);
  });

  it('takes the NCMEC report number from the files when the envelope has none', () => {
    const report = parsed('full-report.xml');
    const { ncmecReportId: _dropped, ...withoutEnvelopeId } = report;
    expect(toVigilIntake(withoutEnvelopeId).partnerReference).toEqual({ kind: 'ncmec-report-id', value: '900000001' });
  });

  it.each(NCMEC_INCIDENT_TYPES.map((ncmecType) => [ncmecType, NCMEC_TO_VIGIL_INCIDENT_TYPE[ncmecType].type]))('maps "%s" to %s with a reason', (ncmecType, vigilType) => {
    const report: CyberTipReport = { ...parsed('minimal-report.xml') };
    report.incidentSummary = { ...report.incidentSummary, incidentType: ncmecType as CyberTipReport['incidentSummary']['incidentType'] };
    const { incident } = toVigilIntake(report);
    expect(incident.type).toBe(vigilType);
    expect(incident.ncmecType).toBe(ncmecType);
    expect(incident.typeReason).toContain('NCMEC');
  });

  it('only turns enticement into sextortion when NCMEC tagged it so', () => {
    const report = parsed('full-report.xml');
    report.incidentSummary = { ...report.incidentSummary, reportAnnotations: ['csamSolicitation'] };
    expect(toVigilIntake(report).incident.type).toBe('online-luring');
  });

  it("uses exactly the tipline's incident types (libs/reports/src/domain/incident-type.ts)", () => {
    // A util library may not import the tipline's context library, so read its list as text.
    const source = readFileSync(join(__dirname, '../../../reports/src/domain/incident-type.ts'), 'utf8');
    const list = /INCIDENT_TYPES = \[([\s\S]*?)\]/.exec(source)?.[1] ?? '';
    const tiplineTypes = [...list.matchAll(/'([^']+)'/g)].map((match) => match[1]);
    expect(tiplineTypes.length).toBeGreaterThan(0);
    expect([...VIGIL_INCIDENT_TYPES]).toEqual(tiplineTypes);
  });
});
