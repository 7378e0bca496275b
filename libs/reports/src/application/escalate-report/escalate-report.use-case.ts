import { envelope, REPORT_ESCALATED_V2, type ReportEscalatedV2 } from '@vigil/contracts';
import { NotFoundError, type Clock } from '@vigil/kernel';
import type { IndustrySubmissions } from '../../ports/industry-submissions';
import type { ReportLinks } from '../../ports/report-links';
import type { ReportRepository } from '../../ports/report.repository';
import { escalationMediaHashes, escalationIdentifiers, reportedUsersOfIntake } from './escalation-suspect';

export interface EscalateReportCommand {
  reportId: string;
  analyst: string;
  summary: string;
  note?: string;
}

/** Where the suspect's identifiers come from: the related-report links, and an industry partner's submission. */
export interface EscalationSources {
  links?: Pick<ReportLinks, 'identifiersOf'>;
  submissions?: Pick<IndustrySubmissions, 'byReportId'>;
}

/**
 * An analyst sends a report to law enforcement: `report.escalated.v2` to the referral hub, with
 * the suspect's identifiers structured (the hub still consumes v1 events published before).
 */
export class EscalateReportUseCase {
  constructor(private readonly reports: ReportRepository, private readonly clock: Clock, private readonly sources: EscalationSources = {}) {}

  async execute(command: EscalateReportCommand): Promise<{ reportId: string; escalatedAt: string }> {
    const report = await this.reports.findById(command.reportId);
    if (!report) throw new NotFoundError('report', command.reportId);
    const at = this.clock.now();
    report.escalate(command.analyst, at, command.note);
    report.pullEvents();
    const state = report.snapshot();
    const [linked, submission] = await Promise.all([this.sources.links?.identifiersOf(state.id) ?? [], this.sources.submissions?.byReportId(state.id)]);
    const payload: ReportEscalatedV2 = {
      reportId: state.id,
      reference: state.reference,
      incidentType: state.incidentType,
      summary: command.summary,
      priority: state.priority,
      priorityReasons: state.priorityReasons.map((reason) => `${reason.rule}: ${reason.detail}`),
      urls: state.urls,
      mediaHashes: escalationMediaHashes(state),
      ...escalationIdentifiers({ report: state, linked, reportedUsers: reportedUsersOfIntake(submission?.intake) }),
      escalatedBy: command.analyst,
      escalatedAt: at.toISOString(),
      source: state.source,
      analystNote: command.note,
    };
    await this.reports.save(report, [envelope(REPORT_ESCALATED_V2, 'tipline', payload, { correlationId: state.id, occurredAt: at })]);
    return { reportId: state.id, escalatedAt: payload.escalatedAt };
  }
}
