import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationError } from '@vigil/kernel';
import { CyberTipXmlError, type CyberTipXmlProblem } from './cybertip-xml-error';
import { parseCyberTipReport } from './parse-cybertip-report';

const fixture = (name: string) => readFileSync(join(__dirname, '__fixtures__', name), 'utf8');
const full = fixture('full-report.xml');
const minimal = fixture('minimal-report.xml');

function parseError(xml: unknown, limits = {}): CyberTipXmlError {
  try {
    parseCyberTipReport(xml as string, limits);
  } catch (error) {
    if (error instanceof CyberTipXmlError) return error;
    throw new Error(`expected a CyberTipXmlError, got ${String(error)}`);
  }
  throw new Error('expected the document to be refused');
}

function replaced(xml: string, from: string, to: string): string {
  if (!xml.includes(from)) throw new Error(`fixture has no ${from}`);
  return xml.replace(from, to);
}

describe('parseCyberTipReport: refusals name the element and the problem', () => {
  it('is a kernel ValidationError, so the platform answers 400', () => {
    const error = parseError(fixture('malformed-missing-incident-type.xml'));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.kind).toBe('validation');
    expect(error.field).toBe('report.incidentSummary.incidentType');
  });

  const cases: { name: string; xml: () => string; problem: CyberTipXmlProblem; element: string; message: RegExp }[] = [
    {
      name: 'malformed XML: line, column and the tags involved',
      xml: () => fixture('malformed-unclosed.xml'),
      problem: 'malformed',
      element: 'report.incidentSummary.incidentDateTime',
      message: /malformed XML at line 5, column \d+: Expected closing tag 'incidentDateTime'.*'incidentDate'/,
    },
    {
      name: 'a raw control character, which XML does not allow',
      xml: () => replaced(minimal, '<email>reports@', '<email>reports\u0007@'),
      problem: 'malformed',
      element: 'report.reporter.reportingPerson.email',
      message: /malformed XML at line 10, column 21: character U\+0007 is not allowed in XML/,
    },
    { name: 'not XML at all', xml: () => 'incidentType=csam', problem: 'malformed', element: 'document', message: /line 1/ },
    { name: 'an empty document', xml: () => '', problem: 'malformed', element: 'document', message: /malformed XML/ },
    { name: 'another root element', xml: () => '<fileDetails><fileId>1</fileId></fileDetails>', problem: 'wrong-root', element: 'fileDetails', message: /<report>/ },
    { name: 'two root elements', xml: () => `${minimal}<report/>`.replace('<?xml version="1.0" encoding="UTF-8"?>', ''), problem: 'wrong-root', element: 'document', message: /exactly one root/ },
    { name: 'missing incidentSummary', xml: () => '<report><reporter><reportingPerson/></reporter></report>', problem: 'missing', element: 'report.incidentSummary', message: /required in <report>/ },
    { name: 'missing incidentType', xml: () => fixture('malformed-missing-incident-type.xml'), problem: 'missing', element: 'report.incidentSummary.incidentType', message: /required/ },
    {
      name: 'empty incidentType',
      xml: () => replaced(minimal, '<incidentType>Child Pornography (possession, manufacture, and distribution)</incidentType>', '<incidentType> </incidentType>'),
      problem: 'missing',
      element: 'report.incidentSummary.incidentType',
      message: /empty/,
    },
    {
      name: 'unknown incidentType value',
      xml: () => replaced(minimal, 'Child Pornography (possession, manufacture, and distribution)', 'Spam'),
      problem: 'invalid-value',
      element: 'report.incidentSummary.incidentType',
      message: /"Spam" is not one of: "Child Pornography/,
    },
    {
      name: 'bad incidentDateTime',
      xml: () => replaced(minimal, '2024-03-10T08:15:00Z', 'yesterday'),
      problem: 'invalid-value',
      element: 'report.incidentSummary.incidentDateTime',
      message: /"yesterday" is not an ISO 8601 date-time/,
    },
    {
      name: 'impossible calendar date in incidentDateTime',
      xml: () => replaced(minimal, '2024-03-10T08:15:00Z', '2023-02-29T08:15:00Z'),
      problem: 'invalid-value',
      element: 'report.incidentSummary.incidentDateTime',
      message: /ISO 8601/,
    },
    { name: 'missing reporter', xml: () => replaced(minimal, /<reporter>[\s\S]*<\/reporter>/.exec(minimal)![0], ''), problem: 'missing', element: 'report.reporter', message: /required/ },
    {
      name: 'repeated incidentSummary',
      xml: () => replaced(minimal, '</incidentSummary>', '</incidentSummary><incidentSummary/>'),
      problem: 'repeated',
      element: 'report.incidentSummary',
      message: /appears 2 times; the schema allows it once/,
    },
    {
      name: 'bad IP in ipCaptureEvent.ipAddress',
      xml: () => replaced(full, '<ipAddress>192.0.2.10</ipAddress>', '<ipAddress>192.0.2.300</ipAddress>'),
      problem: 'invalid-value',
      element: 'report.personOrUserReported.ipCaptureEvent[0].ipAddress',
      message: /"192.0.2.300" is not an IPv4 or IPv6 address/,
    },
    {
      name: 'ipCaptureEvent without an IP address',
      xml: () => replaced(full, '<ipAddress>192.0.2.77</ipAddress>', ''),
      problem: 'missing',
      element: 'report.internetDetails[7].peer2peerIncident.ipCaptureEvent[0].ipAddress',
      message: /required in <ipCaptureEvent>/,
    },
    {
      name: 'MD5 hash of the wrong length',
      xml: () => replaced(full, 'FE0CD27E3EDE489EEBDC3184DB711BA7', 'FE0CD27E3EDE489EEBDC3184DB711BA'),
      problem: 'invalid-value',
      element: 'report.fileDetails[0].originalFileHash[0]',
      message: /is not a MD5 hash \(32 hexadecimal digits\)/,
    },
    {
      name: 'SHA-256 hash that is not hex',
      xml: () => replaced(full, '61ff1d3d6852a6c4bad05ed31b63c60c0eb07e56d0e87245cacb534e0564ff03', '61ff1d3d6852a6c4bad05ed31b63c60c0eb07e56d0e87245cacb534e0564ffzz'),
      problem: 'invalid-value',
      element: 'report.fileDetails[0].originalFileHash[2]',
      message: /SHA-256 hash \(64 hexadecimal digits\)/,
    },
    {
      name: 'hash without its hashType',
      xml: () => replaced(full, '<originalFileHash hashType="SHA1">', '<originalFileHash>'),
      problem: 'missing',
      element: 'report.fileDetails[0].originalFileHash[1]@hashType',
      message: /hashType attribute is required/,
    },
    {
      name: 'unknown industryClassification',
      xml: () => replaced(full, '<industryClassification>B2</industryClassification>', '<industryClassification>C3</industryClassification>'),
      problem: 'invalid-value',
      element: 'report.fileDetails[0].industryClassification',
      message: /"C3" is not one of: "A1", "A2", "B1", "B2"/,
    },
    {
      name: 'unknown capture event name',
      xml: () => replaced(full, '<eventName>Login</eventName>', '<eventName>Logon</eventName>'),
      problem: 'invalid-value',
      element: 'report.personOrUserReported.ipCaptureEvent[0].eventName',
      message: /"Logon"/,
    },
    {
      name: 'a boolean that is not one',
      xml: () => replaced(full, '<fileViewedByEsp>true</fileViewedByEsp>', '<fileViewedByEsp>yes</fileViewedByEsp>'),
      problem: 'invalid-value',
      element: 'report.fileDetails[0].fileViewedByEsp',
      message: /"yes" is not a boolean/,
    },
    {
      name: 'an age out of range',
      xml: () => replaced(full, '<age>34</age>', '<age>-3</age>'),
      problem: 'invalid-value',
      element: 'report.personOrUserReported.personOrUserReportedPerson.age',
      message: /whole number from 0 to 150/,
    },
    {
      name: 'a bad date of birth',
      xml: () => replaced(full, '<dateOfBirth>2009-06-30</dateOfBirth>', '<dateOfBirth>30/06/2009</dateOfBirth>'),
      problem: 'invalid-value',
      element: 'report.victim[0].victimPerson.dateOfBirth',
      message: /not a date \(YYYY-MM-DD\)/,
    },
    {
      name: 'a port out of range',
      xml: () => replaced(full, '<port>443</port>', '<port>70000</port>'),
      problem: 'invalid-value',
      element: 'report.personOrUserReported.ipCaptureEvent[0].port',
      message: /0 to 65535/,
    },
    {
      name: 'a latitude out of range',
      xml: () => replaced(full, '<latitude>45.4215</latitude>', '<latitude>95</latitude>'),
      problem: 'invalid-value',
      element: 'report.internetDetails[5].cellPhoneIncident.latitude',
      message: /-90 to 90/,
    },
    {
      name: 'a prior report number that is not one',
      xml: () => replaced(full, '<priorCTReports>900000000</priorCTReports>', '<priorCTReports>CT-9</priorCTReports>'),
      problem: 'invalid-value',
      element: 'report.personOrUserReported.priorCTReports[0]',
      message: /digits only/,
    },
    {
      name: 'an attribute with a bad value',
      xml: () => replaced(full, '<phoneNumber type="Mobile"', '<phoneNumber type="Pager"'),
      problem: 'invalid-value',
      element: 'report.internetDetails[5].cellPhoneIncident.phoneNumber@type',
      message: /"Pager"/,
    },
    {
      name: 'internetDetails holding two incident kinds',
      xml: () => replaced(full, '</webPageIncident>', '</webPageIncident><chatImIncident/>'),
      problem: 'repeated',
      element: 'report.internetDetails[0]',
      message: /exactly one of .*found <webPageIncident> and <chatImIncident>/,
    },
    {
      name: 'internetDetails holding none',
      xml: () => replaced(minimal, '</incidentSummary>', '</incidentSummary><internetDetails/>'),
      problem: 'missing',
      element: 'report.internetDetails[0]',
      message: /found none/,
    },
    {
      name: 'elements where text is expected',
      xml: () => replaced(full, '<agencyName>Example Police Service</agencyName>', '<agencyName><name>Example Police Service</name></agencyName>'),
      problem: 'unexpected-content',
      element: 'report.lawEnforcement.agencyName',
      message: /holds elements \(<name>\) where text is expected/,
    },
    {
      name: 'text where elements are expected',
      xml: () => replaced(full, '<vehicleDescription>', 'stray text<vehicleDescription>'),
      problem: 'unexpected-content',
      element: 'report.personOrUserReported',
      message: /holds text where only elements are expected/,
    },
    { name: 'input that is not text', xml: () => Buffer.from(minimal) as unknown as string, problem: 'not-text', element: 'document', message: /must be XML text/ },
  ];

  it.each(cases)('$name', ({ xml, problem, element, message }) => {
    const error = parseError(xml());
    expect(error.problem).toBe(problem);
    expect(error.element).toBe(element);
    expect(error.message.startsWith(`${element}: `)).toBe(true);
    expect(error.message).toMatch(message);
  });
});

describe('parseCyberTipReport: hostile documents', () => {
  it('refuses an external entity (XXE) before any parser reads it', () => {
    const error = parseError(fixture('malformed-xxe.xml'));
    expect(error.problem).toBe('forbidden-declaration');
    expect(error.message).toMatch(/<!DOCTYPE> declarations are refused .* at line 2, column 1/);
  });

  it('refuses the billion-laughs entity expansion', () => {
    expect(parseError(fixture('malformed-billion-laughs.xml')).problem).toBe('forbidden-declaration');
  });

  it('refuses a lone ENTITY declaration too', () => {
    expect(parseError('<!ENTITY x "y"><report/>').message).toMatch(/<!ENTITY> declarations are refused/);
  });

  it('does not mistake declaration-like text inside CDATA or comments for a declaration', () => {
    const xml = replaced(minimal, '</reporter>', '</reporter><!-- <!DOCTYPE x> --><additionalInfo><![CDATA[<!DOCTYPE html><!ENTITY a "b">]]></additionalInfo>');
    expect(parseCyberTipReport(xml).report.additionalInfo).toBe('<!DOCTYPE html><!ENTITY a "b">');
  });

  it('refuses a document over the size cap (5 MB by default)', () => {
    const padding = 'x'.repeat(5 * 1024 * 1024);
    const error = parseError(replaced(minimal, '</reporter>', `</reporter><additionalInfo>${padding}</additionalInfo>`));
    expect(error.problem).toBe('too-large');
    expect(error.message).toMatch(/at most 5242880 are accepted/);
  });

  it('counts the cap in UTF-8 bytes, not characters', () => {
    const xml = replaced(minimal, '</reporter>', `</reporter><additionalInfo>${'é'.repeat(600)}</additionalInfo>`);
    expect(parseError(xml, { maxBytes: 1000 }).problem).toBe('too-large');
  });

  it('refuses too many elements', () => {
    const victims = '<victim><screenName>v</screenName></victim>'.repeat(30_000);
    const error = parseError(replaced(minimal, '</reporter>', `</reporter>${victims}`));
    expect(error.problem).toBe('too-many-elements');
    expect(error.message).toMatch(/more than 50000 elements/);
  });

  it('refuses elements nested too deep, naming where', () => {
    const deep = `${'<x>'.repeat(40)}${'</x>'.repeat(40)}`;
    const error = parseError(replaced(minimal, '</reporter>', `</reporter>${deep}`));
    expect(error.problem).toBe('too-deep');
    expect(error.element).toMatch(/^report\.x\.x\.x/);
  });

  it('refuses JavaScript-reserved element names as malformed rather than polluting prototypes', () => {
    const error = parseError(replaced(minimal, '</reporter>', '</reporter><__proto__><polluted>yes</polluted></__proto__>'));
    expect(error.problem).toBe('malformed');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
