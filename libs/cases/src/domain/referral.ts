import { ValidationError } from '@vigil/kernel';
import { uniqueIdentifiers, type ProvenanceCode, type ProvenanceValues, type SuspectIdentifier } from './identifiers';
import { proposeTriage, type ReferralTriage } from './triage';

export const REFERRAL_SOURCES = ['tipline', 'ncmec', 'industry', 'police'] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

/** Where a case may belong, as a referral says it (the jurisdictions library weighs these). */
export interface LocationHint {
  kind: 'ip' | 'postal-code' | 'phone' | 'declared-location';
  value: string;
  /** Where in the referral it was found, in English (the record). */
  source: string;
  /** The same as a code (identifiers.ts PROVENANCE_CODES), absent on older rows. */
  sourceCode?: ProvenanceCode;
  sourceValues?: ProvenanceValues;
  observedAt?: string;
}

/** A file the referral refers to: hashes and metadata only, never the media. */
export interface EvidenceReference {
  hashes: Array<{ algorithm: string; value: string }>;
  fileName?: string;
  location?: string;
  classification?: string;
}

/** Who sent the referral, when a partner did (an industry reporter, NCMEC, a police service). */
export interface ReferralSender {
  id: string;
  name: string;
  country?: string;
}

/**
 * One incoming report, from any source, as the hub keeps it. `sourceReportId` is what a retry is
 * recognised by (the tipline's report id, NCMEC's report number, a police service's reference),
 * unique across the hub. The original document (XML, JSON) is kept beside it, unchanged.
 */
export interface Referral {
  id: string;
  sourceReportId: string;
  origin: ReferralSource;
  /** The source's own reference for the report. */
  reference: string;
  sender?: ReferralSender;
  incidentType: string;
  summary: string;
  /** The source's own priority and its reasons, as sent (the tipline's critical/high/normal/low). */
  priority: string;
  priorityReasons: string[];
  urgentReason?: string;
  urls: string[];
  evidence: EvidenceReference[];
  identifiers: SuspectIdentifier[];
  locations: LocationHint[];
  childIdentified: boolean;
  priorReports: string[];
  annotations: string[];
  receivedAt: string;
  triage: ReferralTriage;
}

export type ReferralDraft = Omit<Referral, 'triage'>;

/** Checks a referral and proposes its triage. */
export function receiveReferral(draft: ReferralDraft): Referral {
  if (!draft.sourceReportId?.trim()) throw new ValidationError('sourceReportId: a referral needs the reference a retry is recognised by', 'sourceReportId');
  if (!draft.reference?.trim()) throw new ValidationError('reference is required', 'reference');
  if (Number.isNaN(Date.parse(draft.receivedAt))) throw new ValidationError('receivedAt must be an ISO 8601 date-time', 'receivedAt');
  const identifiers = uniqueIdentifiers(draft.identifiers);
  const proposed = proposeTriage({
    incidentType: draft.incidentType,
    summary: draft.summary,
    sourcePriority: draft.priority,
    urgentReason: draft.urgentReason,
    childIdentified: draft.childIdentified,
    priorReports: draft.priorReports.length,
    identifierCount: identifiers.length,
    urlCount: draft.urls.length,
    evidenceCount: draft.evidence.length,
    locationCount: draft.locations.length,
    annotations: draft.annotations,
  });
  return { ...structuredClone(draft), identifiers, triage: { proposed, overrides: [] } };
}
