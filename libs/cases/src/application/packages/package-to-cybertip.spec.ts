import { parseCyberTipReport } from '@vigil/cybertip-xml';
import { Case } from '../../domain/case';
import { identifier, usernameIdentifier, type SuspectIdentifier } from '../../domain/identifiers';
import { buildPackageContent, type PackageKind } from '../../domain/investigation-package';
import { receiveReferral, type ReferralDraft } from '../../domain/referral';
import { packageToCyberTipReport, renderPackageAsCyberTipXml } from './package-to-cybertip';

const SHA_A = 'ab'.repeat(32);
const MD5_A = 'cd'.repeat(16);
const SHA_B = 'ef'.repeat(32);
const MANIFEST_SHA = '12'.repeat(32);

function draft(overrides: Partial<ReferralDraft>): ReferralDraft {
  return {
    id: 'r-1', sourceReportId: 's-1', origin: 'tipline', reference: 'VGL-AAAA-BBBB', incidentType: 'online-luring', summary: 'An adult messages a child.', priority: 'high', priorityReasons: [],
    urls: [], evidence: [], identifiers: [], locations: [], childIdentified: false, priorReports: [], annotations: [], receivedAt: '2026-11-20T09:00:00.000Z',
    ...overrides,
  };
}

const defined = (items: Array<SuspectIdentifier | undefined>) => items.filter((item): item is SuspectIdentifier => item !== undefined);

/** A case with a tipline referral and an NCMEC one about the same suspect, packaged for Ontario. */
function content(kind: PackageKind = 'package') {
  const tipline = receiveReferral(draft({
    urls: ['https://example.org/profile-42'],
    evidence: [{ hashes: [{ algorithm: 'sha256', value: SHA_A }, { algorithm: 'md5', value: MD5_A }], fileName: 'solid-blue.png', location: 'https://example.org/img/1', classification: 'a2' }],
    identifiers: defined([identifier('email', 'suspect@example.org', 'test'), identifier('phone', '613-555-0142', 'test'), usernameIdentifier('example_user', 'Example Social', 'test')]),
  }));
  const ncmec = receiveReferral(draft({
    id: 'r-2', sourceReportId: 'ncmec:900001', origin: 'ncmec', reference: '900001', incidentType: 'csam', receivedAt: '2026-11-21T10:00:00.000Z',
    sender: { id: 'example-platform', name: 'Example Platform' },
    urls: ['https://example.org/profile-42', 'https://example.net/share/7'],
    evidence: [{ hashes: [{ algorithm: 'sha256', value: SHA_B }], classification: 'known-bank-category' }],
    identifiers: defined([
      identifier('email', 'suspect@example.org', 'test'),
      identifier('ip', '198.51.100.20', 'test', '2026-11-20T08:00:00Z'),
      identifier('device', 'IMEI:490154203237518', 'test'),
      identifier('payment', 'paypal:someone@example.org', 'test'),
      usernameIdentifier('other_name', 'Example Chat', 'test'),
    ]),
  }));
  const kase = Case.open({ id: 'c-1', reference: 'VGL-C-2026-000042', openedAt: new Date('2026-11-20T09:00:00Z'), referral: tipline }).snapshot();
  kase.reports.push(ncmec);
  const jurisdiction = {
    recommended: {
      jurisdiction: { country: 'CA', province: 'ON' },
      policeService: { id: 'ontario-provincial-strategy-ice', name: { en: 'Ontario Provincial Strategy ICE', fr: 'Stratégie provinciale de l’Ontario ICE' } },
      route: 'domestic', confidence: 0.9, reason: 'IP address and phone area code agree on Ontario', overridden: false, contested: false,
    },
    candidates: [], conflicts: [], unresolved: [],
  };
  return buildPackageContent({ kase, kind, version: 3, builtAt: new Date('2026-11-23T12:00:00Z'), builtBy: 'investigator', jurisdiction });
}

describe('package → NCMEC CyberTipline report', () => {
  it('exports XML that parses back with the shared parser and carries the reports, identifiers, files by hash, jurisdiction and manifest digest', () => {
    const package3 = content();
    const xml = renderPackageAsCyberTipXml({ json: JSON.stringify(package3), manifest: { manifestSha256: MANIFEST_SHA } as never });
    const { report, unmappedElements } = parseCyberTipReport(xml);

    expect(unmappedElements).toEqual([]);
    expect(report).toEqual(packageToCyberTipReport(package3, MANIFEST_SHA));
    expect(report.partnerReference).toBe('VGL-C-2026-000042-v3');
    // The NCMEC referral (csam, P3) and the tipline one (luring) — the most urgent specific type leads.
    expect(report.incidentSummary).toMatchObject({ incidentType: expect.any(String), incidentDateTime: '2026-11-20T09:00:00.000Z' });
    expect(report.additionalInfo).toContain('tipline VGL-AAAA-BBBB: online-luring');
    expect(report.additionalInfo).toContain('ncmec 900001 from Example Platform: csam');
    expect(report.additionalInfo).toContain(`Manifest SHA-256: ${MANIFEST_SHA}`);
    expect(report.reporter.companyTemplate).toContain(MANIFEST_SHA);
    expect(report.internetDetails).toEqual([{ webPageIncident: { url: ['https://example.org/profile-42', 'https://example.net/share/7'] } }]);

    const suspect = report.personOrUserReported;
    expect(suspect?.personOrUserReportedPerson?.email).toEqual([{ value: 'suspect@example.org' }]);
    expect(suspect?.personOrUserReportedPerson?.phone).toEqual([{ value: '+16135550142' }]);
    expect(suspect).toMatchObject({ screenName: 'example_user', espService: 'example social' });
    expect(suspect?.ipCaptureEvent).toEqual([{ ipAddress: '198.51.100.20', dateTime: '2026-11-20T08:00:00Z' }]);
    expect(suspect?.deviceId).toEqual([{ idType: 'imei', idValue: '490154203237518' }]);
    expect(suspect?.additionalInfo).toContain('other_name on example chat');
    expect(suspect?.additionalInfo).toContain('paypal:someone@example.org');

    expect(suspect?.estimatedLocation).toEqual({ countryCode: 'CA', region: 'ON' });
    expect(report.lawEnforcement).toEqual({ agencyName: 'Ontario Provincial Strategy ICE', caseNumber: 'VGL-C-2026-000042' });
    expect(report.additionalInfo).toContain('Jurisdiction: Ontario Provincial Strategy ICE (ontario-provincial-strategy-ice, CA-ON, route domestic, confidence 0.9)');

    expect(report.fileDetails).toEqual([
      expect.objectContaining({ fileName: 'solid-blue.png', locationOfFile: 'https://example.org/img/1', industryClassification: 'A2', originalFileHash: [{ hashType: 'SHA256', value: SHA_A }, { hashType: 'MD5', value: MD5_A }] }),
      expect.objectContaining({ originalFileHash: [{ hashType: 'SHA256', value: SHA_B }], additionalInfo: ['Classification: known-bank-category'] }),
    ]);
  });

  it('maps Vigil incident types to NCMEC’s, the most urgent specific one first, with the sextortion tag', () => {
    const base = content();
    const only = (incidentType: string) => packageToCyberTipReport({ ...base, referrals: [{ ...base.referrals[0], incidentType }] }, MANIFEST_SHA).incidentSummary;
    expect(only('csam').incidentType).toBe('Child Pornography (possession, manufacture, and distribution)');
    expect(only('sextortion-financial')).toMatchObject({ incidentType: 'Online Enticement of Children for Sexual Acts', reportAnnotations: ['sextortion'] });
    expect(only('travelling-child-sex-offender').incidentType).toBe('Child Sex Tourism');
    expect(only('other').incidentType).toBe('Child Sexual Molestation');
    const mixed = packageToCyberTipReport({ ...base, referrals: [{ ...base.referrals[0], incidentType: 'other', urgency: 'P1' }, { ...base.referrals[1], incidentType: 'child-trafficking', urgency: 'P3' }] }, MANIFEST_SHA);
    expect(mixed.incidentSummary.incidentType).toBe('Child Sex Trafficking');
  });

  it('flags a P1 case for high priority, and a lead lists no files', () => {
    const lead = content('lead');
    const urgent = packageToCyberTipReport({ ...lead, disposition: { ...lead.disposition, urgency: 'P1', urgencyDefinition: 'imminent risk to a child' } }, MANIFEST_SHA);
    expect(urgent.incidentSummary.escalateToHighPriority).toBe('P1: imminent risk to a child');
    expect(urgent.fileDetails).toEqual([]);
    expect(urgent.additionalInfo).toContain('A lead: 2 evidence file(s) are not listed.');
    expect(parseCyberTipReport(renderPackageAsCyberTipXml({ json: JSON.stringify(lead), manifest: { manifestSha256: MANIFEST_SHA } as never })).report.partnerReference).toBe('VGL-C-2026-000042-v3');
  });

  it('says so when the jurisdiction is unresolved, and leaves out the suspect when nothing is known', () => {
    const bare = { ...content(), identifiers: [], jurisdiction: {} };
    const report = packageToCyberTipReport(bare, MANIFEST_SHA);
    expect(report.personOrUserReported).toBeUndefined();
    expect(report.lawEnforcement).toBeUndefined();
    expect(report.additionalInfo).toContain('Jurisdiction: not resolved.');
    expect(parseCyberTipReport(renderPackageAsCyberTipXml({ json: JSON.stringify(bare), manifest: { manifestSha256: MANIFEST_SHA } as never })).report).toEqual(report);
  });
});
