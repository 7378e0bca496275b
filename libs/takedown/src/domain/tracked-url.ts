import { ConflictError, ValidationError } from '@vigil/kernel';

/**
 * reported        listed from a report; nobody has confirmed it yet (no notice, not on the blocklist)
 * notice-sent     a notice went to the hosting provider; re-sent until removal is confirmed
 * removed         the removal checker (or a person) confirmed the content is gone
 * reappeared      a removed URL was seen again; a new notice follows
 * not-actionable  a person decided no notice is due (not illegal, out of scope…), with the reason
 */
export const URL_STATUSES = ['reported', 'notice-sent', 'removed', 'reappeared', 'not-actionable'] as const;
export type UrlStatus = (typeof URL_STATUSES)[number];

/** Statuses in which the content may still be online: these URLs are checked for removal. */
export const ACTIVE_STATUSES: readonly UrlStatus[] = ['reported', 'notice-sent', 'reappeared'];

const ALLOWED: Record<UrlStatus, readonly UrlStatus[]> = {
  reported: ['notice-sent', 'removed', 'not-actionable'],
  'notice-sent': ['removed', 'not-actionable'],
  removed: ['reappeared'],
  reappeared: ['notice-sent', 'removed', 'not-actionable'],
  // A person may overrule an earlier "not actionable" by asking for a takedown.
  'not-actionable': ['notice-sent'],
};

/** One dated line of a URL's history: a status change, or a sighting that changed nothing. */
export interface UrlHistoryEntry {
  at: string;
  from?: UrlStatus;
  to: UrlStatus;
  /** A username, or the automated part that acted (removal-checker, report VGL-…). */
  actor: string;
  reason: string;
}

export interface TrackedUrlProps {
  id: string;
  /** Normalised: lowercase scheme and host, no default port, no fragment. */
  url: string;
  host: string;
  providerId?: string;
  status: UrlStatus;
  classification?: string;
  firstReportedAt: string;
  /** Set once a person (or a known-hash match) confirmed the URL: it gets notices and goes on the blocklist. */
  takedownRequestedAt?: string;
  removedAt?: string;
  lastCheckedAt?: string;
  lastCheckResult?: string;
  /** When the removal checker should look next; none for removed and not-actionable URLs. */
  nextCheckAt?: string;
  /** Optimistic concurrency: the repository refuses to save over a newer version. */
  version: number;
  history: UrlHistoryEntry[];
}

/**
 * Normalises a URL so that the same page reported twice is one entry: the host is lowercased,
 * the default port and the fragment (never sent to the server) dropped. Path and query are
 * kept as they are: on many hosts they are case-sensitive and name different files.
 */
export function normaliseUrl(raw: string): { url: string; host: string } {
  let parsed: URL;
  try {
    parsed = new URL(raw.trim());
  } catch {
    throw new ValidationError(`url: "${raw}" is not a valid web address`, 'url');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ValidationError('url: only http and https addresses can be checked and taken down', 'url');
  }
  if (!parsed.hostname) throw new ValidationError('url: the address has no host', 'url');
  parsed.hash = '';
  // Credentials in a URL are never needed to find the content and must not be stored.
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.toString(), host: parsed.hostname.toLowerCase().replace(/\.$/, '') };
}

/**
 * A URL on the list: where it is hosted, its status and the history of how it got there.
 * Every change records who made it and why (automated changes name the rule).
 */
export class TrackedUrl {
  private readonly added: UrlHistoryEntry[] = [];

  private constructor(private state: TrackedUrlProps) {}

  static list(input: { id: string; url: string; at: Date; actor: string; reason: string; providerId?: string; classification?: string }): TrackedUrl {
    const { url, host } = normaliseUrl(input.url);
    const at = input.at.toISOString();
    const tracked = new TrackedUrl({
      id: input.id,
      url,
      host,
      providerId: input.providerId,
      status: 'reported',
      classification: input.classification,
      firstReportedAt: at,
      nextCheckAt: at,
      version: 0,
      history: [],
    });
    tracked.record({ at, to: 'reported', actor: input.actor, reason: input.reason });
    return tracked;
  }

  static restore(props: TrackedUrlProps): TrackedUrl {
    return new TrackedUrl({ ...props, history: [...props.history] });
  }

  get props(): Readonly<TrackedUrlProps> {
    return this.state;
  }

  get id(): string {
    return this.state.id;
  }

  get status(): UrlStatus {
    return this.state.status;
  }

  get isNew(): boolean {
    return this.state.version === 0;
  }

  /** History lines added since the URL was loaded, for the repository to append. */
  get newHistory(): readonly UrlHistoryEntry[] {
    return this.added;
  }

  /** Called by the repository once saved: the next save must carry the new version. */
  markSaved(): void {
    this.state = { ...this.state, version: this.state.version + 1 };
    this.added.length = 0;
  }

  get isActive(): boolean {
    return ACTIVE_STATUSES.includes(this.state.status);
  }

  get takedownRequested(): boolean {
    return this.state.takedownRequestedAt !== undefined;
  }

  assignProvider(providerId: string): void {
    this.state = { ...this.state, providerId };
  }

  classify(classification: string | undefined): void {
    if (classification) this.state = { ...this.state, classification };
  }

  /**
   * Seen again (a new report, a crawler). A removed URL that is seen again has reappeared;
   * otherwise only the sighting is recorded.
   */
  sighted(at: Date, actor: string, reason: string): void {
    if (this.state.status === 'removed') {
      this.transition('reappeared', at, actor, reason);
      this.state = { ...this.state, removedAt: undefined, nextCheckAt: at.toISOString() };
    } else {
      this.record({ at: at.toISOString(), from: this.state.status, to: this.state.status, actor, reason });
    }
  }

  /** A person, or a known-hash match, confirmed the URL: it is due a notice and goes on the blocklist. */
  confirmForTakedown(at: Date): void {
    if (!this.state.takedownRequestedAt) this.state = { ...this.state, takedownRequestedAt: at.toISOString() };
  }

  noticeIssued(at: Date, actor: string, reason: string): void {
    if (!this.state.providerId) throw new ConflictError(`url: no hosting provider is registered for ${this.state.host}`, 'url');
    this.transition('notice-sent', at, actor, reason);
    this.state = { ...this.state, nextCheckAt: this.state.nextCheckAt ?? at.toISOString() };
  }

  confirmRemoved(at: Date, actor: string, reason: string): void {
    this.transition('removed', at, actor, reason);
    this.state = { ...this.state, removedAt: at.toISOString(), nextCheckAt: undefined };
  }

  markNotActionable(at: Date, actor: string, reason: string): void {
    this.transition('not-actionable', at, actor, reason);
    this.state = { ...this.state, nextCheckAt: undefined };
  }

  /** The checker found the content still online (or could not tell): look again later. */
  checked(at: Date, result: string, nextCheckAt: Date): void {
    this.state = { ...this.state, lastCheckedAt: at.toISOString(), lastCheckResult: result, nextCheckAt: this.isActive ? nextCheckAt.toISOString() : undefined };
  }

  private transition(to: UrlStatus, at: Date, actor: string, reason: string): void {
    const from = this.state.status;
    if (!ALLOWED[from].includes(to)) throw new ConflictError(`status: a ${from} URL cannot become ${to}`, 'status');
    if (!reason.trim()) throw new ValidationError('reason: a status change needs a reason', 'reason');
    this.state = { ...this.state, status: to };
    this.record({ at: at.toISOString(), from, to, actor, reason: reason.trim() });
  }

  private record(entry: UrlHistoryEntry): void {
    this.added.push(entry);
    this.state = { ...this.state, history: [...this.state.history, entry] };
  }
}
