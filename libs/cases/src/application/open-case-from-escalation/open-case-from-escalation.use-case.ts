import type { ReportEscalatedV1 } from '@vigil/contracts';
import { identifiersInText } from '../../domain/identifiers';
import type { LocationHint } from '../../domain/referral';
import type { ReceiveReferralResult, ReceiveReferralUseCase } from '../receive-referral/receive-referral.use-case';

const POSTAL_CODE_IN_TEXT = /\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d\b/gi;

/**
 * An escalated tipline report becomes a referral. The event carries no structured suspect data,
 * so identifiers (e-mail, phone, IP) and Canadian postal codes are read from the analyst's
 * summary and note. A redelivered event stores nothing: the result says so.
 */
export class OpenCaseFromEscalationUseCase {
  constructor(private readonly receive: ReceiveReferralUseCase) {}

  async execute(event: ReportEscalatedV1): Promise<ReceiveReferralResult> {
    const text = [event.summary, event.analystNote ?? ''].join('\n');
    const identifiers = identifiersInText(text, 'tipline escalation summary');
    const locations: LocationHint[] = [
      ...identifiers.filter((item) => item.kind === 'ip' || item.kind === 'phone').map((item) => ({ kind: item.kind as 'ip' | 'phone', value: item.value, source: item.source })),
      ...(text.match(POSTAL_CODE_IN_TEXT) ?? []).map((value) => ({ kind: 'postal-code' as const, value: value.toUpperCase(), source: 'tipline escalation summary' })),
    ];
    return this.receive.execute(
      {
        sourceReportId: event.reportId,
        origin: 'tipline',
        reference: event.reference,
        sender: { id: 'tipline', name: `Vigil tipline (${event.source} report)` },
        incidentType: event.incidentType,
        summary: event.summary,
        priority: event.priority,
        priorityReasons: event.priorityReasons,
        urls: event.urls,
        evidence: event.mediaSha256.map((sha256) => ({ hashes: [{ algorithm: 'sha256', value: sha256 }] })),
        identifiers,
        locations,
        childIdentified: false,
        priorReports: [],
        annotations: [],
        receivedAt: new Date(event.escalatedAt).toISOString(),
      },
      { contentType: 'application/json', body: JSON.stringify(event) },
    );
  }
}
