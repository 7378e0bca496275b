import type { ReportEscalatedV1, ReportEscalatedV2 } from '@vigil/contracts';
import { identifier, identifiersInText, provenanceFields, uniqueIdentifiers, usernameIdentifier, type Provenance, type SuspectIdentifier } from '../../domain/identifiers';
import type { EvidenceReference, LocationHint } from '../../domain/referral';
import type { ReceiveReferralResult, ReceiveReferralUseCase } from '../receive-referral/receive-referral.use-case';

const POSTAL_CODE_IN_TEXT = /\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d\b/gi;
const SUMMARY_SOURCE: Provenance = { source: 'tipline escalation summary', sourceCode: 'tipline-summary' };
const STRUCTURED_SOURCE: Provenance = { source: 'tipline report', sourceCode: 'tipline-report' };
/** Named in a public report without saying whose (perhaps the child's): kept, but never labelled the suspect's. */
const NAMED_SOURCE: Provenance = { source: 'tipline report: named by the reporter, not said to be the suspect’s', sourceCode: 'tipline-named' };

/**
 * An escalated tipline report becomes a referral. `report.escalated.v2` carries the suspect's
 * identifiers structured; v1 (still consumed for events published before v2) carries none. Either
 * way the analyst's summary and note are also read (e-mail, phone, IPv4, Canadian postal code),
 * because an analyst may name there what the report's fields do not. A redelivered event stores
 * nothing: the result says so.
 */
export class OpenCaseFromEscalationUseCase {
  constructor(private readonly receive: ReceiveReferralUseCase) {}

  async execute(event: ReportEscalatedV1 | ReportEscalatedV2): Promise<ReceiveReferralResult> {
    const text = [event.summary, event.analystNote ?? ''].join('\n');
    const identifiers = uniqueIdentifiers(['suspect' in event ? structuredIdentifiers(event) : [], identifiersInText(text, SUMMARY_SOURCE)].flat());
    const locations: LocationHint[] = [
      ...identifiers
        .filter((item) => item.kind === 'ip' || item.kind === 'phone')
        .map((item) => ({ kind: item.kind as 'ip' | 'phone', value: item.value, ...provenanceFields(item), ...(item.observedAt ? { observedAt: item.observedAt } : {}) })),
      ...(text.match(POSTAL_CODE_IN_TEXT) ?? []).map((value) => ({ kind: 'postal-code' as const, value: value.toUpperCase(), ...provenanceFields(SUMMARY_SOURCE) })),
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
        evidence: 'mediaHashes' in event ? event.mediaHashes.map(evidenceOf).filter((item) => item.hashes.length > 0) : event.mediaSha256.map((sha256) => ({ hashes: [{ algorithm: 'sha256', value: sha256 }] })),
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

/** v2's suspect fields as the hub's identifiers (normalised the hub's way, so they link with NCMEC and police referrals). */
export function structuredIdentifiers(event: Pick<ReportEscalatedV2, 'suspect' | 'accountsNamed'>): SuspectIdentifier[] {
  return [...sectionIdentifiers(event.suspect, STRUCTURED_SOURCE), ...(event.accountsNamed ? sectionIdentifiers(event.accountsNamed, NAMED_SOURCE) : [])];
}

function sectionIdentifiers(suspect: ReportEscalatedV2['suspect'], source: Provenance): SuspectIdentifier[] {
  return [
    ...suspect.emails.map((value) => identifier('email', value, source)),
    ...suspect.usernames.map((account) => usernameIdentifier(account.username, account.platform, source)),
    ...suspect.phones.map((value) => identifier('phone', value, source)),
    ...suspect.ips.map((ip) => identifier('ip', ip.address, ip.event ? { ...source, source: `${source.source} (${ip.event})`, sourceValues: { event: ip.event } } : source, ip.observedAt)),
    ...suspect.paymentHandles.map((value) => identifier('payment', value, source)),
    ...suspect.deviceIds.map((device) => identifier('device', `${device.type}:${device.value}`, source)),
  ].filter((item): item is SuspectIdentifier => item !== undefined);
}

function evidenceOf(media: ReportEscalatedV2['mediaHashes'][number]): EvidenceReference {
  const hashes = (['sha256', 'md5', 'sha1', 'pdq'] as const).flatMap((algorithm) => (media[algorithm] ? [{ algorithm, value: media[algorithm] as string }] : []));
  return { hashes };
}
