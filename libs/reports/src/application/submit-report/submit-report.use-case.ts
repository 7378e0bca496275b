import { envelope, REPORT_SUBMITTED_V1 } from '@vigil/contracts';
import type { Clock } from '@vigil/kernel';
import type { PublicReportDetails, ReporterContact } from '../../domain/public-report-details';
import { isEmptyContact } from '../../domain/public-report-details';
import { Report, type ReportMedia, type ReportSource } from '../../domain/report';
import { runDirectly, type AtomicWork, type EvidenceFile, type EvidenceStore } from '../../ports/evidence-store';
import type { NewReport, NewReportWriter } from '../../ports/new-report-writer';
import type { ReportRepository } from '../../ports/report.repository';
import type { ReportIdentities } from '../../ports/report-identities';
import type { ReporterChannel } from '../../ports/reporter-channel';
import { hashFollowUpSecret } from '../follow-up/follow-up-secret-hash';
import { PortByPortNewReportWriter } from './port-by-port-new-report-writer';
import { reportSubmittedPayload } from './report-submitted-payload';

/** One media file as intake hands it over: its digests, and the bytes to keep as evidence. */
export type SubmittedMedia = Omit<ReportMedia, 'matchState' | 'mediaId' | 'sha256' | 'md5'> & { sha256: string; md5: string; content?: Uint8Array };

export interface SubmitReportCommand {
  source: ReportSource;
  incidentType: string;
  description: string;
  urls: string[];
  /** Digests computed at intake; the bytes, when given, go to the evidence store only. */
  media: SubmittedMedia[];
  /** A public reporter's structured answers (where, when, child, suspect, chat excerpts). */
  details?: PublicReportDetails;
  /** Only if the reporter chose to give it; kept apart from the report (ReporterChannel). */
  contact?: ReporterContact;
}

/** Where a public report's follow-up secret and contact go, and where new secrets come from. */
export interface ReporterChannelOptions {
  channel: ReporterChannel;
  newSecret: () => string;
}

export interface SubmitReportResult {
  id: string;
  reference: string;
  receivedAt: string;
  /** Shown to the reporter once; only its hash is kept. Present when the use case has a reporter channel. */
  followUpSecret?: string;
}

/**
 * Takes a report: the report, its `report.submitted.v1` (outbox) and its evidence files are
 * written as one unit, so hash-detection never hears of media the tipline does not hold.
 */
export class SubmitReportUseCase {
  private readonly writer: NewReportWriter;

  /** `writer`: how the report, its event and its reporter channel are committed; by default through `reports` and the channel, in `atomically`. */
  constructor(
    reports: ReportRepository,
    private readonly clock: Clock,
    private readonly identities: ReportIdentities,
    private readonly evidence?: EvidenceStore,
    private readonly atomically: AtomicWork = runDirectly,
    private readonly reporters?: ReporterChannelOptions,
    writer?: NewReportWriter,
  ) {
    this.writer = writer ?? new PortByPortNewReportWriter(reports, atomically, reporters?.channel);
  }

  async execute(command: SubmitReportCommand): Promise<SubmitReportResult> {
    const media = command.media.map(({ content, ...digests }) => ({ digests: { ...digests, mediaId: this.identities.newId() }, content }));
    const receivedAt = this.clock.now();
    const report = Report.submit({
      id: this.identities.newId(),
      reference: this.identities.newReference(),
      source: command.source,
      incidentType: command.incidentType,
      description: command.description,
      urls: command.urls,
      media: media.map((item) => item.digests),
      receivedAt,
      details: command.details,
    });
    report.pullEvents();
    const state = report.snapshot();
    const payload = reportSubmittedPayload(state);
    const files: EvidenceFile[] = media.flatMap(({ digests, content }) =>
      content ? [{ mediaId: digests.mediaId, reportId: state.id, contentType: digests.contentType, content, sha256: digests.sha256, createdAt: state.receivedAt }] : [],
    );
    if (files.length > 0 && !this.evidence) throw new Error('SubmitReportUseCase was given media bytes but no evidence store to keep them in');
    if (!isEmptyContact(command.contact) && !this.reporters) throw new Error('SubmitReportUseCase was given a reporter contact but no reporter channel to keep it in');
    const followUpSecret = this.reporters?.newSecret();
    const unit: NewReport = {
      report: state,
      events: [envelope(REPORT_SUBMITTED_V1, 'tipline', payload, { correlationId: state.id, occurredAt: receivedAt })],
      ...(followUpSecret ? { reporterChannel: { secretHash: hashFollowUpSecret(followUpSecret), ...(isEmptyContact(command.contact) ? {} : { contact: command.contact }) } } : {}),
    };
    // Without files the writer may commit this report together with others arriving meanwhile
    // (group commit); evidence files need the report's own transaction.
    if (files.length === 0) {
      await this.writer.write(unit);
    } else {
      await this.atomically(async () => {
        await this.writer.write(unit);
        await this.evidence?.put(files);
      });
    }
    return { id: state.id, reference: state.reference, receivedAt: state.receivedAt, ...(followUpSecret ? { followUpSecret } : {}) };
  }
}
