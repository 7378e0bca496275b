import { parseCyberTipReport, toVigilIntake, type VigilIntake, type VigilIntakeAccount } from '@vigil/cybertip-xml';
import { ValidationError } from '@vigil/kernel';
import { identifier, provenanceFields, usernameIdentifier, type Provenance, type SuspectIdentifier } from '../../domain/identifiers';
import type { LocationHint, ReferralDraft, ReferralSender } from '../../domain/referral';

/**
 * A CyberTipline report (NCMEC's XML, parsed by the shared library the tipline's import uses too)
 * as a referral draft. A retry is recognised by NCMEC's report number, or by the partner's own
 * reference: one of the two is required. Identifiers are the reported user's only (a victim's or
 * recipient's account is not the suspect's).
 *
 * The origin follows the reference: a report with NCMEC's number came through NCMEC; one that
 * names only the sender's own reference is a platform's or ISP's report sent to us directly under
 * the mandatory-reporting law, in the same format (`industry`; the figures count them apart).
 */
export function referralFromCyberTipXml(xml: string, sender: ReferralSender, receivedAt: Date): Omit<ReferralDraft, 'id'> {
  const intake = toVigilIntake(parseCyberTipReport(xml).report);
  const reference = intake.partnerReference;
  if (!reference) {
    throw new ValidationError('the <report> needs an ncmecReportId or partnerReference attribute (or files naming one reportId): it is what a retried import is recognised by', 'partnerReference');
  }
  const sourceReportId = reference.kind === 'ncmec-report-id' ? `ncmec:${reference.value}` : `ncmec:${sender.id}:${reference.value}`;
  const users = intake.reportedUsers;
  const childIdentified = intake.victims.some((victim) => victim.name || victim.username || victim.userId || victim.age !== undefined || victim.schoolName);
  return {
    sourceReportId,
    origin: reference.kind === 'ncmec-report-id' ? 'ncmec' : 'industry',
    reference: reference.value,
    sender,
    incidentType: intake.incident.type,
    summary: summary(intake),
    priority: intake.incident.urgentReason ? 'urgent' : 'normal',
    priorityReasons: [intake.incident.typeReason],
    ...(intake.incident.urgentReason ? { urgentReason: intake.incident.urgentReason } : {}),
    urls: intake.urls,
    evidence: intake.files.map((file) => ({
      hashes: file.hashes,
      ...(file.fileName ? { fileName: file.fileName } : {}),
      ...(file.location ? { location: file.location } : {}),
      ...(file.industryClassification ? { classification: file.industryClassification } : {}),
    })),
    identifiers: users.flatMap(accountIdentifiers),
    locations: users.flatMap(accountLocations),
    childIdentified: Boolean(childIdentified),
    priorReports: users.flatMap((user) => user.priorReports),
    annotations: intake.incident.annotations,
    receivedAt: receivedAt.toISOString(),
  };
}

function summary(intake: VigilIntake): string {
  const platform = intake.incident.platform ? ` on ${intake.incident.platform}` : '';
  return [`NCMEC CyberTipline: ${intake.incident.ncmecType}${platform}, ${intake.incident.occurredAt}`, intake.additionalInfo].filter(Boolean).join('. ');
}

const REPORTED_USER: Provenance = { source: 'NCMEC reported user', sourceCode: 'ncmec-reported-user' };
const PLATFORM_ID: Provenance = { source: 'NCMEC reported user (platform id)', sourceCode: 'ncmec-platform-id' };
const ESTIMATED_LOCATION: Provenance = { source: 'NCMEC reported user, estimated location', sourceCode: 'ncmec-estimated-location' };

function ipCapture(event: string | undefined): Provenance {
  return { source: `NCMEC reported user (${event ?? 'IP capture'})`, sourceCode: 'ncmec-ip-capture', ...(event ? { sourceValues: { event } } : {}) };
}

function accountIdentifiers(user: VigilIntakeAccount): SuspectIdentifier[] {
  return [
    ...user.emails.map((value) => identifier('email', value, REPORTED_USER)),
    ...user.phones.map((value) => identifier('phone', value, REPORTED_USER)),
    user.username ? usernameIdentifier(user.username, user.platform, REPORTED_USER) : undefined,
    user.userId ? usernameIdentifier(`#${user.userId}`, user.platform, PLATFORM_ID) : undefined,
    ...user.ipEvents.map((event) => identifier('ip', event.ip, ipCapture(event.event), event.at)),
    ...user.devices.map((device) => identifier('device', `${device.type}:${device.value}`, REPORTED_USER)),
  ].filter((item): item is SuspectIdentifier => item !== undefined);
}

function accountLocations(user: VigilIntakeAccount): LocationHint[] {
  const place = user.estimatedLocation && [user.estimatedLocation.city, user.estimatedLocation.region, user.estimatedLocation.countryCode].filter(Boolean).join(', ');
  return [
    ...user.ipEvents.map((event): LocationHint => ({ kind: 'ip', value: event.ip, ...provenanceFields(ipCapture(event.event)), ...(event.at ? { observedAt: event.at } : {}) })),
    ...user.phones.map((value): LocationHint => ({ kind: 'phone', value, ...provenanceFields(REPORTED_USER) })),
    ...(place ? [{ kind: 'declared-location' as const, value: place, ...provenanceFields(ESTIMATED_LOCATION) }] : []),
  ];
}
