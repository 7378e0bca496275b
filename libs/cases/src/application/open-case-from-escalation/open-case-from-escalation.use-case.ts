import type { ReportEscalatedV1 } from '@vigil/contracts';
import type { Clock } from '@vigil/kernel';
import { Case, caseReference } from '../../domain/case';
import type { CaseRepository } from '../../ports/case.repository';

/**
 * An escalated tipline report opens a case. A report already in a case (a redelivered
 * event that slipped past the inbox, or a replay) opens nothing: the result says so.
 */
export class OpenCaseFromEscalationUseCase {
  constructor(private readonly cases: CaseRepository, private readonly clock: Clock, private readonly newId: () => string) {}

  async execute(event: ReportEscalatedV1): Promise<{ opened: boolean; caseId?: string; reference?: string }> {
    const openedAt = this.clock.now();
    const sequence = await this.cases.nextSequence(openedAt.getUTCFullYear());
    const kase = Case.open({
      id: this.newId(),
      reference: caseReference(openedAt.getUTCFullYear(), sequence),
      openedAt,
      report: {
        sourceReportId: event.reportId,
        origin: 'tipline',
        reference: event.reference,
        incidentType: event.incidentType,
        summary: event.summary,
        priority: event.priority,
        priorityReasons: event.priorityReasons,
        urls: event.urls,
        mediaSha256: event.mediaSha256,
        receivedAt: event.escalatedAt,
      },
    });
    const opened = await this.cases.insertIfReportIsNew(kase);
    const state = kase.snapshot();
    return opened ? { opened, caseId: state.id, reference: state.reference } : { opened };
  }
}
