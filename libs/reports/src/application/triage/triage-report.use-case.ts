import { envelope, TAKEDOWN_REQUESTED_V1, type TakedownRequestedV1 } from '@vigil/contracts';
import { NotFoundError, ValidationError, type Clock } from '@vigil/kernel';
import type { Report } from '../../domain/report';
import { ReportTriage, type IncidentInput, type ReportClaim, type ReportTriageSnapshot, type TimelineEntry } from '../../domain/report-triage';
import { runDirectly, type AtomicWork } from '../../ports/evidence-store';
import type { ReportTriageRepository } from '../../ports/report-triage.repository';
import type { ReportRepository } from '../../ports/report.repository';
import type { EscalateReportUseCase } from '../escalate-report/escalate-report.use-case';

/** Who is acting: their username, and whether they are a supervisor (who may release or assign anyone's claim). */
export interface Analyst {
  username: string;
  supervisor: boolean;
}

/** One line of a report's history: intake and automated priority changes, then every analyst action. */
export interface TimelineItem extends Omit<TimelineEntry, 'action'> {
  action: TimelineEntry['action'] | 'submitted' | 'priority-raised' | 'follow-up-added';
}

export interface TriageOptions {
  /** How long a claim holds before anyone else may act (minutes). */
  claimMinutes: number;
}

/**
 * Every analyst action on a report. Actions that change the Report (priority, class, status)
 * save it and its triage record in one transaction, with any event (outbox). Each is checked
 * against the claim: while another analyst holds the report, the action is a 409 naming them.
 */
export class TriageReportUseCase {
  constructor(
    private readonly reports: ReportRepository,
    private readonly triages: ReportTriageRepository,
    private readonly escalation: EscalateReportUseCase,
    private readonly clock: Clock,
    private readonly options: TriageOptions = { claimMinutes: 30 },
    private readonly atomically: AtomicWork = runDirectly,
  ) {}

  async claim(reportId: string, analyst: Analyst): Promise<ReportClaim> {
    const { triage } = await this.load(reportId);
    const claim = triage.claim(analyst.username, this.clock.now(), this.options.claimMinutes);
    await this.triages.save(triage, []);
    return claim;
  }

  async release(reportId: string, analyst: Analyst): Promise<void> {
    const { triage } = await this.load(reportId);
    triage.release(analyst.username, this.clock.now(), analyst.supervisor);
    await this.triages.save(triage, []);
  }

  async assign(reportId: string, supervisor: Analyst, assignee: string): Promise<ReportClaim> {
    const { triage } = await this.load(reportId);
    const claim = triage.assign(supervisor.username, assignee.trim(), this.clock.now(), this.options.claimMinutes);
    await this.triages.save(triage, []);
    return claim;
  }

  async overridePriority(reportId: string, analyst: Analyst, priority: string, reason: string): Promise<{ from: string; to: string; at: string; by: string }> {
    const { report, triage } = await this.load(reportId);
    const at = this.clock.now();
    const { from, to } = report.overridePriority(priority, reason, analyst.username, at);
    triage.recordReportAction(analyst.username, at, 'priority-overridden', `priority ${from} → ${to}: ${reason.trim()}`, { from, to, reason: reason.trim() });
    await this.atomically(async () => {
      await this.reports.save(report, []);
      await this.triages.save(triage, []);
    });
    return { from, to, at: at.toISOString(), by: analyst.username };
  }

  async classify(reportId: string, analyst: Analyst, incidentType: string, offences: string[]) {
    const { report, triage } = await this.load(reportId);
    report.assertOpen();
    const reportedType = report.snapshot().incidentType;
    const classification = triage.classify(analyst.username, this.clock.now(), { incidentType, offences, reportedType });
    if (!classification.confirmed) report.correctIncidentType(classification.incidentType);
    await this.atomically(async () => {
      if (!classification.confirmed) await this.reports.save(report, []);
      await this.triages.save(triage, []);
    });
    return classification;
  }

  async addNote(reportId: string, analyst: Analyst, text: string): Promise<void> {
    const { triage } = await this.load(reportId);
    triage.addNote(analyst.username, this.clock.now(), text);
    await this.triages.save(triage, []);
  }

  async split(reportId: string, analyst: Analyst, incidents: Omit<IncidentInput, 'id'>[]) {
    const { report, triage } = await this.load(reportId);
    report.assertOpen();
    const withIds = incidents.map((incident, index) => ({ ...incident, id: `${reportId}:${index + 1}` }));
    const result = triage.split(analyst.username, this.clock.now(), withIds, report.snapshot().urls);
    await this.triages.save(triage, []);
    return result;
  }

  /** Escalation to law enforcement (report.escalated.v2), on the timeline in the same transaction. */
  async escalate(reportId: string, analyst: Analyst, summary: string, note?: string): Promise<{ reportId: string; escalatedAt: string }> {
    const { triage } = await this.load(reportId);
    const at = this.clock.now();
    triage.recordReportAction(analyst.username, at, 'escalated', `escalated to law enforcement${note ? `: ${note}` : ''}`, { note });
    return this.atomically(async () => {
      const result = await this.escalation.execute({ reportId, analyst: analyst.username, summary, note });
      await this.triages.save(triage, []);
      return result;
    });
  }

  /** Confirms URLs for takedown: `takedown.requested.v1` to hash-detection (notices, blocklist). */
  async requestTakedown(reportId: string, analyst: Analyst, urls: string[] | undefined, classification?: string): Promise<TakedownRequestedV1> {
    const { report, triage } = await this.load(reportId);
    const state = report.snapshot();
    const chosen = urls && urls.length > 0 ? [...new Set(urls)] : state.urls;
    if (chosen.length === 0) throw new ValidationError('urls: this report has no URL to take down', 'urls');
    const foreign = chosen.find((url) => !state.urls.includes(url));
    if (foreign) throw new ValidationError(`urls: ${foreign} is not one of this report's URLs`, 'urls');
    report.assertOpen();
    const at = this.clock.now();
    const fresh = triage.requestTakedown(analyst.username, at, chosen);
    const payload: TakedownRequestedV1 = {
      reportId: state.id,
      reference: state.reference,
      urls: fresh,
      requestedBy: analyst.username,
      requestedAt: at.toISOString(),
      ...(classification ? { classification } : {}),
    };
    await this.triages.save(triage, [envelope(TAKEDOWN_REQUESTED_V1, 'tipline', payload, { correlationId: state.id, occurredAt: at })]);
    return payload;
  }

  async forwardAbroad(reportId: string, analyst: Analyst, country: string, hotline: string, note?: string): Promise<void> {
    const { report, triage } = await this.load(reportId);
    report.assertOpen();
    triage.forwardAbroad(analyst.username, this.clock.now(), country, hotline, note);
    await this.triages.save(triage, []);
  }

  async close(reportId: string, analyst: Analyst, reason: string): Promise<void> {
    const { report, triage } = await this.load(reportId);
    triage.close(analyst.username, this.clock.now(), reason);
    report.close();
    await this.atomically(async () => {
      await this.reports.save(report, []);
      await this.triages.save(triage, []);
    });
  }

  async triageOf(reportId: string): Promise<ReportTriageSnapshot> {
    return (await this.load(reportId)).triage.snapshot();
  }

  async timeline(reportId: string): Promise<TimelineItem[]> {
    const { report, triage } = await this.load(reportId);
    const state = report.snapshot();
    const intake: TimelineItem[] = [
      // `data` carries the parts of each generated summary, so a UI can say it in its reader's language.
      {
        at: state.receivedAt,
        by: state.source === 'industry' ? 'partner' : 'reporter',
        action: 'submitted',
        summary: `${state.source} report ${state.reference} received (${state.incidentType})`,
        data: { source: state.source, reference: state.reference, incidentType: state.incidentType },
      },
      ...state.priorityReasons
        .filter((reason) => reason.rule !== 'analyst-override' && reason.rule !== 'default')
        .map((reason) => ({
          at: reason.at,
          by: 'system',
          action: 'priority-raised' as const,
          summary: `${reason.level}: ${reason.rule}: ${reason.detail}`,
          data: { level: reason.level, rule: reason.rule, detail: reason.detail },
        })),
      ...(state.followUps ?? []).map((followUp) => ({
        at: followUp.at,
        by: 'reporter',
        action: 'follow-up-added' as const,
        summary: `the reporter added information${followUp.urls.length ? `, ${followUp.urls.length} URL(s)` : ''}${followUp.mediaIds.length ? `, ${followUp.mediaIds.length} file(s)` : ''}`,
        data: { text: followUp.text, urls: followUp.urls, mediaIds: followUp.mediaIds },
      })),
    ];
    // Stable: entries at the same instant keep intake before analyst actions.
    return [...intake, ...triage.snapshot().timeline].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  }

  private async load(reportId: string): Promise<{ report: Report; triage: ReportTriage }> {
    const report = await this.reports.findById(reportId);
    if (!report) throw new NotFoundError('report', reportId);
    return { report, triage: await this.triages.load(reportId) };
  }
}
