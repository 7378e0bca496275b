import type { CaseSnapshot } from '@vigil/cases';
import { caseEvidence } from './case-jurisdiction';

const kase = (jurisdictionOverride?: CaseSnapshot['jurisdictionOverride']): CaseSnapshot => ({
  id: 'case-1', reference: 'VGL-C-2026-000001', status: 'open', openedAt: '2026-12-07T20:00:00.000Z', version: 1, reports: [], history: [],
  ...(jurisdictionOverride ? { jurisdictionOverride } : {}),
});

describe('caseEvidence', () => {
  it('gives an investigator’s override with who decided and when, beside the English source', () => {
    const [evidence] = caseEvidence(kase({ target: 'CA-MB', reason: 'production order', by: 'jdoe', at: '2026-12-07T20:09:00.000Z' }));
    expect(evidence).toEqual({
      kind: 'override', value: 'CA-MB', reason: 'production order',
      source: 'investigator jdoe at 2026-12-07T20:09:00.000Z', decidedBy: 'jdoe', observedAt: new Date('2026-12-07T20:09:00.000Z'),
    });
  });

  it('has no override evidence when no one overrode', () => {
    expect(caseEvidence(kase())).toEqual([]);
  });
});
