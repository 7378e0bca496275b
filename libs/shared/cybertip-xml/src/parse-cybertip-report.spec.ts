import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCyberTipReport } from './parse-cybertip-report';

const fixture = (name: string) => readFileSync(join(__dirname, '__fixtures__', name), 'utf8');

describe('parseCyberTipReport: the full fixture, element by element', () => {
  const xml = fixture('full-report.xml');
  const { report, original, unmappedElements } = parseCyberTipReport(xml);

  it('keeps the original text verbatim and maps every element it holds', () => {
    expect(original).toBe(xml);
    expect(unmappedElements).toEqual([]);
  });

  it('reads the Vigil envelope references from the root', () => {
    expect(report.ncmecReportId).toBe('900000001');
    expect(report.partnerReference).toBe('ESI-2024-000042');
  });

  it('maps incidentSummary, presence flags included ("false" clears one)', () => {
    expect(report.incidentSummary).toEqual({
      incidentType: 'Online Enticement of Children for Sexual Acts',
      platform: 'Example Social',
      escalateToHighPriority: 'User threatened to share images within 24 hours',
      reportAnnotations: ['sextortion', 'csamSolicitation'],
      incidentDateTime: '2024-05-01T13:45:00-04:00',
      incidentDateTimeDescription: 'Time of the first threatening message',
    });
  });

  it('maps each of the eight internetDetails kinds, decoding entities and CDATA', () => {
    expect(report.internetDetails).toEqual([
      {
        webPageIncident: {
          url: ['https://social.example.com/u/example_user_01/posts/1', 'https://social.example.com/u/example_user_01/posts/2'],
          additionalInfo: "Public posts on the user's profile",
          thirdPartyHostedContent: false,
        },
      },
      {
        emailIncident: {
          emailAddress: [{ value: 'suspect@example.com', type: 'Work', verified: true, verificationDate: '2024-04-30T10:00:00Z' }],
          content: 'Subject: hello & welcome <test>',
          additionalInfo: "Email sent from the user's registered address",
        },
      },
      {
        newsgroupIncident: {
          name: 'alt.example.test',
          emailAddress: [{ value: 'poster@example.net' }],
          content: 'Newsgroup posting text',
          additionalInfo: 'Newsgroup notes',
        },
      },
      {
        chatImIncident: {
          chatClient: 'Example Chat',
          chatRoomName: 'room-example-1',
          content: 'user_01: hi\nuser_02: <hello> & goodbye',
          additionalInfo: 'Chat log excerpt',
        },
      },
      { onlineGamingIncident: { gameName: 'Example Quest', console: 'Example Console', content: 'In-game whisper text', additionalInfo: 'Gaming notes' } },
      {
        cellPhoneIncident: {
          phoneNumber: { value: '555-0100', type: 'Mobile', countryCallingCode: '1' },
          latitude: 45.4215,
          longitude: -75.6972,
          additionalInfo: 'Text messages',
        },
      },
      {
        nonInternetIncident: {
          locationName: 'Example Community Centre',
          incidentAddress: [{ type: 'Business', address: '100 Example Street', city: 'Exampleville', zipCode: 'K1A 0A1', nonUsaState: 'ON', country: 'CA' }],
          additionalInfo: 'Printed material',
        },
      },
      {
        peer2peerIncident: {
          client: 'ExampleShare',
          ipCaptureEvent: [{ ipAddress: '192.0.2.77', eventName: 'Other', dateTime: '2024-04-29T08:00:00Z' }],
          fileNames: 'example_file_a.bin, example_file_b.bin',
          additionalInfo: 'P2P notes',
        },
      },
    ]);
  });

  it('maps lawEnforcement with the officer and the international legal process flag', () => {
    expect(report.lawEnforcement).toEqual({
      agencyName: 'Example Police Service',
      caseNumber: 'EPS-2024-0001',
      officerContact: {
        firstName: 'Officer',
        lastName: 'Example',
        phone: [{ value: '555-0101', type: 'Work' }],
        email: [{ value: 'officer@police.example.org' }],
        address: [],
      },
      reportedToLe: true,
      servedLegalProcessDomestic: false,
      servedLegalProcessInternational: { value: true, fleaCountry: 'CA' },
    });
  });

  it('maps the reporter: reporting person, contact person, template, terms and legal URL', () => {
    expect(report.reporter).toEqual({
      reportingPerson: {
        firstName: 'Rita',
        lastName: 'Reporter',
        phone: [{ value: '555-0102', type: 'Business', verified: true, countryCallingCode: '1', extension: '42' }],
        email: [{ value: 'trust-safety@example.com', type: 'Business' }],
        address: [{ type: 'Business', address: '1 Example Plaza', city: 'Example City', zipCode: '00000', state: 'CA', country: 'US' }],
      },
      contactPerson: { firstName: 'Carl', lastName: 'Contact', phone: [], email: [{ value: 'legal@example.com' }], address: [] },
      companyTemplate: 'Example Social Inc. keeps data for 90 days. Legal process: legal@example.com.',
      termsOfService: 'https://social.example.com/terms',
      legalURL: 'https://social.example.com/legal',
    });
  });

  it('maps personOrUserReported: person, identity, IP capture events, devices, history, account state', () => {
    expect(report.personOrUserReported).toEqual({
      personOrUserReportedPerson: {
        firstName: 'Sam',
        lastName: 'Suspect',
        phone: [{ value: '555-0103', type: 'Mobile' }],
        email: [{ value: 'suspect@example.com', type: 'Home', verified: false }],
        address: [{ type: 'Home', city: 'Exampleton', country: 'CA' }],
        age: 34,
        dateOfBirth: '1990-02-28',
      },
      vehicleDescription: 'Blue example hatchback',
      espIdentifier: 'user-0001',
      espService: 'Example Social Messenger',
      compromisedAccount: false,
      screenName: 'example_user_01',
      displayName: ['Example User', 'EU One'],
      profileUrl: ['https://social.example.com/u/example_user_01'],
      profileBio: 'Just an example bio',
      ipCaptureEvent: [
        { ipAddress: '192.0.2.10', eventName: 'Login', dateTime: '2024-05-01T12:00:00Z', possibleProxy: false, port: 443 },
        { ipAddress: '2001:db8::10', eventName: 'Registration', dateTime: '2024-01-15T09:30:00', possibleProxy: true },
      ],
      deviceId: [{ idType: 'IMEI', idValue: '000000000000001', eventName: 'Login', dateTime: '2024-05-01T12:00:00Z' }],
      thirdPartyUserReported: false,
      priorCTReports: ['900000000', '899999999'],
      groupIdentifier: 'example-group-7',
      accountTemporarilyDisabled: { value: true, disabledDate: '2024-05-02T00:00:00Z', userNotified: false, reenabledDate: '2024-05-03T00:00:00Z' },
      accountPermanentlyDisabled: { value: true, disabledDate: '2024-05-04T00:00:00Z', userNotified: true, userNotifiedDate: '2024-05-04T01:00:00Z' },
      estimatedLocation: { city: 'Exampleton', region: 'ON', countryCode: 'CA', verified: false, timestamp: '2024-05-01T12:00:00Z' },
      additionalInfo: 'Account created three months before the incident',
    });
  });

  it('maps intendedRecipient and victim (age, date of birth, school)', () => {
    expect(report.intendedRecipient).toEqual([
      {
        intendedRecipientPerson: { firstName: 'Ira', phone: [], email: [], address: [], age: 15 },
        espIdentifier: 'user-0002',
        espService: 'Example Social Messenger',
        screenName: 'example_user_02',
        displayName: [],
        profileUrl: ['https://social.example.com/u/example_user_02'],
        ipCaptureEvent: [{ ipAddress: '198.51.100.20', eventName: 'Login' }],
        deviceId: [],
        priorCTReports: ['899999998'],
        groupIdentifier: 'none',
        additionalInfo: 'Recipient of the messages',
      },
    ]);
    expect(report.victim).toEqual([
      {
        victimPerson: { firstName: 'Vicky', phone: [], email: [], address: [], age: 15, dateOfBirth: '2009-06-30' },
        espIdentifier: 'user-0002',
        espService: 'Example Social',
        screenName: 'example_user_02',
        displayName: ['Example Two'],
        profileUrl: [],
        ipCaptureEvent: [{ ipAddress: '198.51.100.20', eventName: 'Upload', dateTime: '2024-04-30T20:00:00+02:00' }],
        deviceId: [{ idType: 'ICCID', idValue: '8900000000000000001' }],
        priorCTReports: [],
        schoolName: 'Example Secondary School',
        estimatedLocation: { city: 'Exampleville', countryCode: 'CA' },
        additionalInfo: 'Victim reported to the platform',
      },
    ]);
    expect(report.additionalInfo).toBe('Synthetic test report; nothing here is real.');
  });

  it('maps fileDetails: ids, flags, relevance, annotations, classification, hashes, upload IP, devices, metadata', () => {
    expect(report.fileDetails).toEqual([
      {
        reportId: '900000001',
        fileId: 'file-0001',
        fileName: 'example-0001.jpg',
        originalFileName: 'IMG_0001.jpg',
        uploadedToEspTimestamp: '2024-04-30T18:00:00Z',
        locationOfFile: 'https://cdn.example.com/media/0001.jpg',
        fileViewedByEsp: true,
        exifViewedByEsp: false,
        publiclyAvailable: false,
        fileRelevance: 'Reported',
        fileAnnotations: ['possibleSelfProduction'],
        industryClassification: 'B2',
        originalFileHash: [
          { hashType: 'MD5', value: 'FE0CD27E3EDE489EEBDC3184DB711BA7' },
          { hashType: 'SHA1', value: 'ad3929a287df9536934dc0484a5b27eca3340aed' },
          { hashType: 'SHA-256', value: '61ff1d3d6852a6c4bad05ed31b63c60c0eb07e56d0e87245cacb534e0564ff03' },
          { hashType: 'PDQ', value: 'ab6097f5db09f6d13cd7bf6596d8443e7328d8bf01885b849a24a9c01899c8e2' },
        ],
        ipCaptureEvent: { ipAddress: '198.51.100.20', eventName: 'Upload', dateTime: '2024-04-30T18:00:00Z', port: 50000 },
        deviceId: [{ idType: 'IMEI', idValue: '000000000000002', eventName: 'Upload' }],
        details: [{ type: 'EXIF', nameValuePair: [{ name: 'Model', value: 'Example Camera' }, { name: 'Software' }] }],
        additionalInfo: ['Sent in a direct message', 'Removed by the platform'],
      },
    ]);
  });
});

describe('parseCyberTipReport: shapes', () => {
  it('gives the minimal report empty arrays, not missing ones', () => {
    const { report, unmappedElements } = parseCyberTipReport(fixture('minimal-report.xml'));
    expect(report).toEqual({
      incidentSummary: {
        incidentType: 'Child Pornography (possession, manufacture, and distribution)',
        reportAnnotations: [],
        incidentDateTime: '2024-03-10T08:15:00Z',
      },
      internetDetails: [],
      reporter: { reportingPerson: { phone: [], email: [{ value: 'reports@example.com' }], address: [] } },
      intendedRecipient: [],
      victim: [],
      fileDetails: [],
    });
    expect(unmappedElements).toEqual([]);
  });

  it('reads several recipients, victims and files, and lists the elements it does not map', () => {
    const { report, unmappedElements } = parseCyberTipReport(fixture('several-users-and-files.xml'));
    expect(report.intendedRecipient.map((recipient) => recipient.screenName)).toEqual(['viewer_one', 'viewer_two']);
    expect(report.victim.map((victim) => victim.victimPerson?.age)).toEqual([12, 14]);
    expect(report.fileDetails.map((file) => file.fileId)).toEqual(['v-1', 'v-2', 'v-3']);
    expect(report.fileDetails[2].originalFileHash).toEqual([
      { hashType: 'SHA256', value: 'f7f5713203dcf4a29bcf922a14aa0521ad9d8277eefb60348d8bbf025f6c87eb' },
      { hashType: 'PhotoDNA', value: 'c3ludGhldGljLWJlbmlnbi1leGFtcGxl' },
    ]);
    expect(unmappedElements).toEqual(['report.incidentSummary.reportAnnotations.informational', 'report.personOrUserReported.associatedAccount']);
  });

  it('gives one repeatable element the same shape as several', () => {
    const one = parseCyberTipReport(fixture('minimal-report.xml').replace('</reporter>', '</reporter><victim><screenName>a</screenName></victim>'));
    const two = parseCyberTipReport(
      fixture('minimal-report.xml').replace('</reporter>', '</reporter><victim><screenName>a</screenName></victim><victim><screenName>b</screenName></victim>'),
    );
    expect(Array.isArray(one.report.victim)).toBe(true);
    expect(one.report.victim).toHaveLength(1);
    expect(two.report.victim).toHaveLength(2);
    expect(two.report.victim[0]).toEqual(one.report.victim[0]);
  });

  it('accepts a namespace-prefixed document and ignores schema-location attributes', () => {
    const xml = fixture('minimal-report.xml')
      .replace('<report>', '<n:report xmlns:n="urn:example" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:example s.xsd">')
      .replace('</report>', '</n:report>');
    const { report, unmappedElements } = parseCyberTipReport(xml);
    expect(report.incidentSummary.incidentType).toBe('Child Pornography (possession, manufacture, and distribution)');
    expect(unmappedElements).toEqual([]);
  });

  it('decodes numeric character references', () => {
    const { report } = parseCyberTipReport(fixture('minimal-report.xml').replace('</reporter>', '</reporter><additionalInfo>caf&#233; &#x263A;</additionalInfo>'));
    expect(report.additionalInfo).toBe('café ☺');
  });
});
