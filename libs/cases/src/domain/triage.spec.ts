import { decideTriage, proposeTriage, type TriageFacts } from './triage';

const facts = (overrides: Partial<TriageFacts> = {}): TriageFacts => ({
  incidentType: 'other', summary: 'A report.', childIdentified: false, priorReports: 0, identifierCount: 1, urlCount: 0, evidenceCount: 0, locationCount: 0, annotations: [], ...overrides,
});

describe('triage rules', () => {
  it('puts imminent risk first, with every rule that fired', () => {
    const proposal = proposeTriage(facts({ incidentType: 'online-luring', summary: 'He wants to meet in person.', childIdentified: true }));
    expect(proposal.urgency).toBe('P1');
    expect(proposal.urgencyReasons).toEqual([
      'P1: the summary mentions "meet in person"',
      'P2: the report identifies a child victim',
      'P2: online-luring is ongoing contact with or abuse of a child',
    ]);
  });

  it('grades by the most urgent rule: source urgency P1, identified child P2, known offender P3, else P4', () => {
    expect(proposeTriage(facts({ urgentReason: 'threat within 24 hours' })).urgency).toBe('P1');
    expect(proposeTriage(facts({ sourcePriority: 'critical' })).urgency).toBe('P1');
    expect(proposeTriage(facts({ childIdentified: true })).urgency).toBe('P2');
    expect(proposeTriage(facts({ priorReports: 2 })).urgency).toBe('P3');
    expect(proposeTriage(facts({ incidentType: 'csam', evidenceCount: 3 })).urgencyReasons).toEqual(['P3: 3 file(s) of material: distribution']);
    expect(proposeTriage(facts())).toMatchObject({ urgency: 'P4', urgencyReasons: ['P4: no urgency indicator'] });
  });

  it('proposes not actionable when there is nothing to act on, or the reporter called it spam', () => {
    expect(proposeTriage(facts({ identifierCount: 0 }))).toMatchObject({ actionable: false, validityReason: 'nothing to act on: no suspect identifier, URL, file or location' });
    expect(proposeTriage(facts({ annotations: ['spam'] }))).toMatchObject({ actionable: false, validityReason: 'the reporter tagged the report as spam' });
    expect(proposeTriage(facts({ urlCount: 2 }))).toMatchObject({ actionable: true, validityReason: 'something to act on: 1 suspect identifier(s), 2 URL(s)' });
  });

  it('gives the same rules and finding as codes with their values, for a UI in either language', () => {
    const proposal = proposeTriage(facts({ incidentType: 'online-luring', summary: 'Meeting tonight.', urgentReason: 'a threat', priorReports: 2, urlCount: 3 }));
    expect(proposal.urgencyRules).toEqual([
      { level: 'P1', rule: 'source-urgent', values: { reason: 'a threat' } },
      { level: 'P1', rule: 'imminent-words', values: { words: 'tonight' } },
      { level: 'P2', rule: 'ongoing-contact', values: { incidentType: 'online-luring' } },
      { level: 'P3', rule: 'known-offender', values: { count: 2 } },
    ]);
    expect(proposal.urgencyReasons).toHaveLength(4);
    expect(proposal.validity).toEqual({ rule: 'leads', leads: { identifiers: 1, urls: 3, files: 0, locations: 0 } });
    expect(proposeTriage(facts({ identifierCount: 0 })).validity).toEqual({ rule: 'no-leads' });
    expect(proposeTriage(facts({ annotations: ['spam'] })).validity).toEqual({ rule: 'spam' });
  });

  it('records overrides with who, when, from, to and why, and refuses one without a reason', () => {
    const triage = { proposed: proposeTriage(facts()), overrides: [] };
    const at = new Date('2026-11-23T12:00:00Z');
    expect(() => decideTriage(triage, { actionable: true, urgency: 'P2' }, 'inv', at)).toThrow(/reason is required/);
    expect(() => decideTriage(triage, { actionable: false, urgency: 'P4' }, 'inv', at)).toThrow(/notActionableReason/);
    expect(() => decideTriage(triage, { actionable: true, urgency: 'P9' as never }, 'inv', at)).toThrow(/urgency must be one of P1, P2, P3, P4/);
    const decided = decideTriage(triage, { actionable: true, urgency: 'P2', reason: 'the victim is known to police' }, 'inv', at);
    expect(decided.decision).toEqual({ actionable: true, urgency: 'P2', decidedBy: 'inv', decidedAt: '2026-11-23T12:00:00.000Z' });
    expect(decided.overrides).toEqual([{ field: 'urgency', from: 'P4', to: 'P2', reason: 'the victim is known to police', by: 'inv', at: '2026-11-23T12:00:00.000Z' }]);
    const agreed = decideTriage(triage, { actionable: true, urgency: 'P4' }, 'inv', at);
    expect(agreed.overrides).toEqual([]);
    const dismissed = decideTriage(decided, { actionable: false, notActionableReason: 'duplicate of a closed file', urgency: 'P2' }, 'sup', at);
    expect(dismissed.overrides[1]).toEqual({ field: 'validity', from: 'actionable', to: 'not-actionable', reason: 'duplicate of a closed file', by: 'sup', at: '2026-11-23T12:00:00.000Z' });
  });
});
