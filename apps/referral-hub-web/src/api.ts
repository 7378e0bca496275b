/**
 * The referral hub API as this UI uses it. Shapes mirror the service's controllers
 * (apps/referral-hub/src/{cases,triage,packages,dissemination,victims}) and the domain types
 * behind them (libs/cases, libs/jurisdictions, libs/victim-identification), which browser code
 * may not import; fields the UI does not show are left out. Hashes and metadata only: no
 * endpoint here returns media.
 */
import { ApiClient, sessionTokenStore } from '@vigil/web-ui';
import type { PackageKind, UrgencyLevel } from './vocabulary';

export * from './vocabulary';

export interface TriageProposal {
  actionable: boolean;
  validityReason: string;
  urgency: UrgencyLevel;
  urgencyReasons: string[];
  /** The same as codes (libs/cases triage.ts); absent on proposals made before they existed. */
  urgencyRules?: Array<{ level: UrgencyLevel; rule: string; values?: Record<string, string | number> }>;
  validity?: { rule: 'spam' | 'leads' | 'no-leads'; leads?: { identifiers: number; urls: number; files: number; locations: number } };
}

export interface TriageDecision {
  actionable: boolean;
  notActionableReason?: string;
  urgency: UrgencyLevel;
  decidedBy: string;
  decidedAt: string;
}

export interface TriageOverride {
  field: 'validity' | 'urgency';
  from: string;
  to: string;
  reason: string;
  by: string;
  at: string;
}

/** Where something was found in a referral, coded (libs/cases identifiers.ts PROVENANCE_CODES); absent from older rows. */
export interface SourceProvenance {
  source: string;
  sourceCode?: string;
  sourceValues?: Record<string, string | number>;
}

export interface SuspectIdentifier extends SourceProvenance {
  kind: string;
  value: string;
  observedAt?: string;
}

export interface Referral {
  id: string;
  origin: string;
  reference: string;
  sender?: { id: string; name: string; country?: string };
  incidentType: string;
  summary: string;
  urgentReason?: string;
  urls: string[];
  evidence: Array<{ hashes: Array<{ algorithm: string; value: string }>; fileName?: string; classification?: string }>;
  identifiers: SuspectIdentifier[];
  receivedAt: string;
  triage: { proposed: TriageProposal; decision?: TriageDecision; overrides: TriageOverride[] };
}

export interface CaseHistoryEntry {
  at: string;
  actor: string;
  action: string;
  detail: Record<string, unknown>;
}

export interface Case {
  id: string;
  reference: string;
  status: 'open' | 'merged' | 'closed';
  openedAt: string;
  mergedInto?: string;
  reports: Referral[];
  jurisdictionOverride?: { target: string; reason: string; by: string; at: string };
  history: CaseHistoryEntry[];
}

export interface TriageQueueItem {
  referralId: string;
  caseId: string;
  caseReference: string;
  origin: string;
  reference: string;
  incidentType: string;
  receivedAt: string;
  urgency: UrgencyLevel;
  proposed: TriageProposal;
}

export interface OutcomeReport {
  outcome: string;
  at: string;
  note?: string;
  reportedBy: string;
}

export interface Dissemination {
  id: string;
  caseId: string;
  caseReference: string;
  policeServiceId: string;
  kind: PackageKind;
  packageVersion: number;
  manifestSha256: string;
  disseminatedBy: string;
  disseminatedAt: string;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
  outcomes: OutcomeReport[];
}

export interface TriageQueue {
  urgencyLevels: Record<UrgencyLevel, string>;
  items: TriageQueueItem[];
  unacknowledged: { ackHours: number; items: Dissemination[] };
}

export interface TriageDecisionRequest {
  actionable: boolean;
  notActionableReason?: string;
  urgency: UrgencyLevel;
  reason?: string;
}

/**
 * A reason as the server gives it: an English sentence, and (from servers that have them) a code
 * with its values, which jurisdiction-reasons.ts puts in the reader's language.
 */
export type ReasonValues = Record<string, string | number | boolean | string[]>;
export interface CodedReason {
  code: string;
  values: ReasonValues;
}

/** Why two referrals are linked (libs/cases identifiers.ts `SharedIdentifier`). */
export interface SharedIdentifier extends Partial<CodedReason> {
  kind: string;
  value: string;
  strong: boolean;
  reason: string;
}

export interface LinkProposal {
  caseId: string;
  reference: string;
  shared: SharedIdentifier[];
  strong: boolean;
}

export interface Jurisdiction {
  country: string;
  province?: string;
}

export interface Evidence {
  kind: string;
  value: string;
  source: string;
  observedAt?: string;
  reason?: string;
  /** The referral it came from and where in it (libs/jurisdictions evidence.ts); absent from older servers and overrides. */
  provenance?: { origin: string; reference: string; code?: string; values?: Record<string, string | number> };
}

export interface PoliceService {
  id: string;
  name: { en: string; fr: string };
  kind: string;
}

/** The resolver's reasons (libs/jurisdictions jurisdiction-resolver.ts): codes are absent from older servers. */
export interface JurisdictionRecommendation extends Partial<CodedReason> {
  jurisdiction?: Jurisdiction;
  policeService: PoliceService;
  route: 'domestic' | 'liaison-officer' | 'interpol';
  confidence: number;
  reason: string;
  supporting?: CodedReason[];
  overridden: boolean;
  contested: boolean;
}

export interface JurisdictionConflict {
  level: string;
  claims?: Array<{ evidence: Evidence; jurisdictions: Jurisdiction[]; confidence: number }>;
  description: string;
}

export interface JurisdictionCandidate {
  jurisdiction: Jurisdiction;
  confidence: number;
  reasons: string[];
  reasonCodes?: CodedReason[];
}

export interface UnresolvedEvidence extends Partial<CodedReason> {
  evidence: Evidence;
  reason: string;
}

export interface CaseJurisdiction {
  caseId: string;
  evidence: Evidence[];
  resolution: {
    candidates: JurisdictionCandidate[];
    conflicts: JurisdictionConflict[];
    unresolved: UnresolvedEvidence[];
    recommended: JurisdictionRecommendation;
  };
}

export interface ManifestPart {
  name: string;
  mediaType: string;
  bytes: number;
  sha256: string;
}

export interface PackageManifest {
  caseReference: string;
  kind: PackageKind;
  version: number;
  algorithm: 'sha256';
  parts: ManifestPart[];
  manifestSha256: string;
}

export interface PackageSummary {
  caseId: string;
  version: number;
  kind: PackageKind;
  builtAt: string;
  builtBy: string;
  manifestSha256: string;
}

export interface IdentifiedVictim {
  id: string;
  pseudonym: string;
  ageBand: string;
  gender: string;
  province: string;
  identifiedOn: string;
  identifyingAgency: string;
  caseId?: string;
  series: string[];
  icse: { state: 'pending' | 'submitted' | 'accepted'; interpolReference?: string };
}

export interface RecordIdentificationRequest {
  pseudonym: string;
  ageBand: string;
  gender: string;
  province: string;
  identifiedOn: string;
  identifyingAgency: string;
  caseId?: string;
  series?: string[];
}

/** A published count: a number, "<5" (suppressed small cell) or "x" (hidden so a "<5" cannot be worked out). */
export type PublishedCount = number | string;

export interface VictimFigures {
  year: number;
  total: PublishedCount;
  byAgeBandAndGender: Array<{ ageBand: string; gender: string; count: PublishedCount }>;
  suppression: { threshold: number; note: string };
}

/** GET /api/v1/figures: counts per day (short ranges) or month, and totals over [from, to). */
export interface FiguresPeriod {
  period: string;
  received: Record<string, number>;
  receivedTotal: number;
  packagesSent: number;
  leadsSent: number;
  notActionable: number;
  victimsIdentified: PublishedCount;
}

export interface ReferralFigures {
  from: string;
  to: string;
  granularity: 'day' | 'month';
  periods: FiguresPeriod[];
  totals: {
    received: Record<string, number>;
    receivedTotal: number;
    packagesSent: number;
    leadsSent: number;
    triageDecisions: number;
    notActionable: number;
    victimsIdentified: PublishedCount;
  };
  intakeToDissemination: { disseminated: number; medianHours: number | null; p90Hours: number | null };
  victimsSuppression: string;
}

/** GET /api/v1/police-services: the registry's services, public names only. */
export interface PoliceServiceEntry {
  id: string;
  name: { en: string; fr: string };
  kind: string;
  provinces: string[];
  area?: string;
}

export const api = new ApiClient({
  tokens: sessionTokenStore(),
  onUnauthorized: () => window.dispatchEvent(new Event('vigil:signed-out')),
});

const enc = encodeURIComponent;

export const triageApi = {
  queue: () => api.get<TriageQueue>('/api/v1/triage/queue'),
  decide: (referralId: string, body: TriageDecisionRequest) => api.post<Referral>(`/api/v1/referrals/${enc(referralId)}/triage`, body),
};

export const casesApi = {
  list: () => api.get<Case[]>('/api/v1/cases'),
  get: (id: string) => api.get<Case>(`/api/v1/cases/${enc(id)}`),
  links: (id: string) => api.get<LinkProposal[]>(`/api/v1/cases/${enc(id)}/links`),
  merge: (id: string, otherCaseId: string, reason: string) => api.post<Case>(`/api/v1/cases/${enc(id)}/merge`, { otherCaseId, reason }),
  split: (id: string, referralIds: string[], reason: string) => api.post<{ remaining: Case; split: Case }>(`/api/v1/cases/${enc(id)}/split`, { referralIds, reason }),
  jurisdiction: (id: string) => api.get<CaseJurisdiction>(`/api/v1/cases/${enc(id)}/jurisdiction`),
  overrideJurisdiction: (id: string, target: string, reason: string) => api.post<CaseJurisdiction>(`/api/v1/cases/${enc(id)}/jurisdiction`, { target, reason }),
  original: (referralId: string) => api.file(`/api/v1/referrals/${enc(referralId)}/original`),
};

export const packagesApi = {
  list: (caseId: string) => api.get<PackageSummary[]>(`/api/v1/cases/${enc(caseId)}/packages`),
  build: (caseId: string, kind: PackageKind) => api.post<{ version: number; kind: PackageKind; manifest: PackageManifest }>(`/api/v1/cases/${enc(caseId)}/packages`, { kind }),
  manifest: (caseId: string, version: number) => api.get<PackageManifest>(`/api/v1/cases/${enc(caseId)}/packages/${version}`, { format: 'manifest' }),
  download: (caseId: string, version: number, format: 'pdf' | 'json' | 'cybertip-xml') => api.file(`/api/v1/cases/${enc(caseId)}/packages/${version}?format=${format}`),
  disseminate: (caseId: string, policeServiceId: string, kind: PackageKind) => api.post<Dissemination>(`/api/v1/cases/${enc(caseId)}/disseminate`, { policeServiceId, kind }),
  disseminations: (caseId: string) => api.get<Dissemination[]>(`/api/v1/cases/${enc(caseId)}/disseminations`),
};

export const victimsApi = {
  list: () => api.get<IdentifiedVictim[]>('/api/v1/victims'),
  record: (body: RecordIdentificationRequest) => api.post<IdentifiedVictim>('/api/v1/victims', body),
  advanceIcse: (id: string, state: 'submitted' | 'accepted', interpolReference?: string) => api.post<IdentifiedVictim>(`/api/v1/victims/${enc(id)}/icse`, { state, interpolReference }),
  figures: (year: number) => api.get<VictimFigures>('/api/v1/victims/figures', { year }),
};

export const figuresApi = {
  get: (from: string, to: string) => api.get<ReferralFigures>('/api/v1/figures', { from, to }),
};

export const referenceApi = {
  policeServices: () => api.get<PoliceServiceEntry[]>('/api/v1/police-services'),
};
