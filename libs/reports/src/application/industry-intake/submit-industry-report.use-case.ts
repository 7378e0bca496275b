import { envelope, REPORT_SUBMITTED_V1 } from '@vigil/contracts';
import { ValidationError, type Clock } from '@vigil/kernel';
import { isIncidentType, type IncidentType } from '../../domain/incident-type';
import { Report, type ReportMedia } from '../../domain/report';
import { normaliseUrl, uniqueIdentifiers } from '../../domain/report-identifier';
import { ReportTriage } from '../../domain/report-triage';
import { runDirectly, type AtomicWork } from '../../ports/evidence-store';
import { DuplicateSubmissionError, type IndustrySubmissions } from '../../ports/industry-submissions';
import type { ReportIdentities } from '../../ports/report-identities';
import type { ReportLinks } from '../../ports/report-links';
import type { ReportTriageRepository } from '../../ports/report-triage.repository';
import type { ReportRepository } from '../../ports/report.repository';
import { identifiersOfAccounts, identifiersOfReport } from '../link-reports/extract-identifiers';
import { reportSubmittedPayload } from '../submit-report/report-submitted-payload';

export interface IndustryIncident {
  type: string;
  /** ISO 8601. */
  occurredAt?: string;
  description: string;
  /** Why this type, when it was mapped from a partner's taxonomy (e.g. NCMEC's). */
  typeReason?: string;
}

export interface IndustryIpEvent {
  ip: string;
  at?: string;
  event?: string;
}

export interface IndustryReportedUser {
  platform?: string;
  userId?: string;
  username?: string;
  displayName?: string;
  emails: string[];
  phones: string[];
  ipCaptureEvents: IndustryIpEvent[];
}

/** A file the partner knows by its hashes; the bytes never come to the tipline. */
export interface IndustryFile {
  fileName?: string;
  sha256?: string;
  md5?: string;
  sha1?: string;
  pdq?: string;
  /** PDQ quality (0–100) as the partner computed it; without it, hash-detection does not match on the PDQ. */
  pdqQuality?: number;
  classification?: string;
  location?: string;
}

export interface SubmitIndustryReportCommand {
  partner: { id: string; name: string };
  partnerReference: string;
  format: 'json' | 'cybertip-xml';
  /** The body as received. */
  original: string;
  incidents: IndustryIncident[];
  reportedUsers: IndustryReportedUser[];
  urls: string[];
  files: IndustryFile[];
  /** The partner asked for urgent handling, and why: the report starts at high priority with that reason. */
  urgentReason?: string;
  /** Anything else the intake keeps for analysts (victims, NCMEC type, unmapped XML elements). */
  extra?: Record<string, unknown>;
}

export interface SubmitIndustryReportResult {
  id: string;
  reference: string;
  receivedAt: string;
  /** false when this was a retry of a report already taken: nothing new was created. */
  created: boolean;
  /** Files sent to hash-detection for matching: every file, on whichever hashes it has. */
  filesSentForMatching: number;
  /** Files kept on the report but not sent for matching, and why (none since v1 media take any digest; kept for clients). */
  filesNotSentForMatching: { index: number; reason: string }[];
}

const HEX_LENGTH = { sha256: 64, md5: 32, sha1: 40, pdq: 64 } as const;
const MAX_REFERENCE = 200;

/**
 * Takes a platform's or ISP's report (JSON or CyberTipline XML, already mapped). Idempotent on
 * (partner, partner reference): a retry, even one racing the first request, returns the report
 * the first one created. The report, its `report.submitted.v1`, the partner's original, its
 * identifiers and its incidents commit as one unit.
 *
 * Files come as hashes only: each is sent for matching with whichever of SHA-256, MD5, SHA-1
 * and PDQ it has (bytes 0, type application/octet-stream), and linked by its SHA-256 when it has
 * one. No hash is ever invented.
 */
export class SubmitIndustryReportUseCase {
  constructor(
    private readonly reports: ReportRepository,
    private readonly submissions: IndustrySubmissions,
    private readonly links: ReportLinks,
    private readonly triages: ReportTriageRepository,
    private readonly clock: Clock,
    private readonly identities: ReportIdentities,
    private readonly atomically: AtomicWork = runDirectly,
  ) {}

  async execute(command: SubmitIndustryReportCommand): Promise<SubmitIndustryReportResult> {
    const partnerReference = command.partnerReference.trim();
    if (!partnerReference || partnerReference.length > MAX_REFERENCE) {
      throw new ValidationError(`partnerReference: required, at most ${MAX_REFERENCE} characters`, 'partnerReference');
    }
    const files = checkFiles(command.files);
    const existing = await this.submissions.findReportId(command.partner.id, partnerReference);
    if (existing) return this.retried(existing, files);

    const incidents = checkIncidents(command.incidents);
    const urls = command.urls.map((url, index) => {
      if (!normaliseUrl(url)) throw new ValidationError(`urls[${index}]: "${url}" is not an http(s) URL`, `urls[${index}]`);
      return url.trim();
    });
    const receivedAt = this.clock.now();
    const media: Omit<ReportMedia, 'matchState'>[] = files.sent.map((file) => ({
      mediaId: this.identities.newId(),
      filename: file.fileName ?? `file-${file.index + 1}`,
      contentType: 'application/octet-stream',
      bytes: 0,
      ...(file.sha256 ? { sha256: file.sha256 } : {}),
      ...(file.md5 ? { md5: file.md5 } : {}),
      ...(file.sha1 ? { sha1: file.sha1 } : {}),
      ...(file.pdq ? { pdq: file.pdq, ...(file.pdqQuality !== undefined ? { pdqQuality: file.pdqQuality } : {}) } : {}),
    }));
    const report = Report.submit({
      id: this.identities.newId(),
      reference: this.identities.newReference(),
      source: 'industry',
      incidentType: incidents[0].type,
      description: describe(command.partner.name, partnerReference, incidents),
      urls,
      media,
      receivedAt,
    });
    if (command.urgentReason) report.flagUrgent(command.urgentReason, receivedAt);
    report.pullEvents();
    const state = report.snapshot();
    const payload = reportSubmittedPayload(state);
    const identifiers = uniqueIdentifiers([
      ...identifiersOfReport(state),
      ...files.all.flatMap((file) => (file.sha256 ? [{ kind: 'sha256' as const, value: file.sha256 }] : [])),
      ...identifiersOfAccounts(
        command.reportedUsers.map((user) => ({ platform: user.platform, username: user.username, emails: user.emails, phones: user.phones, ips: user.ipCaptureEvents.map((event) => event.ip) })),
      ),
    ]);
    const triage = ReportTriage.start(state.id);
    triage.seedIncidents(
      incidents.map((incident, index) => ({ id: `${state.id}:${index + 1}`, incidentType: incident.type, description: incident.description, urls: index === 0 ? state.urls : [], offences: [] })),
    );
    const intake = {
      incidents,
      reportedUsers: command.reportedUsers,
      urls,
      files: command.files,
      urgentReason: command.urgentReason,
      ...(command.extra ?? {}),
    };
    try {
      await this.atomically(async () => {
        await this.reports.save(report, [envelope(REPORT_SUBMITTED_V1, 'tipline', payload, { correlationId: state.id, occurredAt: receivedAt })]);
        await this.submissions.record({
          partnerId: command.partner.id,
          partnerName: command.partner.name,
          partnerReference,
          reportId: state.id,
          format: command.format,
          original: command.original,
          intake,
          receivedAt: state.receivedAt,
        });
        await this.links.add(state.id, identifiers);
        await this.triages.save(triage, []);
      });
    } catch (error) {
      if (!(error instanceof DuplicateSubmissionError)) throw error;
      // A concurrent retry won the race; ours rolled back. Answer with its report.
      const winner = await this.submissions.findReportId(command.partner.id, partnerReference);
      if (!winner) throw error;
      return this.retried(winner, files);
    }
    return { id: state.id, reference: state.reference, receivedAt: state.receivedAt, created: true, ...filesOutcome(files) };
  }

  private async retried(reportId: string, files: CheckedFiles): Promise<SubmitIndustryReportResult> {
    const report = await this.reports.findById(reportId);
    if (!report) throw new Error(`industry submission points at report ${reportId}, which does not exist`);
    const state = report.snapshot();
    return { id: state.id, reference: state.reference, receivedAt: state.receivedAt, created: false, ...filesOutcome(files) };
  }
}

interface CheckedFile extends IndustryFile {
  index: number;
}

interface CheckedFiles {
  all: CheckedFile[];
  sent: CheckedFile[];
  notSent: { index: number; reason: string }[];
}

function checkFiles(files: readonly IndustryFile[]): CheckedFiles {
  const all = files.map((file, index) => {
    const checked: CheckedFile = { ...file, index };
    for (const algorithm of ['sha256', 'md5', 'sha1', 'pdq'] as const) {
      const value = file[algorithm];
      if (value === undefined) continue;
      const lower = value.trim().toLowerCase();
      if (!new RegExp(`^[0-9a-f]{${HEX_LENGTH[algorithm]}}$`).test(lower)) {
        throw new ValidationError(`files[${index}].${algorithm}: ${HEX_LENGTH[algorithm]} hex characters`, `files[${index}].${algorithm}`);
      }
      checked[algorithm] = lower;
    }
    if (!checked.sha256 && !checked.md5 && !checked.sha1 && !checked.pdq) throw new ValidationError(`files[${index}]: give at least one of sha256, md5, sha1, pdq`, `files[${index}]`);
    if (file.pdqQuality !== undefined && !(Number.isInteger(file.pdqQuality) && file.pdqQuality >= 0 && file.pdqQuality <= 100)) {
      throw new ValidationError(`files[${index}].pdqQuality: an integer from 0 to 100`, `files[${index}].pdqQuality`);
    }
    return checked;
  });
  return { all, sent: all, notSent: [] };
}

function filesOutcome(files: CheckedFiles): Pick<SubmitIndustryReportResult, 'filesSentForMatching' | 'filesNotSentForMatching'> {
  return { filesSentForMatching: files.sent.length, filesNotSentForMatching: files.notSent };
}

function checkIncidents(incidents: readonly IndustryIncident[]): (IndustryIncident & { type: IncidentType })[] {
  if (incidents.length === 0) throw new ValidationError('incidents: give at least one incident', 'incidents');
  return incidents.map((incident, index) => {
    if (!isIncidentType(incident.type)) throw new ValidationError(`incidents[${index}].type: "${incident.type}" is not a known incident type`, `incidents[${index}].type`);
    if (incident.occurredAt !== undefined && Number.isNaN(Date.parse(incident.occurredAt))) {
      throw new ValidationError(`incidents[${index}].occurredAt: an ISO 8601 date-time`, `incidents[${index}].occurredAt`);
    }
    return { ...incident, type: incident.type, description: incident.description.trim() };
  });
}

/** The report's description: one paragraph per incident, so the queue shows what the partner said. */
function describe(partnerName: string, partnerReference: string, incidents: readonly IndustryIncident[]): string {
  const lines = incidents.map((incident, index) => {
    const when = incident.occurredAt ? ` (${incident.occurredAt})` : '';
    return `Incident ${index + 1}: ${incident.type}${when}${incident.description ? ` — ${incident.description}` : ''}`;
  });
  return [`Industry report ${partnerReference} from ${partnerName}.`, ...lines].join('\n');
}
