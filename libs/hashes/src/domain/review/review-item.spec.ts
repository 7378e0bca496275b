import { ConflictError, ForbiddenError, ValidationError } from '@vigil/kernel';
import { ConsensusRule } from './consensus';
import { exposureWindows } from './exposure';
import { ReviewItem } from './review-item';

const t0 = new Date('2026-11-23T10:00:00Z');
const LEASE = 15 * 60_000;

function newItem(): ReviewItem {
  return ReviewItem.enqueue({
    id: '00000000-0000-4000-8000-000000000001',
    mediaId: '00000000-0000-4000-8000-0000000000a1',
    reportId: '00000000-0000-4000-8000-0000000000b1',
    reportReference: 'VGL-AAAA-BBBB',
    incidentType: 'online-luring',
    urgency: 'normal',
    sha256: 'a'.repeat(64),
    md5: 'b'.repeat(32),
    pdq: 'c'.repeat(64),
    pdqQuality: 100,
    contentType: 'image/png',
    bytes: 10,
    enqueuedAt: t0.toISOString(),
  });
}

/** Each reviewer claims the item in turn and decides. */
function review(item: ReviewItem, rule: ConsensusRule, decisions: Array<[string, string]>) {
  return decisions.map(([reviewer, classification]) => {
    item.claim(reviewer, t0, LEASE);
    return item.decide(reviewer, classification, undefined, t0, rule);
  });
}

describe('ReviewItem and the consensus rule', () => {
  it('with N=2, two reviewers agreeing on the same class make the outcome final', () => {
    const item = newItem();
    const rule = new ConsensusRule(2);
    const [first, second] = review(item, rule, [['r1', 'csam-b1'], ['r2', 'csam-b1']]);
    expect(first).toEqual({ kind: 'needs-more-reviews', agreeing: 1, required: 2 });
    expect(second).toEqual({ kind: 'final', classification: 'csam-b1', reviewers: ['r1', 'r2'] });
    const state = item.snapshot();
    expect(state.status).toBe('decided');
    expect(state.outcome).toMatchObject({ classification: 'csam-b1', rule: 'consensus', by: ['r1', 'r2'] });
    expect(state.decisions.map((decision) => decision.reviewer)).toEqual(['r1', 'r2']);
    expect(item.pullEvents()).toEqual([expect.objectContaining({ type: 'review.concluded', payload: expect.objectContaining({ outcome: state.outcome }) })]);
  });

  it('with N=3, two in agreement are not enough', () => {
    const item = newItem();
    const verdicts = review(item, new ConsensusRule(3), [['r1', 'csam-a1'], ['r2', 'csam-a1'], ['r3', 'csam-a1']]);
    expect(verdicts.map((verdict) => verdict.kind)).toEqual(['needs-more-reviews', 'needs-more-reviews', 'final']);
    expect(item.snapshot().outcome?.by).toEqual(['r1', 'r2', 'r3']);
  });

  it('agreement on not-csam is final too, and puts nothing in a bank', () => {
    const item = newItem();
    review(item, new ConsensusRule(2), [['r1', 'not-csam'], ['r2', 'not-csam']]);
    expect(item.snapshot().outcome?.classification).toBe('not-csam');
  });

  it('refuses a second decision by the same reviewer', () => {
    const item = newItem();
    const rule = new ConsensusRule(2);
    review(item, rule, [['r1', 'csam-a1']]);
    expect(item.isClaimableBy('r1', t0)).toBe(false);
    expect(() => item.claim('r1', t0, LEASE)).toThrow(/already decided/);
    item.claim('r2', t0, LEASE);
    expect(() => item.decide('r1', 'csam-a1', undefined, t0, rule)).toThrow(ConflictError);
    expect(item.snapshot().decisions).toHaveLength(1);
  });

  it('treats a positive class against not-csam as disagreement, needing more reviews', () => {
    const item = newItem();
    const rule = new ConsensusRule(2);
    const verdicts = review(item, rule, [['r1', 'csam-a2'], ['r2', 'not-csam']]);
    expect(verdicts[1]).toEqual({ kind: 'needs-more-reviews', agreeing: 1, required: 2 });
    expect(item.snapshot().status).toBe('pending');
    // A third reviewer breaks the tie.
    expect(review(item, rule, [['r3', 'not-csam']])[0]).toMatchObject({ kind: 'final', classification: 'not-csam', reviewers: ['r2', 'r3'] });
  });

  it('different positive classes disagree too', () => {
    const item = newItem();
    expect(review(item, new ConsensusRule(2), [['r1', 'csam-a1'], ['r2', 'csam-b2']])[1].kind).toBe('needs-more-reviews');
  });

  it('flags the item for a supervisor after 2N decisions without consensus', () => {
    const item = newItem();
    const verdicts = review(item, new ConsensusRule(2), [['r1', 'csam-a1'], ['r2', 'not-csam'], ['r3', 'csam-b1'], ['r4', 'harmful-abusive-material']]);
    expect(verdicts[3]).toMatchObject({ kind: 'needs-supervisor' });
    const state = item.snapshot();
    expect(state.status).toBe('pending');
    expect(state.supervisorFlag?.reason).toMatch(/4 decisions without 2 in agreement/);
    expect(item.isClaimableBy('r5', t0)).toBe(false);
  });

  it('lets a supervisor override with a reason, keeping what was replaced', () => {
    const item = newItem();
    review(item, new ConsensusRule(2), [['r1', 'csam-a1'], ['r2', 'csam-a1']]);
    item.pullEvents();
    expect(() => item.override('sup', 'not-csam', '  ', t0)).toThrow(/reason: an override needs a reason/);
    item.override('sup', 'not-csam', 'synthetic test pattern, not a child', new Date('2026-11-23T11:00:00Z'));
    const state = item.snapshot();
    expect(state.status).toBe('overridden');
    expect(state.outcome).toMatchObject({ classification: 'not-csam', rule: 'override', by: ['sup'], reason: 'synthetic test pattern, not a child' });
    expect(state.overrides).toEqual([{ by: 'sup', classification: 'not-csam', reason: 'synthetic test pattern, not a child', at: '2026-11-23T11:00:00.000Z', previous: 'csam-a1' }]);
    expect(item.pullEvents()[0].payload.previous?.classification).toBe('csam-a1');
  });

  it('refuses a classification off the scale, naming the field', () => {
    const item = newItem();
    item.claim('r1', t0, LEASE);
    const attempt = () => item.decide('r1', 'csam-z9', undefined, t0, new ConsensusRule(2));
    expect(attempt).toThrow(ValidationError);
    expect(attempt).toThrow(/^classification must be one of: csam-a1, csam-a2, csam-b1, csam-b2, harmful-abusive-material, not-csam$/);
  });

  it('returns an abandoned claim to the queue when its lease runs out', () => {
    const item = newItem();
    item.claim('r1', t0, LEASE);
    expect(item.isClaimableBy('r2', new Date(t0.getTime() + LEASE - 1))).toBe(false);
    const later = new Date(t0.getTime() + LEASE + 1);
    expect(item.isHeldBy('r1', later)).toBe(false);
    item.claim('r2', later, LEASE);
    expect(() => item.decide('r1', 'csam-a1', undefined, later, new ConsensusRule(2))).toThrow(/not held by you/);
  });

  it('shows media only to the reviewer holding the item, or to a supervisor', () => {
    const item = newItem();
    item.claim('r1', t0, LEASE);
    expect(() => item.assertMayView({ username: 'r1', supervisor: false }, t0)).not.toThrow();
    expect(() => item.assertMayView({ username: 'r2', supervisor: false }, t0)).toThrow(ForbiddenError);
    expect(() => item.assertMayView({ username: 'sup', supervisor: true }, t0)).not.toThrow();
    item.decide('r1', 'csam-a1', undefined, t0, new ConsensusRule(2));
    expect(() => item.assertMayView({ username: 'r1', supervisor: false }, t0)).toThrow(ForbiddenError);
    expect(() => item.assertMayInspect({ username: 'r1', supervisor: false }, t0)).not.toThrow();
    expect(() => item.assertMayInspect({ username: 'r2', supervisor: false }, t0)).toThrow(ForbiddenError);
  });

  it('requires a sensible N', () => {
    expect(() => new ConsensusRule(0)).toThrow(/REVIEW_CONSENSUS/);
  });

  describe('resolved by a bank match while it waited', () => {
    const match = { entryId: 'e1', bankId: 'b1', bankName: 'Partner list', classification: 'csam', matchKind: 'exact' as const, distance: 0, reason: 'banked while it waited: sha256 equal to entry e1' };

    it('leaves the queue, even from a reviewer holding it, and keeps the entry and the rule that matched', () => {
      const item = newItem();
      item.claim('r1', t0, LEASE);
      item.resolveAsKnown(match, t0);
      const state = item.snapshot();
      expect(state).toMatchObject({ status: 'known', knownMatch: { ...match, at: t0.toISOString() } });
      expect(state.claimedBy).toBeUndefined();
      expect(item.isOpen).toBe(false);
      expect(item.isClaimableBy('r2', t0)).toBe(false);
      expect(() => item.decide('r1', 'csam-a1', undefined, t0, new ConsensusRule(2))).toThrow(/needs no review any more: banked while it waited/);
      // Nothing for the reviewed bank: the hash is banked already.
      expect(item.pullEvents()).toEqual([]);
    });

    it('can still be overridden by a supervisor, and a concluded item is not resolved again', () => {
      const item = newItem();
      item.resolveAsKnown(match, t0);
      expect(() => item.resolveAsKnown(match, t0)).toThrow(ConflictError);
      item.override('sup', 'not-csam', 'the partner list entry is a known false positive', t0);
      expect(item.snapshot()).toMatchObject({ status: 'overridden', outcome: { classification: 'not-csam', rule: 'override' } });
    });
  });

  describe('withdrawn because its evidence was purged while it waited', () => {
    const reason = "the tipline's retention purged its evidence (rule closed-report-evidence) before review";

    it('leaves the queue, even from a reviewer holding it, keeping the reason, the rule and the earlier decisions', () => {
      const item = newItem();
      const rule = new ConsensusRule(2);
      review(item, rule, [['r1', 'csam-a1']]);
      item.claim('r2', t0, LEASE);
      item.pullEvents();
      const later = new Date(t0.getTime() + 60_000);
      item.withdraw(reason, 'closed-report-evidence', later);
      const state = item.snapshot();
      expect(state).toMatchObject({ status: 'withdrawn', withdrawal: { reason, recordType: 'closed-report-evidence', at: later.toISOString() } });
      expect(state.claimedBy).toBeUndefined();
      expect(state.leaseExpiresAt).toBeUndefined();
      expect(state.decisions.map((decision) => decision.reviewer)).toEqual(['r1']);
      expect(state.outcome).toBeUndefined();
      expect(item.isOpen).toBe(false);
      expect(item.isHeldBy('r2', later)).toBe(false);
      expect(item.isClaimableBy('r3', later)).toBe(false);
      expect(() => item.claim('r3', later, LEASE)).toThrow(/not waiting for review/);
      expect(() => item.release('r2')).toThrow(ConflictError);
      const late = () => item.decide('r2', 'csam-a1', undefined, later, rule);
      expect(late).toThrow(ConflictError);
      expect(late).toThrow(/was withdrawn: the tipline's retention purged its evidence \(rule closed-report-evidence\) before review; take the next item/);
      // No outcome, so nothing for the reviewed bank.
      expect(item.pullEvents()).toEqual([]);
    });

    it('is withdrawn only while open, and a supervisor may still override it', () => {
      const decided = newItem();
      review(decided, new ConsensusRule(2), [['r1', 'not-csam'], ['r2', 'not-csam']]);
      expect(() => decided.withdraw(reason, 'closed-report', t0)).toThrow(ConflictError);
      expect(decided.snapshot()).toMatchObject({ status: 'decided' });
      expect(decided.snapshot().withdrawal).toBeUndefined();

      const known = newItem();
      known.resolveAsKnown({ entryId: 'e1', bankId: 'b1', bankName: 'Partner list', classification: 'csam', matchKind: 'exact', distance: 0, reason: 'banked while it waited' }, t0);
      expect(() => known.withdraw(reason, 'closed-report', t0)).toThrow(/already concluded/);

      const item = newItem();
      item.withdraw(reason, 'closed-report', t0);
      expect(() => item.withdraw(reason, 'closed-report', t0)).toThrow(ConflictError);
      item.override('sup', 'csam-b1', 'seen in the tipline before the purge', t0);
      expect(item.snapshot()).toMatchObject({ status: 'overridden', outcome: { classification: 'csam-b1', rule: 'override' }, withdrawal: { recordType: 'closed-report' } });
    });
  });
});

describe('exposure windows', () => {
  it('start at midnight UTC and on Monday', () => {
    const { dayStart, weekStart } = exposureWindows(new Date('2026-11-26T15:30:00Z')); // a Thursday
    expect(dayStart.toISOString()).toBe('2026-11-26T00:00:00.000Z');
    expect(weekStart.toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(exposureWindows(new Date('2026-11-29T23:59:00Z')).weekStart.toISOString()).toBe('2026-11-23T00:00:00.000Z'); // Sunday
  });
});
