import { ConflictError, copyOfPlainData, ValidationError, type DomainEvent } from '@vigil/kernel';
import { isIncidentType, type IncidentType } from './incident-type';
import type { PublicReportDetails } from './public-report-details';
import { initialPriority, PRIORITY_LEVELS, priorityRank, type PriorityLevel, type PriorityReason } from './report-priority';

export type ReportSource = 'public' | 'industry';
export type ReportStatus = 'submitted' | 'escalated' | 'closed';
export type MediaMatchState = 'pending' | 'matched' | 'unknown';

/**
 * One file that came with a report. Only digests are kept here; the file is evidence storage's job.
 * A file we received has all its digests; one a partner knows only by hash may have any of them
 * (at least one of sha256, md5, sha1, pdq).
 */
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
  matchState: MediaMatchState;
  match?: { bankName: string; classification: string; matchKind: 'exact' | 'near'; distance: number; reason: string };
}

export interface ReportSnapshot {
  id: string;
  reference: string;
  source: ReportSource;
  incidentType: IncidentType;
  description: string;
  urls: string[];
  media: ReportMedia[];
  status: ReportStatus;
  priority: PriorityLevel;
  priorityReasons: PriorityReason[];
  receivedAt: string;
  escalatedAt?: string;
  escalatedBy?: string;
  /** What a public reporter told us beyond the description (where, when, child, suspect, chat). */
  details?: PublicReportDetails;
  /** Information the reporter added later with their follow-up secret, oldest first. */
  followUps?: ReportFollowUp[];
  version: number;
}

export interface ReportFollowUp {
  id: string;
  at: string;
  text: string;
  urls: string[];
  mediaIds: string[];
}

export type ReportEvent =
  | DomainEvent<'report.submitted', { reportId: string }>
  | DomainEvent<'report.escalated', { reportId: string; by: string; note?: string }>;

export const MAX_DESCRIPTION = 20000;
export const MAX_URLS = 100;
export const MAX_FOLLOW_UPS = 50;

/**
 * A tip or industry report. It keeps its priority with every reason that set it, so an
 * analyst can see why a report is at the top of the queue, and changes of state record the
 * domain events that the application turns into integration events.
 */
export class Report {
  private readonly pending: ReportEvent[] = [];

  private constructor(private state: ReportSnapshot) {}

  static submit(input: {
    id: string;
    reference: string;
    source: ReportSource;
    incidentType: string;
    description: string;
    urls: string[];
    media: Omit<ReportMedia, 'matchState'>[];
    receivedAt: Date;
    details?: PublicReportDetails;
  }): Report {
    if (!isIncidentType(input.incidentType)) throw new ValidationError(`incidentType: "${input.incidentType}" is not a known incident type`, 'incidentType');
    const description = input.description.trim();
    if (description.length > MAX_DESCRIPTION) throw new ValidationError(`description: at most ${MAX_DESCRIPTION} characters`, 'description');
    if (input.urls.length > MAX_URLS) throw new ValidationError(`urls: at most ${MAX_URLS} URLs`, 'urls');
    for (const [index, media] of input.media.entries()) {
      if (!media.sha256 && !media.md5 && !media.sha1 && !media.pdq) throw new ValidationError(`media[${index}]: at least one of sha256, md5, sha1, pdq`, `media[${index}]`);
    }
    if (description.length === 0 && input.urls.length === 0 && input.media.length === 0) {
      throw new ValidationError('description: say what happened, or give a URL or a file', 'description');
    }
    const reason = initialPriority(input.incidentType, input.receivedAt);
    const report = new Report({
      id: input.id,
      reference: input.reference,
      source: input.source,
      incidentType: input.incidentType,
      description,
      urls: [...new Set(input.urls)],
      media: input.media.map((media) => ({ ...media, matchState: 'pending' })),
      status: 'submitted',
      priority: reason.level,
      priorityReasons: [reason],
      receivedAt: input.receivedAt.toISOString(),
      ...(input.details ? { details: input.details } : {}),
      version: 0,
    });
    report.pending.push({ type: 'report.submitted', occurredAt: input.receivedAt, payload: { reportId: input.id } });
    return report;
  }

  static restore(snapshot: ReportSnapshot): Report {
    return new Report(copyOfPlainData(snapshot));
  }

  get id(): string {
    return this.state.id;
  }

  snapshot(): ReportSnapshot {
    return copyOfPlainData(this.state);
  }

  pullEvents(): ReportEvent[] {
    return this.pending.splice(0, this.pending.length);
  }

  /** hash-detection found this media in a bank: the report moves up, with the reason shown. */
  recordMediaMatch(mediaId: string, match: NonNullable<ReportMedia['match']>, at: Date): void {
    const media = this.findMedia(mediaId);
    media.matchState = 'matched';
    media.match = { ...match };
    this.raise({
      level: 'high',
      rule: 'known-hash-match',
      detail: `${media.filename}: ${match.matchKind} match in ${match.bankName} (${match.classification}, distance ${match.distance})`,
      at: at.toISOString(),
    });
  }

  /**
   * The reporter came back with more: text, URLs, files. New URLs join the report's; new media
   * start pending like the first ones. Returns what is new, for matching.
   */
  addFollowUp(input: { id: string; text: string; urls: string[]; media: Omit<ReportMedia, 'matchState'>[]; at: Date }): { urls: string[]; media: ReportMedia[] } {
    const text = input.text.trim();
    if (text.length > MAX_DESCRIPTION) throw new ValidationError(`text: at most ${MAX_DESCRIPTION} characters`, 'text');
    if (text.length === 0 && input.urls.length === 0 && input.media.length === 0) throw new ValidationError('text: say what you want to add, or give a URL or a file', 'text');
    const followUps = this.state.followUps ?? [];
    if (followUps.length >= MAX_FOLLOW_UPS) throw new ValidationError(`text: at most ${MAX_FOLLOW_UPS} additions to one report`, 'text');
    const newUrls = [...new Set(input.urls)].filter((url) => !this.state.urls.includes(url));
    if (this.state.urls.length + newUrls.length > MAX_URLS) throw new ValidationError(`urls: a report holds at most ${MAX_URLS} URLs`, 'urls');
    const media = input.media.map((item): ReportMedia => ({ ...item, matchState: 'pending' }));
    this.state.urls.push(...newUrls);
    this.state.media.push(...media);
    this.state.followUps = [...followUps, { id: input.id, at: input.at.toISOString(), text, urls: [...new Set(input.urls)], mediaIds: media.map((item) => item.mediaId) }];
    return { urls: newUrls, media: copyOfPlainData(media) };
  }

  recordMediaUnknown(mediaId: string): void {
    const media = this.findMedia(mediaId);
    if (media.matchState === 'pending') media.matchState = 'unknown';
  }

  escalate(by: string, at: Date, note?: string): void {
    if (this.state.status === 'escalated') throw new ConflictError(`report ${this.state.reference} was already escalated`);
    if (this.state.status === 'closed') throw new ConflictError(`report ${this.state.reference} is closed`);
    this.state.status = 'escalated';
    this.state.escalatedAt = at.toISOString();
    this.state.escalatedBy = by;
    this.pending.push({ type: 'report.escalated', occurredAt: at, payload: { reportId: this.state.id, by, note } });
  }

  /** The reporter (a partner) asked for urgent handling, e.g. a child in imminent danger: high, with their reason. */
  flagUrgent(reason: string, at: Date): void {
    const why = reason.trim();
    if (!why) return;
    this.raise({ level: 'high', rule: 'reporter-urgent', detail: why, at: at.toISOString() });
  }

  /**
   * An analyst sets the priority by hand, up or down; the reason records who, when, from and to,
   * and the automated reasons before it stay on the report.
   */
  overridePriority(level: string, reason: string, by: string, at: Date): { from: PriorityLevel; to: PriorityLevel } {
    if (!(PRIORITY_LEVELS as readonly string[]).includes(level)) throw new ValidationError(`priority: one of ${PRIORITY_LEVELS.join(', ')}`, 'priority');
    const why = reason.trim();
    if (!why) throw new ValidationError('reason: say why the priority changes', 'reason');
    this.assertOpen();
    const from = this.state.priority;
    const to = level as PriorityLevel;
    this.state.priorityReasons.push({ level: to, rule: 'analyst-override', detail: `${by}: ${from} → ${to}: ${why}`, at: at.toISOString() });
    this.state.priority = to;
    return { from, to };
  }

  /** The analyst's classification replaces the type the reporter chose (the original stays on the timeline). */
  correctIncidentType(incidentType: IncidentType): void {
    this.state.incidentType = incidentType;
  }

  /** Closed reports leave the open queue; the reason is kept with the analyst's decision. */
  close(): void {
    this.assertOpen();
    this.state.status = 'closed';
  }

  /** Decisions (classify, split, takedown, forward, close) are taken on open reports only; notes may still be added. */
  assertOpen(): void {
    if (this.state.status === 'closed') throw new ConflictError(`report ${this.state.reference} is closed`);
  }

  private raise(reason: PriorityReason): void {
    this.state.priorityReasons.push(reason);
    if (priorityRank(reason.level) < priorityRank(this.state.priority)) this.state.priority = reason.level;
  }

  private findMedia(mediaId: string): ReportMedia {
    const media = this.state.media.find((item) => item.mediaId === mediaId);
    if (!media) throw new ValidationError(`mediaId: report ${this.state.reference} has no media ${mediaId}`, 'mediaId');
    return media;
  }
}
