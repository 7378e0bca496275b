import { ApiClient, queryString, sessionTokenStore, type QueryValue } from '@vigil/web-ui';

/**
 * The hash-detection API as this UI uses it. Shapes mirror the service's controllers
 * (apps/hash-detection/src/{banks,match,review,takedown,index-status}); fields the UI does not
 * show are left out.
 */
export const BANK_KINDS = ['positive', 'negative'] as const;
export const HASH_TYPES = ['pdq', 'sha256', 'md5', 'sha1'] as const;
export type HashType = (typeof HASH_TYPES)[number];
export const STANDARD_CLASSIFICATIONS = ['csam-a1', 'csam-a2', 'csam-b1', 'csam-b2', 'csam', 'harmful-abusive-material'] as const;
export const REVIEW_CLASSIFICATIONS = ['csam-a1', 'csam-a2', 'csam-b1', 'csam-b2', 'harmful-abusive-material', 'not-csam'] as const;
export const IMPORT_FORMATS = ['csv', 'tsv', 'vics', 'ncmec'] as const;
export const EXPORT_FORMATS = ['csv', 'tsv', 'vics', 'ncmec'] as const;
export const URL_STATUSES = ['reported', 'notice-sent', 'removed', 'reappeared', 'not-actionable'] as const;
export const ENTRY_STATUSES = ['all', 'active', 'disabled'] as const;

export interface Bank {
  id: string;
  name: string;
  kind: (typeof BANK_KINDS)[number];
  source: string;
  terms: string;
  owner: string;
  pdqThreshold: number;
  createdAt: string;
  /** In the list only. */
  entryCount?: number;
}

export interface BankDetail extends Bank {
  counts: { total: number; active: number; disabled: number; byHashType: Record<string, number>; byClassification: Record<string, number> };
}

export interface BankEntry {
  id: string;
  bankId: string;
  hashType: HashType;
  value: string;
  classification: string;
  series?: string;
  victimIdentified: boolean;
  addedBy: string;
  addedAt: string;
  notes?: string;
  disabledAt?: string;
  disabledReason?: string;
  disabledBy?: string;
  disabledUntil?: string;
}

export interface EntryPage {
  entries: BankEntry[];
  nextCursor?: string;
}

/** Stable codes for why an imported row was not taken (libs/hashes bank-exchange). */
export const IMPORT_REJECTION_REASONS = [
  'malformed-row',
  'missing-hash',
  'unknown-hash-type',
  'bad-hash-value',
  'unknown-classification',
  'uncategorised',
  'non-pertinent',
  'bad-victim-identified',
  'field-too-long',
  'duplicate-in-file',
  'already-in-bank',
] as const;

export interface ImportSummary {
  format: string;
  taken: number;
  skipped: number;
  /** How many rows were skipped for each reason. */
  reasons: Partial<Record<string, number>>;
  /** The first refused rows, each with its line (or position) and what was wrong. */
  rejected: Array<{ row: number; reason: string; detail: string }>;
}

export interface MatchResult {
  hash: string;
  type: HashType;
  matched: boolean;
  matchKind?: 'exact' | 'near';
  distance?: number;
  classification?: string;
  bank?: { id: string; name: string; source: string; owner: string; terms?: string };
  entryId?: string;
  series?: string;
  reason: string;
}

export interface MatchResponse {
  requestId: string;
  results: MatchResult[];
  /** For an uploaded file: what it was, and the decision over all its hashes together. */
  file?: { contentType: string; bytes: number; pdqQuality?: number };
  verdict?: Omit<MatchResult, 'hash' | 'type'>;
}

export const REVIEW_URGENCIES = ['critical', 'high', 'normal', 'low'] as const;

export interface ReviewQueueSummary {
  /** Waiting for a reviewer, by urgency. */
  waiting: Partial<Record<(typeof REVIEW_URGENCIES)[number], number>>;
  inReview: number;
  awaitingSupervisor: number;
  oldestWaitingSince?: string;
  consensusRequired?: number;
}

export interface ReviewItem {
  id: string;
  mediaId?: string;
  reportReference?: string;
  incidentType?: string;
  urgency?: string;
  sha256: string;
  md5: string;
  pdq?: string;
  pdqQuality?: number;
  contentType?: string;
  bytes?: number;
  enqueuedAt?: string;
  leaseExpiresAt?: string;
  decisionCount?: number;
  status?: string;
  /** A reviewer gets only their own; a supervisor gets everyone's. */
  decisions?: ReviewDecision[];
  overrides?: ReviewOverride[];
  /** Set when reviewers could not agree: the item waits for a supervisor. */
  supervisorFlag?: { at: string; reason: string };
  outcome?: { classification: string; rule: 'consensus' | 'override'; by: string[]; reason: string; at: string };
}

export interface ReviewDecision {
  reviewer: string;
  classification: string;
  note?: string;
  at: string;
}

export interface ReviewOverride {
  by: string;
  classification: string;
  reason: string;
  at: string;
  previous?: string;
}

export interface ExposureCounts {
  revealsToday: number;
  revealsThisWeek: number;
  revealsTotal: number;
  itemsDecided: number;
}

export interface UrlHistoryEntry {
  at: string;
  from?: string;
  to: string;
  actor: string;
  reason: string;
}

export interface TrackedUrl {
  id: string;
  url: string;
  host: string;
  providerId?: string;
  status: (typeof URL_STATUSES)[number];
  classification?: string;
  firstReportedAt: string;
  removedAt?: string;
  lastCheckedAt?: string;
  lastCheckResult?: string;
  nextCheckAt?: string;
  takedownRequestedAt?: string;
}

export interface UrlDetails extends TrackedUrl {
  history: UrlHistoryEntry[];
  provider?: Provider;
  notices: Notice[];
}

export interface Notice {
  id: string;
  providerId: string;
  issuedAt: string;
  issuedBy: string;
  reason: string;
  attempts: number;
  lastSentAt?: string;
  lastOutcome?: string;
  nextDueAt?: string;
  closedAt?: string;
  closedReason?: string;
  hoursToRemoval?: number;
}

/** `POST /api/v1/urls/:id/notices`: the notice and how its delivery went, or why it waits (no provider). */
export interface IssuedNotice {
  notice?: Notice;
  delivery?: { sent: number; failed: number };
  waiting?: string;
}

export interface Provider {
  id: string;
  name: string;
  hostSuffixes: string[];
  contactEmail?: string;
  noticeWebhookUrl?: string;
  country: string;
}

export interface RemovalFigures {
  notices: number;
  removed: number;
  medianHours?: number;
  p90Hours?: number;
  /** Listed URLs still online. */
  stillUp: number;
}

export interface TakedownFigures {
  providers: Array<RemovalFigures & { providerId: string; name: string }>;
  overall: RemovalFigures;
  /** Active URLs whose host has no registered provider. */
  withoutProvider: number;
}

export interface IndexStatus {
  pdq: {
    entries: number;
    memoryEstimateBytes: number;
    source: 'postgres' | 'snapshot' | 'empty';
    loadedAt?: string;
    loadMs?: number;
    fingerprint: { entries: number; checksum: string };
    changedSinceSnapshot: boolean;
    /** When the snapshot it was loaded from had been written (source `snapshot`). */
    snapshotWrittenAt?: string;
  };
  snapshot: { path: string; intervalMs: number; lastWrittenAt?: string; lastBytes?: number; lastWriteMs?: number; lastError?: string };
}

export const api = new ApiClient({
  tokens: sessionTokenStore(),
  onUnauthorized: () => window.dispatchEvent(new Event('vigil:signed-out')),
});

const enc = encodeURIComponent;

/** Whether the signed-in person passes the API's check for `role` (an administrator passes every one). */
export function holdsRole(role: string): boolean {
  const roles = api.currentUser()?.roles ?? [];
  return roles.includes('admin') || roles.includes(role);
}

export const banksApi = {
  list: () => api.get<Bank[]>('/api/v1/banks'),
  create: (body: Omit<Bank, 'id' | 'createdAt' | 'entryCount'>) => api.post<Bank>('/api/v1/banks', body),
  get: (id: string) => api.get<BankDetail>(`/api/v1/banks/${enc(id)}`),
  update: (id: string, changes: Partial<Pick<Bank, 'name' | 'source' | 'terms' | 'owner' | 'pdqThreshold'>>) => api.patch<Bank>(`/api/v1/banks/${enc(id)}`, changes),
  entries: (id: string, query: Record<string, QueryValue>) => api.get<EntryPage>(`/api/v1/banks/${enc(id)}/entries`, query),
  disable: (id: string, entryId: string, body: { reason: string; expiresAt?: string }) => api.post<BankEntry>(`/api/v1/banks/${enc(id)}/entries/${enc(entryId)}/disable`, body),
  enable: (id: string, entryId: string) => api.post<BankEntry>(`/api/v1/banks/${enc(id)}/entries/${enc(entryId)}/enable`),
  import: (id: string, format: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api.upload<ImportSummary>(`/api/v1/banks/${enc(id)}/import${queryString({ format })}`, form);
  },
  export: (id: string, format: string) => api.file(`/api/v1/banks/${enc(id)}/export${queryString({ format })}`),
};

export const matchApi = {
  file: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api.upload<MatchResponse>('/api/v1/match', form);
  },
  hashes: (hashes: Array<{ type: HashType; value: string }>) => api.post<MatchResponse>('/api/v1/match', { hashes }),
};

export const reviewApi = {
  queue: () => api.get<ReviewQueueSummary>('/api/v1/review/queue'),
  exposure: () => api.get<{ own: ExposureCounts }>('/api/v1/review/exposure'),
  /** The item the reviewer now holds, or undefined (204) when nothing waits for them. */
  next: () => api.post<ReviewItem | undefined>('/api/v1/review/next'),
  preview: (id: string) => api.blob(`/api/v1/review/items/${enc(id)}/preview`),
  reveal: (id: string) => api.blob(`/api/v1/review/items/${enc(id)}/reveal`, { method: 'POST' }),
  decide: (id: string, classification: string, note?: string) => api.post(`/api/v1/review/items/${enc(id)}/decisions`, { classification, note }),
  release: (id: string) => api.post(`/api/v1/review/items/${enc(id)}/release`),
  /** Any item, with every reviewer's decision (supervisors). */
  item: (id: string) => api.get<ReviewItem>(`/api/v1/review/items/${enc(id)}`),
  /**
   * The items waiting for a supervisor. The service has no such route yet (the queue only counts
   * them): until it does, this answers "Cannot GET" and the page says the list is not available.
   */
  awaitingSupervisor: () => api.get<ReviewItem[]>('/api/v1/review/items', { status: 'awaiting-supervisor' }),
  override: (id: string, classification: string, reason: string) => api.post<{ item: ReviewItem }>(`/api/v1/review/items/${enc(id)}/override`, { classification, reason }),
};

export const takedownApi = {
  urls: (query: Record<string, QueryValue>) => api.get<TrackedUrl[]>('/api/v1/urls', query),
  url: (id: string) => api.get<UrlDetails>(`/api/v1/urls/${enc(id)}`),
  /** Sends the notice now; `waiting` when it cannot go yet (no provider registered for the host). */
  issueNotice: (id: string, reason: string) => api.post<IssuedNotice>(`/api/v1/urls/${enc(id)}/notices`, { reason: reason || undefined }),
  providers: () => api.get<Provider[]>('/api/v1/providers'),
  createProvider: (body: Omit<Provider, 'id'>) => api.post<Provider>('/api/v1/providers', body),
  figures: () => api.get<TakedownFigures>('/api/v1/takedown/figures'),
  blocklist: () => api.file('/api/v1/takedown/blocklist?format=txt'),
};

export const indexApi = {
  status: () => api.get<IndexStatus>('/api/v1/index/status'),
};
