import { envelope, REPORT_SUBMITTED_V1 } from '@vigil/contracts';
import type { Clock } from '@vigil/kernel';
import { Report, type ReportMedia, type ReportSource } from '../../domain/report';
import { runDirectly, type AtomicWork, type EvidenceFile, type EvidenceStore } from '../../ports/evidence-store';
import type { ReportRepository } from '../../ports/report.repository';
import type { ReportIdentities } from '../../ports/report-identities';
import { reportSubmittedPayload } from './report-submitted-payload';

/** One media file as intake hands it over: its digests, and the bytes to keep as evidence. */
export type SubmittedMedia = Omit<ReportMedia, 'matchState' | 'mediaId'> & { content?: Uint8Array };

export interface SubmitReportCommand {
  source: ReportSource;
  incidentType: string;
  description: string;
  urls: string[];
  /** Digests computed at intake; the bytes, when given, go to the evidence store only. */
  media: SubmittedMedia[];
}

export interface SubmitReportResult {
  id: string;
  reference: string;
  receivedAt: string;
}

/**
 * Takes a report: the report, its `report.submitted.v1` (outbox) and its evidence files are
 * written as one unit, so hash-detection never hears of media the tipline does not hold.
 */
export class SubmitReportUseCase {
  constructor(
    private readonly reports: ReportRepository,
    private readonly clock: Clock,
    private readonly identities: ReportIdentities,
    private readonly evidence?: EvidenceStore,
    private readonly atomically: AtomicWork = runDirectly,
  ) {}

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
    });
    report.pullEvents();
    const state = report.snapshot();
    const payload = reportSubmittedPayload(state);
    const files: EvidenceFile[] = media.flatMap(({ digests, content }) =>
      content ? [{ mediaId: digests.mediaId, reportId: state.id, contentType: digests.contentType, content, sha256: digests.sha256, createdAt: state.receivedAt }] : [],
    );
    if (files.length > 0 && !this.evidence) throw new Error('SubmitReportUseCase was given media bytes but no evidence store to keep them in');
    await this.atomically(async () => {
      await this.reports.save(report, [envelope(REPORT_SUBMITTED_V1, 'tipline', payload, { correlationId: state.id, occurredAt: receivedAt })]);
      if (files.length > 0) await this.evidence?.put(files);
    });
    return { id: state.id, reference: state.reference, receivedAt: state.receivedAt };
  }
}
