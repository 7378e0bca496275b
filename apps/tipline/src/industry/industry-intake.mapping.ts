import type { ParsedCyberTipReport, VigilIntake } from '@vigil/cybertip-xml';
import { toVigilIntake } from '@vigil/cybertip-xml';
import { ValidationError } from '@vigil/kernel';
import type { SubmitIndustryReportCommand } from '@vigil/reports';
import type { IndustryReportRequest } from './industry-report.dto';

type Partner = SubmitIndustryReportCommand['partner'];

/** The JSON API's body → the intake command; the body is kept verbatim as the original. */
export function fromJsonRequest(body: IndustryReportRequest, partner: Partner): SubmitIndustryReportCommand {
  return {
    partner,
    partnerReference: body.partnerReference,
    format: 'json',
    original: JSON.stringify(body),
    incidents: body.incidents.map((incident) => ({ type: incident.type, occurredAt: incident.time, description: incident.description })),
    reportedUsers: (body.reportedUsers ?? []).map((user) => ({
      platform: user.platform,
      userId: user.userId,
      username: user.username,
      displayName: user.displayName,
      emails: user.email ? [user.email] : [],
      phones: user.phone ? [user.phone] : [],
      ipCaptureEvents: (user.ipCaptureEvents ?? []).map((event) => ({ ip: event.ip, at: event.at, event: event.event })),
    })),
    urls: body.urls ?? [],
    files: body.files ?? [],
    urgentReason: body.urgentReason,
  };
}

/**
 * A parsed CyberTipline report → the intake command. A retry is recognised by NCMEC's report
 * number (kept as `ncmec:<number>`) or else the partner's own `partnerReference` attribute; a
 * document with neither cannot be taken idempotently and is refused, naming the attribute.
 */
export function fromCyberTip(parsed: ParsedCyberTipReport, partner: Partner): SubmitIndustryReportCommand {
  const intake: VigilIntake = toVigilIntake(parsed.report);
  const reference = intake.partnerReference;
  if (!reference) {
    throw new ValidationError('report@partnerReference: give the report a partnerReference (or ncmecReportId) attribute so a retry is recognised', 'report@partnerReference');
  }
  const incident = intake.incident;
  const description = [incident.occurredAtDescription, intake.additionalInfo]
    .filter((part): part is string => Boolean(part))
    .join('\n');
  const hash = (file: VigilIntake['files'][number], algorithm: string) => file.hashes.find((item) => item.algorithm === algorithm)?.value;
  return {
    partner,
    partnerReference: reference.kind === 'ncmec-report-id' ? `ncmec:${reference.value}` : reference.value,
    format: 'cybertip-xml',
    original: parsed.original,
    incidents: [{ type: incident.type, occurredAt: incident.occurredAt, description, typeReason: incident.typeReason }],
    reportedUsers: intake.reportedUsers.map((account) => ({
      platform: account.platform,
      userId: account.userId,
      username: account.username,
      displayName: account.displayNames[0],
      emails: account.emails,
      phones: account.phones,
      ipCaptureEvents: account.ipEvents.map((event) => ({ ip: event.ip, at: event.at, event: event.event })),
    })),
    urls: intake.urls,
    urgentReason: incident.urgentReason,
    files: intake.files.map((file) => ({
      fileName: file.fileName ?? file.originalFileName,
      sha256: hash(file, 'sha256'),
      md5: hash(file, 'md5'),
      sha1: hash(file, 'sha1'),
      pdq: hash(file, 'pdq'),
      classification: file.industryClassification,
      location: file.location,
    })),
    extra: {
      ncmecIncidentType: incident.ncmecType,
      typeReason: incident.typeReason,
      annotations: incident.annotations,
      platform: incident.platform,
      intendedRecipients: intake.intendedRecipients,
      victims: intake.victims,
      reporter: intake.reporter,
      lawEnforcement: intake.lawEnforcement,
      unmappedElements: parsed.unmappedElements,
    },
  };
}
