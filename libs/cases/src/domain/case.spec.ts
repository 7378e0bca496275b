import { Case } from './case';
import { identifier } from './identifiers';
import { chooseCase, proposeLinks } from './linking';
import { receiveReferral, type Referral } from './referral';

function referral(id: string, email?: string, extra: Partial<Referral> = {}): Referral {
  return receiveReferral({
    id, sourceReportId: `src-${id}`, origin: 'tipline', reference: `REF-${id}`, incidentType: 'online-luring', summary: 's', priority: 'normal', priorityReasons: [],
    urls: [], evidence: [], identifiers: email ? [identifier('email', email, 'test')!] : [], locations: [], childIdentified: false, priorReports: [], annotations: [],
    receivedAt: '2026-11-23T10:00:00.000Z', ...extra,
  });
}

const at = new Date('2026-11-23T12:00:00Z');
const open = (id: string, reference: string, ...referrals: Referral[]) => {
  const kase = Case.open({ id, reference, openedAt: at, referral: referrals[0] });
  referrals.slice(1).forEach((item) => kase.attach(item, at, 'test'));
  return kase;
};

describe('Case', () => {
  it('opens with the automatic rule named (for a UI in either language) and the English reason', () => {
    expect(open('a', 'VGL-C-2026-000001', referral('r1')).snapshot().history).toEqual([
      { at: at.toISOString(), actor: 'system', action: 'opened', detail: { referralId: 'r1', reason: 'new referral with no known suspect identifier', rule: 'no-known-identifier' } },
    ]);
  });

  it('merges another case in: its referrals move, it is closed as merged, both timelines say who and why', () => {
    const a = open('a', 'VGL-C-2026-000001', referral('r1', 'x@example.com'));
    const b = open('b', 'VGL-C-2026-000002', referral('r2', 'y@example.com'));
    a.absorb(b, 'inv', 'same suspect per platform records', at);
    expect(a.snapshot().reports.map((item) => item.id)).toEqual(['r1', 'r2']);
    expect(b.snapshot()).toMatchObject({ status: 'merged', mergedInto: 'a', reports: [] });
    expect(a.snapshot().history.at(-1)).toEqual({ at: at.toISOString(), actor: 'inv', action: 'merged-in', detail: { otherCaseId: 'b', otherReference: 'VGL-C-2026-000002', referralIds: ['r2'], reason: 'same suspect per platform records' } });
    expect(() => a.absorb(b, 'inv', 'again', at)).toThrow(/is merged/);
    expect(() => a.absorb(a, 'inv', 'self', at)).toThrow(/into itself/);
    expect(() => a.absorb(open('c', 'C', referral('r3')), 'inv', ' ', at)).toThrow(/reason is required/);
  });

  it('splits referrals off into a new case, keeping at least one', () => {
    const a = open('a', 'VGL-C-2026-000001', referral('r1'), referral('r2'), referral('r3'));
    const split = a.splitOff(['r2'], { id: 'n', reference: 'VGL-C-2026-000009' }, 'inv', 'different suspect', at);
    expect(a.snapshot().reports.map((item) => item.id)).toEqual(['r1', 'r3']);
    expect(split.snapshot()).toMatchObject({ id: 'n', status: 'open', version: 0, reports: [{ id: 'r2' }], history: [{ action: 'split-from', actor: 'inv', detail: { caseId: 'a', reason: 'different suspect' } }] });
    expect(() => a.splitOff(['r1', 'r3'], { id: 'm', reference: 'M' }, 'inv', 'r', at)).toThrow(/at least one referral must stay/);
    expect(() => a.splitOff(['nope'], { id: 'm', reference: 'M' }, 'inv', 'r', at)).toThrow(/nope is not in case/);
  });

  it('records a jurisdiction override with who, when, from and to', () => {
    const a = open('a', 'A', referral('r1'));
    a.overrideJurisdiction('toronto-police-service', 'suspect arrested in Toronto last year', 'inv', at);
    expect(a.snapshot().jurisdictionOverride).toEqual({ target: 'toronto-police-service', reason: 'suspect arrested in Toronto last year', by: 'inv', at: at.toISOString() });
    expect(a.snapshot().history.at(-1)).toMatchObject({ action: 'jurisdiction-overridden', detail: { from: 'resolved from evidence', to: 'toronto-police-service' } });
  });
});

describe('linking', () => {
  it('attaches on a strong shared identifier and proposes the rest', () => {
    const a = open('a', 'VGL-C-2026-000001', referral('r1', 'x@example.com')).snapshot();
    const b = open('b', 'VGL-C-2026-000002', referral('r2', 'x@example.com')).snapshot();
    const incoming = referral('r3', 'X@Example.com').identifiers;
    const choice = chooseCase(incoming, [b, a]);
    expect(choice.attachTo).toMatchObject({ caseId: 'a', strong: true, shared: [{ kind: 'email', value: 'x@example.com' }] });
    expect(choice.proposals.map((proposal) => proposal.caseId)).toEqual(['b']);
  });

  it('only proposes on an IP address seen close in time, never attaches', () => {
    const ipAt = (time: string) => [identifier('ip', '192.0.2.7', 'test', time)!];
    const a = open('a', 'A', referral('r1', undefined, { identifiers: ipAt('2026-11-20T10:00:00Z') })).snapshot();
    const choice = chooseCase(ipAt('2026-11-20T18:00:00Z'), [a]);
    expect(choice.attachTo).toBeUndefined();
    expect(choice.proposals).toMatchObject([{ caseId: 'a', strong: false }]);
    expect(proposeLinks(ipAt('2026-11-25T18:00:00Z'), [a])).toEqual([]);
  });
});
