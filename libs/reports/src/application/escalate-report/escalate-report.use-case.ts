import { envelope, REPORT_ESCALATED_V1, type ReportEscalatedV1 } from '@vigil/contracts';
import { NotFoundError, type Clock } from '@vigil/kernel';
import type { ReportRepository } from '../../ports/report.repository';

export interface EscalateReportCommand {
  reportId: string;
  analyst: string;
  summary: string;
  note?: string;
}

/** An analyst sends a report to law enforcement: `report.escalated.v1` to the referral hub. */
export class EscalateReportUseCase {
  constructor(private readonly reports: ReportRepository, private readonly clock: Clock) {}

  async execute(command: EscalateReportCommand): Promise<{ reportId: string; escalatedAt: string }> {
    const report = await this.reports.findById(command.reportId);
    if (!report) throw new NotFoundError('report', command.reportId);
    const at = this.clock.now();
    report.escalate(command.analyst, at, command.note);
    report.pullEvents();
    const state = report.snapshot();
    const payload: ReportEscalatedV1 = {
      reportId: state.id,
      reference: state.reference,
      incidentType: state.incidentType,
      summary: command.summary,
      priority: state.priority,
      priorityReasons: state.priorityReasons.map((reason) => `${reason.rule}: ${reason.detail}`),
      urls: state.urls,
      mediaSha256: state.media.map((media) => media.sha256),
      escalatedBy: command.analyst,
      escalatedAt: at.toISOString(),
      source: state.source,
      analystNote: command.note,
    };
    await this.reports.save(report, [envelope(REPORT_ESCALATED_V1, 'tipline', payload, { correlationId: state.id, occurredAt: at })]);
    return { reportId: state.id, escalatedAt: payload.escalatedAt };
  }
}
