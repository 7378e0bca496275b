/**
 * An investigation package as an NCMEC CyberTipline report, for foreign partners whose systems
 * take that format. The package (not the live case) is the source, so the XML says exactly what
 * the verified JSON and PDF say; the manifest's SHA-256 travels in the report so the recipient can
 * tie the XML to the package it was made from (the XML is derived, not one of the manifest's parts).
 *
 * What the schema has no element for (several usernames, payment handles, the referral list, the
 * jurisdiction reasoning) goes into the `additionalInfo` texts rather than being dropped.
 */
import {
  INDUSTRY_CLASSIFICATIONS,
  type CyberTipReport,
  type DeviceId,
  type EstimatedLocation,
  type FileDetails,
  type IpCaptureEvent,
  type NcmecIncidentType,
  type PersonOrUserReported,
  renderCyberTipReport,
} from '@vigil/cybertip-xml';
import type { SuspectIdentifier } from '../../domain/identifiers';
import type { PackageContent, PackageReferral } from '../../domain/investigation-package';
import type { StoredPackage } from '../../ports/package.ports';
import type { EvidenceReference } from '../../domain/referral';
import { urgencyRank } from '../../domain/triage';

/**
 * Vigil incident type → NCMEC's. The inverse of the import's mapping where it is one to one;
 * `other` goes back to "Child Sexual Molestation", the type the import maps to `other` first.
 */
export const VIGIL_TO_NCMEC_INCIDENT_TYPE: Record<string, NcmecIncidentType> = {
  csam: 'Child Pornography (possession, manufacture, and distribution)',
  'intimate-images-of-minor': 'Child Pornography (possession, manufacture, and distribution)',
  'online-luring': 'Online Enticement of Children for Sexual Acts',
  'sextortion-financial': 'Online Enticement of Children for Sexual Acts',
  'sextortion-sexual': 'Online Enticement of Children for Sexual Acts',
  'child-trafficking': 'Child Sex Trafficking',
  'child-exploitation-through-prostitution': 'Child Sex Trafficking',
  'travelling-child-sex-offender': 'Child Sex Tourism',
  other: 'Child Sexual Molestation',
};

const FALLBACK_INCIDENT_TYPE: NcmecIncidentType = 'Child Sexual Molestation';

/** The parts of the package's jurisdiction section the export uses, read defensively (it is stored as JSON). */
interface ExportedJurisdiction {
  policeServiceId?: string;
  policeServiceName?: string;
  country?: string;
  province?: string;
  route?: string;
  confidence?: number;
  reason?: string;
  contested?: boolean;
}

export function packageToCyberTipReport(content: PackageContent, manifestSha256: string): CyberTipReport {
  const referrals = [...content.referrals].sort((a, b) => urgencyRank(a.urgency) - urgencyRank(b.urgency));
  const jurisdiction = readJurisdiction(content.jurisdiction);
  const urls = [...new Set(content.referrals.flatMap((referral) => referral.urls ?? []))];
  const earliest = content.referrals.map((referral) => referral.receivedAt).sort()[0] ?? content.builtAt;
  return {
    partnerReference: `${content.caseReference}-v${content.version}`,
    incidentSummary: {
      incidentType: incidentType(referrals),
      escalateToHighPriority: content.disposition.urgency === 'P1' ? `P1: ${content.disposition.urgencyDefinition}` : undefined,
      reportAnnotations: content.referrals.some((referral) => referral.incidentType.startsWith('sextortion')) ? ['sextortion'] : [],
      incidentDateTime: earliest,
      incidentDateTimeDescription: 'When the first referral in this case was received; each referral below gives its own source.',
    },
    internetDetails: urls.length ? [{ webPageIncident: { url: urls } }] : [],
    lawEnforcement: jurisdiction.policeServiceName ? { agencyName: jurisdiction.policeServiceName, caseNumber: content.caseReference } : undefined,
    reporter: {
      reportingPerson: { phone: [], email: [], address: [] },
      companyTemplate: `Exported by the Vigil referral hub from ${content.kind} ${content.caseReference} v${content.version}. Manifest SHA-256: ${manifestSha256}.`,
    },
    personOrUserReported: suspect(content.identifiers, jurisdiction),
    intendedRecipient: [],
    victim: [],
    additionalInfo: additionalInfo(content, manifestSha256, jurisdiction, referrals),
    fileDetails: content.evidence.map(fileDetails),
  };
}

/** A stored package version as CyberTipline XML, from its JSON exactly as it was sent. */
export function renderPackageAsCyberTipXml(stored: Pick<StoredPackage, 'json' | 'manifest'>): string {
  return renderCyberTipReport(packageToCyberTipReport(JSON.parse(stored.json) as PackageContent, stored.manifest.manifestSha256));
}

function incidentType(referrals: readonly PackageReferral[]): NcmecIncidentType {
  // The most urgent referral with a specific type decides; `other` only when nothing more precise is known.
  const specific = referrals.find((referral) => referral.incidentType !== 'other' && VIGIL_TO_NCMEC_INCIDENT_TYPE[referral.incidentType]);
  return (specific && VIGIL_TO_NCMEC_INCIDENT_TYPE[specific.incidentType]) ?? FALLBACK_INCIDENT_TYPE;
}

function suspect(identifiers: readonly SuspectIdentifier[], jurisdiction: ExportedJurisdiction): PersonOrUserReported | undefined {
  const of = (kind: SuspectIdentifier['kind']) => identifiers.filter((item) => item.kind === kind);
  const usernames = of('username').map((item) => splitUsername(item.value));
  const payments = of('payment').map((item) => item.value);
  const ipCaptureEvent: IpCaptureEvent[] = of('ip').map((item) => (item.observedAt ? { ipAddress: item.value, dateTime: item.observedAt } : { ipAddress: item.value }));
  const deviceId: DeviceId[] = of('device').map((item) => splitDevice(item.value));
  const emails = of('email').map((item) => ({ value: item.value }));
  const phones = of('phone').map((item) => ({ value: item.value }));
  const location = estimatedLocation(jurisdiction);
  const notes = [
    usernames.length > 1 ? `Usernames: ${usernames.map((name) => `${name.username} on ${name.platform}`).join('; ')}.` : undefined,
    payments.length ? `Payment handles: ${payments.join('; ')}.` : undefined,
  ].filter((note): note is string => note !== undefined);
  if (!identifiers.length && !location) return undefined;
  return {
    personOrUserReportedPerson: emails.length || phones.length ? { email: emails, phone: phones, address: [] } : undefined,
    espService: usernames[0]?.platform,
    screenName: usernames[0]?.username,
    displayName: [],
    profileUrl: [],
    ipCaptureEvent,
    deviceId,
    priorCTReports: [],
    estimatedLocation: location,
    additionalInfo: notes.length ? notes.join(' ') : undefined,
  };
}

/** `name@platform`, split at the last `@` (a name may itself hold one). */
function splitUsername(value: string): { username: string; platform: string } {
  const at = value.lastIndexOf('@');
  return at > 0 ? { username: value.slice(0, at), platform: value.slice(at + 1) } : { username: value, platform: 'unknown' };
}

/** `type:value`, as the hub normalises device ids. */
function splitDevice(value: string): DeviceId {
  const colon = value.indexOf(':');
  return colon > 0 ? { idType: value.slice(0, colon), idValue: value.slice(colon + 1) } : { idType: 'unknown', idValue: value };
}

function estimatedLocation(jurisdiction: ExportedJurisdiction): EstimatedLocation | undefined {
  if (!jurisdiction.country) return undefined;
  return jurisdiction.province ? { countryCode: jurisdiction.country, region: jurisdiction.province } : { countryCode: jurisdiction.country };
}

function fileDetails(evidence: EvidenceReference): FileDetails {
  const classification = evidence.classification?.toUpperCase();
  const industry = INDUSTRY_CLASSIFICATIONS.find((scale) => scale === classification);
  return {
    fileName: evidence.fileName,
    locationOfFile: evidence.location,
    industryClassification: industry,
    fileAnnotations: [],
    originalFileHash: evidence.hashes.map((hash) => ({ hashType: hash.algorithm.toUpperCase().replace(/[-_\s]/g, ''), value: hash.value })),
    deviceId: [],
    details: [],
    // A classification off the industry scale (a bank's category) is kept as text.
    additionalInfo: evidence.classification && !industry ? [`Classification: ${evidence.classification}`] : [],
  };
}

function additionalInfo(content: PackageContent, manifestSha256: string, jurisdiction: ExportedJurisdiction, referrals: readonly PackageReferral[]): string {
  const where = [jurisdiction.country, jurisdiction.province].filter(Boolean).join('-');
  const lines = [
    `Vigil ${content.kind} ${content.caseReference} version ${content.version}, built ${content.builtAt} by ${content.builtBy}.`,
    `Manifest SHA-256: ${manifestSha256}`,
    content.disposition.summary,
    jurisdiction.policeServiceName
      ? `Jurisdiction: ${jurisdiction.policeServiceName} (${jurisdiction.policeServiceId}${where ? `, ${where}` : ''}, route ${jurisdiction.route ?? 'unknown'}, confidence ${jurisdiction.confidence ?? 'unknown'}${
          jurisdiction.contested ? ', contested: see conflicts in the package' : ''
        }): ${jurisdiction.reason ?? 'no reason given'}.`
      : 'Jurisdiction: not resolved.',
    `Referrals (${referrals.length}):`,
    ...referrals.map(
      (referral, index) =>
        `${index + 1}. ${referral.origin} ${referral.reference}${referral.sender ? ` from ${referral.sender.name}` : ''}: ${referral.incidentType}, received ${referral.receivedAt}, urgency ${referral.urgency}, ${
          referral.actionable ? 'actionable' : 'not actionable'
        }${referral.summary ? `. ${referral.summary}` : ''}`,
    ),
  ];
  if (content.kind === 'lead') lines.push(`A lead: ${content.evidenceCount} evidence file(s) are not listed.`);
  return lines.join('\n');
}

function readJurisdiction(section: Record<string, unknown>): ExportedJurisdiction {
  const recommended = record(section['recommended']);
  const service = record(recommended['policeService']);
  const name = record(service['name']);
  const place = record(recommended['jurisdiction']);
  return {
    policeServiceId: text(service['id']),
    policeServiceName: text(name['en']) ?? text(service['id']),
    country: text(place['country']),
    province: text(place['province']),
    route: text(recommended['route']),
    confidence: typeof recommended['confidence'] === 'number' ? recommended['confidence'] : undefined,
    reason: text(recommended['reason']),
    contested: recommended['contested'] === true,
  };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}
