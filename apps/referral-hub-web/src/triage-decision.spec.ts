import type { Referral } from './api';
import { caseUrgency, decisionRequest, departures, triageStanding } from './triage-decision';

const proposed = { actionable: true, validityReason: 'something to act on: 1 URL(s)', urgency: 'P2' as const, urgencyReasons: ['P2: online-luring is ongoing contact'] };

describe('the triage decision form', () => {
  it('starts from the proposal, or from the decision once one was made', () => {
    expect(triageStanding({ proposed, overrides: [] })).toEqual({ actionable: true, urgency: 'P2', decided: false });
    const decided: Referral['triage'] = { proposed, decision: { actionable: false, notActionableReason: 'duplicate', urgency: 'P4', decidedBy: 'investigator', decidedAt: '2026-11-20T10:00:00Z' }, overrides: [] };
    expect(triageStanding(decided)).toEqual({ actionable: false, urgency: 'P4', decided: true });
  });

  it('names each field that departs from what stands, so the reason can be asked for', () => {
    expect(departures({ actionable: true, urgency: 'P2' }, { actionable: true, urgency: 'P2' })).toEqual([]);
    expect(departures({ actionable: true, urgency: 'P2' }, { actionable: true, urgency: 'P1' })).toEqual(['urgency']);
    expect(departures({ actionable: true, urgency: 'P2' }, { actionable: false, urgency: 'P4' })).toEqual(['validity', 'urgency']);
  });

  it('sends trimmed texts, and the not-actionable reason only for a not-actionable decision', () => {
    expect(decisionRequest({ actionable: true, urgency: 'P1', notActionableReason: 'left over', reason: '  child at risk tonight ' })).toEqual({ actionable: true, urgency: 'P1', reason: 'child at risk tonight' });
    expect(decisionRequest({ actionable: false, urgency: 'P4', notActionableReason: ' duplicate ', reason: ' ' })).toEqual({ actionable: false, urgency: 'P4', notActionableReason: 'duplicate' });
  });

  it('rates a case by its most urgent referral, a decision counting over the proposal', () => {
    const referral = (triage: Referral['triage']) => ({ triage }) as Referral;
    const lowered: Referral['triage'] = { proposed: { ...proposed, urgency: 'P1' }, decision: { actionable: true, urgency: 'P3', decidedBy: 'investigator', decidedAt: '2026-11-20T10:00:00Z' }, overrides: [] };
    expect(caseUrgency({ reports: [referral({ proposed, overrides: [] }), referral(lowered)] })).toBe('P2');
    expect(caseUrgency({ reports: [referral(lowered)] })).toBe('P3');
    expect(caseUrgency({ reports: [] })).toBe('P4');
  });
});
