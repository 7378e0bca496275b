import { ConflictError, ForbiddenError, ValidationError, type DomainEvent } from '@vigil/kernel';
import type { ConsensusRule, ConsensusVerdict, ReviewDecision } from './consensus';
import { isReviewClassification, REVIEW_CLASSIFICATIONS, type ReviewClassification, type ReviewUrgency } from './review-classification';

/**
 * `known`: the media's hash entered a bank while the item waited, so no person needs to look at it.
 * `withdrawn`: the tipline's retention purged the evidence file while the item waited, so nobody can.
 */
export type ReviewStatus = 'pending' | 'in-review' | 'decided' | 'overridden' | 'known' | 'withdrawn';

/** The bank entry that made a waiting item known, and the matching rule that said so. */
export interface KnownMatch {
  entryId: string;
  bankId: string;
  bankName: string;
  /** The entry's classification, as the bank has it (it may be ungraded `csam` or custom). */
  classification: string;
  matchKind: 'exact' | 'near';
  distance: number;
  reason: string;
  at: string;
}

/** The final word on an item, and the rule that gave it. */
export interface ReviewOutcome {
  classification: ReviewClassification;
  rule: 'consensus' | 'override';
  /** The agreeing reviewers, or the supervisor who overrode. */
  by: string[];
  reason: string;
  at: string;
}

export interface ReviewOverride {
  by: string;
  classification: ReviewClassification;
  reason: string;
  at: string;
  previous?: ReviewClassification;
}

export interface ReviewItemSnapshot {
  id: string;
  mediaId: string;
  reportId: string;
  reportReference: string;
  incidentType: string;
  urgency: ReviewUrgency;
  sha256: string;
  md5: string;
  pdq?: string;
  pdqQuality?: number;
  contentType: string;
  bytes: number;
  status: ReviewStatus;
  claimedBy?: string;
  leaseExpiresAt?: string;
  decisions: ReviewDecision[];
  overrides: ReviewOverride[];
  outcome?: ReviewOutcome;
  /** Set when reviewers could not agree: the item waits for a supervisor, not for more reviewers. */
  supervisorFlag?: { at: string; reason: string };
  /** Set when the item was resolved by a bank match instead of by reviewers. */
  knownMatch?: KnownMatch;
  /** Set when the item left the queue because its evidence no longer exists; `recordType` is the retention rule that purged it. */
  withdrawal?: { reason: string; recordType: string; at: string };
  enqueuedAt: string;
  version: number;
}

export type ReviewItemEvent = DomainEvent<'review.concluded', { itemId: string; outcome: ReviewOutcome; previous?: ReviewOutcome }>;

export type NewReviewItem = Omit<
  ReviewItemSnapshot,
  'status' | 'decisions' | 'overrides' | 'version' | 'claimedBy' | 'leaseExpiresAt' | 'outcome' | 'supervisorFlag' | 'knownMatch' | 'withdrawal'
>;

/** Who is looking: reviewers see only what they hold; supervisors may look at any item. */
export interface Viewer {
  username: string;
  supervisor: boolean;
}

export const MAX_NOTE = 2000;

/**
 * One unknown media item waiting for human eyes. Reviewers take it one at a time under a lease
 * (an abandoned claim returns to the queue when the lease runs out), decide independently,
 * and the consensus rule turns their decisions into an outcome; a supervisor may override it.
 * Every decision and override is kept with who and when.
 */
export class ReviewItem {
  private readonly pending: ReviewItemEvent[] = [];

  private constructor(private state: ReviewItemSnapshot) {}

  static enqueue(input: NewReviewItem): ReviewItem {
    return new ReviewItem({ ...input, status: 'pending', decisions: [], overrides: [], version: 0 });
  }

  static restore(snapshot: ReviewItemSnapshot): ReviewItem {
    return new ReviewItem(structuredClone(snapshot));
  }

  get id(): string {
    return this.state.id;
  }

  snapshot(): ReviewItemSnapshot {
    return structuredClone(this.state);
  }

  pullEvents(): ReviewItemEvent[] {
    return this.pending.splice(0, this.pending.length);
  }

  /** Whether this reviewer may take the item now (the queue's SQL mirrors this rule). */
  isClaimableBy(reviewer: string, now: Date): boolean {
    if (this.state.supervisorFlag || this.hasDecided(reviewer)) return false;
    if (this.state.status === 'pending') return true;
    return this.state.status === 'in-review' && !this.leaseValid(now);
  }

  /** True while this reviewer holds an unexpired claim on the item. */
  isHeldBy(reviewer: string, now: Date): boolean {
    return this.state.status === 'in-review' && this.state.claimedBy === reviewer && this.leaseValid(now);
  }

  claim(reviewer: string, now: Date, leaseMs: number): void {
    if (!this.isClaimableBy(reviewer, now)) {
      if (this.hasDecided(reviewer)) throw new ConflictError(`review item ${this.state.id}: you have already decided on it`);
      throw new ConflictError(`review item ${this.state.id} is not waiting for review`);
    }
    this.state.status = 'in-review';
    this.state.claimedBy = reviewer;
    this.state.leaseExpiresAt = new Date(now.getTime() + leaseMs).toISOString();
  }

  /** Gives the item back to the queue, untouched. */
  release(reviewer: string): void {
    if (this.state.status !== 'in-review' || this.state.claimedBy !== reviewer) throw new ConflictError(`review item ${this.state.id} is not held by you`);
    this.returnToQueue();
  }

  /** Reviewers see an item's media only while they hold it; supervisors may see any. */
  assertMayView(viewer: Viewer, now: Date): void {
    if (viewer.supervisor || this.isHeldBy(viewer.username, now)) return;
    throw new ForbiddenError(`review item ${this.state.id}: claim it first (POST /api/v1/review/next); media are shown only to the reviewer who holds the item`);
  }

  /** Metadata and hashes: for the reviewer holding the item, those who decided on it, and supervisors. */
  assertMayInspect(viewer: Viewer, now: Date): void {
    if (viewer.supervisor || this.isHeldBy(viewer.username, now) || this.hasDecided(viewer.username)) return;
    throw new ForbiddenError(`review item ${this.state.id} is not yours: take items with POST /api/v1/review/next`);
  }

  decide(reviewer: string, classification: string, note: string | undefined, at: Date, rule: ConsensusRule): ConsensusVerdict {
    if (!isReviewClassification(classification)) {
      throw new ValidationError(`classification must be one of: ${REVIEW_CLASSIFICATIONS.join(', ')}`, 'classification');
    }
    if (note !== undefined && note.length > MAX_NOTE) throw new ValidationError(`note: at most ${MAX_NOTE} characters`, 'note');
    if (this.state.status === 'known') {
      throw new ConflictError(`review item ${this.state.id} needs no review any more: ${this.state.knownMatch?.reason ?? 'its hash was banked'}; take the next item`);
    }
    if (this.state.status === 'withdrawn') {
      throw new ConflictError(`review item ${this.state.id} was withdrawn: ${this.state.withdrawal?.reason ?? 'its evidence was purged'}; take the next item`);
    }
    if (this.state.status === 'decided' || this.state.status === 'overridden') throw new ConflictError(`review item ${this.state.id} is already decided`);
    if (this.hasDecided(reviewer)) throw new ConflictError(`review item ${this.state.id}: you have already decided on it; consensus needs independent reviewers`);
    if (this.state.status !== 'in-review' || this.state.claimedBy !== reviewer) {
      throw new ConflictError(`review item ${this.state.id} is not held by you (your claim may have expired); take the next item`);
    }
    const iso = at.toISOString();
    this.state.decisions.push({ reviewer, classification, note: note?.trim() || undefined, at: iso });
    const verdict = rule.evaluate(this.state.decisions);
    if (verdict.kind === 'final') {
      this.conclude({ classification: verdict.classification, rule: 'consensus', by: verdict.reviewers, reason: `${verdict.reviewers.length} reviewers agreed (${rule.required} required)`, at: iso }, 'decided', at);
    } else {
      this.returnToQueue();
      if (verdict.kind === 'needs-supervisor') this.state.supervisorFlag = { at: iso, reason: verdict.reason };
    }
    return verdict;
  }

  /** A supervisor's decision replaces any other, with the reason kept beside the ones it replaced. */
  override(supervisor: string, classification: string, reason: string, at: Date): void {
    if (!isReviewClassification(classification)) {
      throw new ValidationError(`classification must be one of: ${REVIEW_CLASSIFICATIONS.join(', ')}`, 'classification');
    }
    const why = reason.trim();
    if (!why) throw new ValidationError('reason: an override needs a reason', 'reason');
    if (why.length > MAX_NOTE) throw new ValidationError(`reason: at most ${MAX_NOTE} characters`, 'reason');
    const iso = at.toISOString();
    this.state.overrides.push({ by: supervisor, classification, reason: why, at: iso, previous: this.state.outcome?.classification });
    this.conclude({ classification, rule: 'override', by: [supervisor], reason: why, at: iso }, 'overridden', at);
  }

  /** Whether the item still waits for people (so a bank match may resolve it instead). */
  get isOpen(): boolean {
    return this.state.status === 'pending' || this.state.status === 'in-review';
  }

  /**
   * The media's hash was banked (by curators, an import or another item's consensus) while the
   * item waited: it leaves the queue so nobody looks at known material again. Even a reviewer
   * holding it loses it, which is the point. Reviewers' earlier decisions stay on record, and a
   * supervisor may still override. Nothing enters the reviewed bank: the hash is banked already.
   */
  resolveAsKnown(match: Omit<KnownMatch, 'at'>, at: Date): void {
    if (!this.isOpen) throw new ConflictError(`review item ${this.state.id} is already concluded`);
    this.state.knownMatch = { ...match, at: at.toISOString() };
    this.state.status = 'known';
    this.state.claimedBy = undefined;
    this.state.leaseExpiresAt = undefined;
  }

  /**
   * The evidence file was purged (the tipline's retention) while the item waited: nobody can look
   * at it any more, so it leaves the queue, even from a reviewer holding it. As with a bank match,
   * earlier decisions stay on record and a supervisor may still override; no outcome is set and
   * nothing enters the reviewed bank, since nobody concluded anything about the media.
   */
  withdraw(reason: string, recordType: string, at: Date): void {
    if (!this.isOpen) throw new ConflictError(`review item ${this.state.id} is already concluded`);
    this.state.withdrawal = { reason, recordType, at: at.toISOString() };
    this.state.status = 'withdrawn';
    this.state.claimedBy = undefined;
    this.state.leaseExpiresAt = undefined;
  }

  private conclude(outcome: ReviewOutcome, status: ReviewStatus, at: Date): void {
    const previous = this.state.outcome;
    this.state.outcome = outcome;
    this.state.status = status;
    this.state.claimedBy = undefined;
    this.state.leaseExpiresAt = undefined;
    this.pending.push({ type: 'review.concluded', occurredAt: at, payload: { itemId: this.state.id, outcome, previous } });
  }

  private returnToQueue(): void {
    this.state.status = 'pending';
    this.state.claimedBy = undefined;
    this.state.leaseExpiresAt = undefined;
  }

  private hasDecided(reviewer: string): boolean {
    return this.state.decisions.some((decision) => decision.reviewer === reviewer);
  }

  private leaseValid(now: Date): boolean {
    return this.state.leaseExpiresAt !== undefined && new Date(this.state.leaseExpiresAt).getTime() > now.getTime();
  }
}
