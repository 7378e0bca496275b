import { envelope, REPORT_SUBMITTED_V1, type ReportSubmittedV1 } from '@vigil/contracts';
import type { Clock } from '@vigil/kernel';
import { Report, type ReportMedia, type ReportSource } from '../../domain/report';
import type { ReportRepository } from '../../ports/report.repository';
import type { ReportIdentities } from '../../ports/report-identities';

export interface SubmitReportCommand {
  source: ReportSource;
  incidentType: string;
  description: string;
  urls: string[];
  /** Digests computed at intake; the bytes themselves never reach this use case. */
  media: Array<Omit<ReportMedia, 'matchState' | 'mediaId'>>;
}

export interface SubmitReportResult {
  id: string;
  reference: string;
  receivedAt: string;
}

/** Takes a report and queues `report.submitted.v1` in the same transaction. */
export class SubmitReportUseCase {
  constructor(private readonly reports: ReportRepository, private readonly clock: Clock, private readonly identities: ReportIdentities) {}

  async execute(command: SubmitReportCommand): Promise<SubmitReportResult> {
    const report = Report.submit({
      id: this.identities.newId(),
      reference: this.identities.newReference(),
      source: command.source,
      incidentType: command.incidentType,
      description: command.description,
      urls: command.urls,
      media: command.media.map((media) => ({ ...media, mediaId: this.identities.newId() })),
      receivedAt: this.clock.now(),
    });
    report.pullEvents();
    const state = report.snapshot();
    const payload: ReportSubmittedV1 = {
      reportId: state.id,
      reference: state.reference,
      incidentType: state.incidentType,
      source: state.source,
      urls: state.urls,
      media: state.media.map(({ mediaId, sha256, md5, pdq, pdqQuality, bytes, contentType }) => ({ mediaId, sha256, md5, pdq, pdqQuality, bytes, contentType })),
    };
    await this.reports.save(report, [envelope(REPORT_SUBMITTED_V1, 'tipline', payload, { correlationId: state.id, occurredAt: this.clock.now() })]);
    return { id: state.id, reference: state.reference, receivedAt: state.receivedAt };
  }
}
