import { ApiClient, sessionTokenStore } from '@vigil/web-ui';
import type { IncidentType, OffenceCategory, PriorityLevel } from './taxonomy';
import { REPORT_STATUSES } from './taxonomy';

export * from './taxonomy';

/**
 * The tipline API as this app uses it. Shapes mirror apps/tipline/src (reports, triage,
 * figures, evidence); fields the app does not show are left out.
 */
export interface PriorityReason {
  level: PriorityLevel;
  rule: string;
  detail: string;
  at: string;
}

export interface ReportMedia {
  mediaId: string;
  filename: string;
  contentType: string;
  bytes: number;
  sha256?: string;
  md5?: string;
  sha1?: string;
  pdq?: string;
  pdqQuality?: number;
  matchState: 'pending' | 'matched' | 'unknown';
  match?: { bankName: string; classification: string; matchKind: 'exact' | 'near'; distance: number; reason: string };
}

export interface Report {
  id: string;
  reference: string;
  source: 'public' | 'industry';
  incidentType: IncidentType;
  description: string;
  urls: string[];
  media: ReportMedia[];
  status: (typeof REPORT_STATUSES)[number];
  priority: PriorityLevel;
  priorityReasons: PriorityReason[];
  receivedAt: string;
  escalatedAt?: string;
  escalatedBy?: string;
  details?: PublicReportDetails;
  followUps?: ReportFollowUp[];
}

/** A public reporter's structured answers (apps/tipline/src/reports/public-report-details.dto.ts). */
export interface PublicReportDetails {
  where: { platform?: string; usernames: { platform?: string; username: string }[]; emails: string[]; phones: string[] };
  when?: { date?: string; approximate?: boolean; description?: string };
  child?: { ageRange?: string; gender?: string };
  suspect?: { name?: string; usernames: { platform?: string; username: string }[]; emails: string[]; phones: string[]; ageEstimate?: string; location?: string };
  chatExcerpts: string[];
}

export interface ReportFollowUp {
  id: string;
  at: string;
  text: string;
  urls: string[];
  mediaIds: string[];
}

export interface TimelineItem {
  at: string;
  by: string;
  action: string;
  summary: string;
  /** The parts of a generated summary (intake, priority) or of an analyst's action. */
  data?: Record<string, unknown>;
}

export interface TriageState {
  reportId: string;
  claim?: { by: string; at: string; expiresAt: string };
  classification?: { incidentType: IncidentType; offences: OffenceCategory[]; confirmed: boolean; by: string; at: string };
  incidents: ReportIncident[];
  decisions: Array<{ kind: string; by: string; at: string; reason?: string; country?: string; hotline?: string; urls?: string[] }>;
}

export interface ReportIncident {
  id: string;
  incidentType: IncidentType;
  description: string;
  urls: string[];
  offences: OffenceCategory[];
}

export type IncidentDraft = Omit<ReportIncident, 'id'>;

export interface RelatedReports {
  identifiers: Array<{ kind: string; value: string }>;
  related: Array<{ reportId: string; reference: string; incidentType: IncidentType; source: string; status: string; priority: PriorityLevel; receivedAt: string; shared: Array<{ kind: string; value: string }> }>;
}

export interface Figures {
  from: string;
  to: string;
  total: number;
  perDay: Array<{ day: string; incidentType: string; source: string; count: number }>;
  timeToFirstTriage: { triaged: number; medianMinutes: number | null; p90Minutes: number | null };
  escalated: { count: number; share: number };
}

/** The public form needs no token; the console keeps the analyst's in the tab's session. */
export const api = new ApiClient({
  tokens: sessionTokenStore('vigil.tiplineStaffToken'),
  onUnauthorized: () => window.dispatchEvent(new Event('vigil:signed-out')),
});

const enc = encodeURIComponent;

export const publicApi = {
  /**
   * Multipart, so evidence files travel with the fields; `urls` repeats once per address and
   * each structured group (where, when, child, suspect, chatExcerpts, contact) is a JSON string.
   */
  submit: (report: { incidentType: string; description: string; urls: string[]; media: File[] } & Record<string, unknown>) => {
    const { incidentType, description, urls, media, ...groups } = report;
    const form = new FormData();
    form.append('incidentType', incidentType);
    if (description) form.append('description', description);
    for (const url of urls) form.append('urls', url);
    for (const [name, group] of Object.entries(groups)) if (group !== undefined) form.append(name, JSON.stringify(group));
    for (const file of media) form.append('media', file);
    return api.upload<{ reference: string; receivedAt: string; followUpSecret: string }>('/api/v1/reports', form);
  },
  /** More information on an earlier report, with its reference and the secret given then. */
  followUp: (reference: string, addition: { secret: string; text: string; urls: string[]; media: File[] }) => {
    const form = new FormData();
    form.append('secret', addition.secret);
    if (addition.text) form.append('text', addition.text);
    for (const url of addition.urls) form.append('urls', url);
    for (const file of addition.media) form.append('media', file);
    return api.upload<{ reference: string; receivedAt: string }>(`/api/v1/reports/${enc(reference)}/follow-ups`, form);
  },
};

export const triageApi = {
  queue: (status?: string) => api.get<Report[]>('/api/v1/reports', { status, limit: 200 }),
  report: (id: string) => api.get<Report>(`/api/v1/reports/${enc(id)}`),
  triage: (id: string) => api.get<TriageState>(`/api/v1/reports/${enc(id)}/triage`),
  timeline: (id: string) => api.get<TimelineItem[]>(`/api/v1/reports/${enc(id)}/timeline`),
  related: (id: string) => api.get<RelatedReports>(`/api/v1/reports/${enc(id)}/related`),
  claim: (id: string) => api.post(`/api/v1/reports/${enc(id)}/claim`),
  release: (id: string) => api.post(`/api/v1/reports/${enc(id)}/release`),
  priority: (id: string, priority: string, reason: string) => api.post(`/api/v1/reports/${enc(id)}/priority`, { priority, reason }),
  note: (id: string, text: string) => api.post(`/api/v1/reports/${enc(id)}/notes`, { text }),
  escalate: (id: string, summary: string) => api.post(`/api/v1/reports/${enc(id)}/escalate`, { summary }),
  classify: (id: string, incidentType: string, offences: string[]) => api.post(`/api/v1/reports/${enc(id)}/classification`, { incidentType, offences }),
  split: (id: string, incidents: IncidentDraft[]) => api.post(`/api/v1/reports/${enc(id)}/incidents`, { incidents }),
  takedown: (id: string, urls: string[], classification?: string) => api.post(`/api/v1/reports/${enc(id)}/decisions/takedown`, { urls, ...(classification ? { classification } : {}) }),
  forward: (id: string, country: string, hotline: string, note?: string) => api.post(`/api/v1/reports/${enc(id)}/decisions/forward`, { country, hotline, ...(note ? { note } : {}) }),
  close: (id: string, reason: string) => api.post(`/api/v1/reports/${enc(id)}/decisions/close`, { reason }),
  evidence: (mediaId: string) => api.blob(`/api/v1/evidence/${enc(mediaId)}`),
  figures: () => api.get<Figures>('/api/v1/figures'),
};
