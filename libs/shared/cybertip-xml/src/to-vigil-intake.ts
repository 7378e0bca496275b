/**
 * A CyberTipline report in the terms Vigil's apps use: one neutral structure the tipline's import
 * and the referral hub's partner intake both map from, so neither has to know the XML schema.
 *
 * Everything automated here carries its reason (the incident type mapping says why), and nothing
 * is decided: an analyst confirms the type. Date-times are normalised to ISO 8601 UTC; one sent
 * without an offset is read as UTC.
 */
import { compact } from './compact';
import { canonicalHashType } from './xml/field-values';
import type {
  CyberTipReport,
  DeviceId,
  Email,
  EstimatedLocation,
  FileAnnotation,
  FileRelevance,
  IndustryClassification,
  IpCaptureEvent,
  NcmecIncidentType,
  OnlineAccount,
  Person,
  Phone,
  ReportAnnotation,
} from './cybertip-report';

/**
 * The tipline's incident types (libs/reports `INCIDENT_TYPES`). Repeated here because a util
 * library may not import a context library; a spec reads the tipline's list to keep them equal.
 */
export const VIGIL_INCIDENT_TYPES = [
  'csam',
  'online-luring',
  'sextortion-financial',
  'sextortion-sexual',
  'intimate-images-of-minor',
  'child-exploitation-through-prostitution',
  'travelling-child-sex-offender',
  'child-trafficking',
  'other',
] as const;
export type VigilIncidentType = (typeof VIGIL_INCIDENT_TYPES)[number];

/** NCMEC's incident type → Vigil's, with the reason shown to the analyst. */
export const NCMEC_TO_VIGIL_INCIDENT_TYPE: Record<NcmecIncidentType, { type: VigilIncidentType; reason: string }> = {
  'Child Pornography (possession, manufacture, and distribution)': { type: 'csam', reason: 'NCMEC "Child Pornography" is child sexual abuse material' },
  'Child Sex Trafficking': { type: 'child-trafficking', reason: 'NCMEC "Child Sex Trafficking" is child trafficking' },
  'Child Sex Tourism': { type: 'travelling-child-sex-offender', reason: 'NCMEC "Child Sex Tourism" is a travelling child sex offender' },
  'Child Sexual Molestation': { type: 'other', reason: 'NCMEC "Child Sexual Molestation" (contact abuse) has no tipline type of its own' },
  'Misleading Domain Name': { type: 'other', reason: 'NCMEC "Misleading Domain Name" has no tipline type of its own' },
  'Misleading Words or Digital Images on the Internet': {
    type: 'other',
    reason: 'NCMEC "Misleading Words or Digital Images on the Internet" has no tipline type of its own',
  },
  'Online Enticement of Children for Sexual Acts': { type: 'online-luring', reason: 'NCMEC "Online Enticement" is online luring' },
  'Unsolicited Obscene Material Sent to a Child': {
    type: 'online-luring',
    reason: 'NCMEC "Unsolicited Obscene Material Sent to a Child" is sexual material sent to a child, which the tipline handles as luring',
  },
};

export interface VigilIntakeIpEvent {
  ip: string;
  /** Login, Registration, Upload… as the reporter named it. */
  event?: string;
  /** ISO 8601 UTC. */
  at?: string;
  port?: number;
  possibleProxy?: boolean;
}

export interface VigilIntakeDevice {
  type: string;
  value: string;
  event?: string;
  at?: string;
}

export interface VigilIntakeLocation {
  city?: string;
  region?: string;
  countryCode?: string;
}

/** An account on a platform: a reported user or an intended recipient. */
export interface VigilIntakeAccount {
  /** The service the account is on (the report's platform when the account names none). */
  platform?: string;
  /** The platform's id for the account. */
  userId?: string;
  username?: string;
  displayNames: string[];
  profileUrls: string[];
  /** As given (first and last name); absent when the report names no one. */
  name?: string;
  emails: string[];
  phones: string[];
  ipEvents: VigilIntakeIpEvent[];
  devices: VigilIntakeDevice[];
  estimatedLocation?: VigilIntakeLocation;
  /** Earlier CyberTipline report numbers about this account. */
  priorReports: string[];
}

export interface VigilIntakeVictim {
  age?: number;
  dateOfBirth?: string;
  name?: string;
  platform?: string;
  userId?: string;
  username?: string;
  schoolName?: string;
  estimatedLocation?: VigilIntakeLocation;
}

export interface VigilIntakeFile {
  fileId?: string;
  fileName?: string;
  originalFileName?: string;
  /** Where the file was (its URL). */
  location?: string;
  /** `md5`, `sha1`, `sha256`, `pdq`… and the value; hex values in lower case. */
  hashes: { algorithm: string; value: string }[];
  industryClassification?: IndustryClassification;
  /** "Reported" unless the reporter said otherwise. */
  relevance: FileRelevance;
  annotations: FileAnnotation[];
  viewedByReporter?: boolean;
  publiclyAvailable?: boolean;
  uploadedAt?: string;
  uploadIp?: VigilIntakeIpEvent;
}

export interface VigilIntake {
  /**
   * What a retry of the same report is recognised by: NCMEC's report number when the report came
   * through NCMEC (the envelope attribute, else the one its files name), else the partner's own.
   */
  partnerReference?: { kind: 'ncmec-report-id' | 'partner-reference'; value: string };
  incident: {
    type: VigilIncidentType;
    ncmecType: NcmecIncidentType;
    /** Why this type: for the analyst who confirms or corrects it. */
    typeReason: string;
    annotations: ReportAnnotation[];
    occurredAt: string;
    occurredAtDescription?: string;
    /** The reporter asked for urgent handling, and why. */
    urgentReason?: string;
    platform?: string;
  };
  /** Every URL the report names where the incident happened or a file was, deduplicated. */
  urls: string[];
  reportedUsers: VigilIntakeAccount[];
  intendedRecipients: VigilIntakeAccount[];
  victims: VigilIntakeVictim[];
  files: VigilIntakeFile[];
  /**
   * The person who filed the report. The XML does not name the reporting company: apps know it
   * from the partner's credentials.
   */
  reporter: { name?: string; emails: string[]; phones: string[]; legalUrl?: string };
  lawEnforcement?: { agencyName: string; caseNumber?: string };
  additionalInfo?: string;
}

export function toVigilIntake(report: CyberTipReport): VigilIntake {
  const summary = report.incidentSummary;
  const platform = summary.platform;
  const reported = report.personOrUserReported;
  return compact({
    partnerReference: partnerReference(report),
    incident: compact({
      ...incidentType(summary.incidentType, summary.reportAnnotations),
      annotations: summary.reportAnnotations,
      occurredAt: toUtc(summary.incidentDateTime),
      occurredAtDescription: summary.incidentDateTimeDescription,
      urgentReason: summary.escalateToHighPriority,
      platform,
    }),
    urls: urls(report),
    reportedUsers: reported ? [account(reported, reported.personOrUserReportedPerson, platform)] : [],
    intendedRecipients: report.intendedRecipient.map((recipient) => account(recipient, recipient.intendedRecipientPerson, platform)),
    victims: report.victim.map((victim) =>
      compact({
        age: victim.victimPerson?.age,
        dateOfBirth: victim.victimPerson?.dateOfBirth,
        name: fullName(victim.victimPerson),
        platform: victim.espService ?? platform,
        userId: victim.espIdentifier,
        username: victim.screenName,
        schoolName: victim.schoolName,
        estimatedLocation: victim.estimatedLocation && location(victim.estimatedLocation),
      }),
    ),
    files: report.fileDetails.map((file) =>
      compact({
        fileId: file.fileId,
        fileName: file.fileName,
        originalFileName: file.originalFileName,
        location: file.locationOfFile,
        hashes: file.originalFileHash.map((hash) => ({ algorithm: hashAlgorithm(hash.hashType), value: hashValue(hash.value) })),
        industryClassification: file.industryClassification,
        relevance: file.fileRelevance ?? 'Reported',
        annotations: file.fileAnnotations,
        viewedByReporter: file.fileViewedByEsp,
        publiclyAvailable: file.publiclyAvailable,
        uploadedAt: file.uploadedToEspTimestamp && toUtc(file.uploadedToEspTimestamp),
        uploadIp: file.ipCaptureEvent && ipEvent(file.ipCaptureEvent),
      }),
    ),
    reporter: compact({
      name: fullName(report.reporter.reportingPerson),
      emails: report.reporter.reportingPerson.email.map(emailValue),
      phones: report.reporter.reportingPerson.phone.map(phoneValue),
      legalUrl: report.reporter.legalURL,
    }),
    lawEnforcement: report.lawEnforcement && compact({ agencyName: report.lawEnforcement.agencyName, caseNumber: report.lawEnforcement.caseNumber }),
    additionalInfo: report.additionalInfo,
  });
}

function incidentType(ncmecType: NcmecIncidentType, annotations: readonly ReportAnnotation[]): { type: VigilIncidentType; ncmecType: NcmecIncidentType; typeReason: string } {
  // NCMEC files sextortion as enticement with a "sextortion" tag; whether money or more images
  // were demanded is not in the report, so the analyst is told to check.
  if (ncmecType === 'Online Enticement of Children for Sexual Acts' && annotations.includes('sextortion')) {
    return {
      type: 'sextortion-sexual',
      ncmecType,
      typeReason: 'NCMEC "Online Enticement" tagged "sextortion"; the report does not say whether money was demanded: confirm financial or sexual',
    };
  }
  const { type, reason } = NCMEC_TO_VIGIL_INCIDENT_TYPE[ncmecType];
  return { type, ncmecType, typeReason: reason };
}

function partnerReference(report: CyberTipReport): VigilIntake['partnerReference'] {
  if (report.ncmecReportId) return { kind: 'ncmec-report-id', value: report.ncmecReportId };
  const fileReportIds = new Set(report.fileDetails.flatMap((file) => (file.reportId ? [file.reportId] : [])));
  if (fileReportIds.size === 1) return { kind: 'ncmec-report-id', value: [...fileReportIds][0] };
  if (report.partnerReference) return { kind: 'partner-reference', value: report.partnerReference };
  return undefined;
}

function urls(report: CyberTipReport): string[] {
  const found = [
    ...report.internetDetails.flatMap((details) => ('webPageIncident' in details ? details.webPageIncident.url : [])),
    ...report.fileDetails.flatMap((file) => (file.locationOfFile ? [file.locationOfFile] : [])),
  ];
  return [...new Set(found)];
}

function account(value: OnlineAccount, person: Person | undefined, reportPlatform: string | undefined): VigilIntakeAccount {
  return compact({
    platform: value.espService ?? reportPlatform,
    userId: value.espIdentifier,
    username: value.screenName,
    displayNames: value.displayName,
    profileUrls: value.profileUrl,
    name: fullName(person),
    emails: person?.email.map(emailValue) ?? [],
    phones: person?.phone.map(phoneValue) ?? [],
    ipEvents: value.ipCaptureEvent.map(ipEvent),
    devices: value.deviceId.map(device),
    estimatedLocation: value.estimatedLocation && location(value.estimatedLocation),
    priorReports: value.priorCTReports,
  });
}

function ipEvent(event: IpCaptureEvent): VigilIntakeIpEvent {
  return compact({ ip: event.ipAddress, event: event.eventName, at: event.dateTime && toUtc(event.dateTime), port: event.port, possibleProxy: event.possibleProxy });
}

function device(value: DeviceId): VigilIntakeDevice {
  return compact({ type: value.idType, value: value.idValue, event: value.eventName, at: value.dateTime && toUtc(value.dateTime) });
}

function location(value: EstimatedLocation): VigilIntakeLocation {
  return compact({ city: value.city, region: value.region, countryCode: value.countryCode });
}

function fullName(person: Person | undefined): string | undefined {
  const name = [person?.firstName, person?.lastName].filter(Boolean).join(' ');
  return name || undefined;
}

function emailValue(email: Email): string {
  return email.value;
}

function phoneValue(phone: Phone): string {
  return phone.countryCallingCode ? `+${phone.countryCallingCode.replace(/^\+/, '')} ${phone.value}` : phone.value;
}

function hashAlgorithm(hashType: string): string {
  return canonicalHashType(hashType).toLowerCase();
}

function hashValue(value: string): string {
  return /^[0-9a-fA-F]+$/.test(value) ? value.toLowerCase() : value;
}

/** ISO 8601 UTC; a date-time the parser accepted without an offset is taken as UTC. */
function toUtc(dateTime: string): string {
  const withOffset = /(Z|[+-]\d{2}:\d{2})$/.test(dateTime) ? dateTime : `${dateTime}Z`;
  return new Date(withOffset).toISOString();
}
