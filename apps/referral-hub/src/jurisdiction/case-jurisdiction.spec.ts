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

  it('carries the referral’s origin and reference and the location’s provenance code beside the English source', () => {
    const referral = {
      origin: 'police', reference: 'EX-2026-77',
      locations: [
        { kind: 'postal-code', value: 'M5V 2T6', source: 'Example Police referral', sourceCode: 'police-referral', sourceValues: { agency: 'Example Police' } },
        { kind: 'phone', value: '+33612345678', source: 'stored before the codes' },
      ],
    } as unknown as CaseSnapshot['reports'][number];
    expect(caseEvidence({ ...kase(), reports: [referral] })).toEqual([
      {
        kind: 'postal-code', value: 'M5V 2T6', source: 'police EX-2026-77: Example Police referral',
        provenance: { origin: 'police', reference: 'EX-2026-77', code: 'police-referral', values: { agency: 'Example Police' } },
      },
      { kind: 'phone', value: '+33612345678', source: 'police EX-2026-77: stored before the codes', provenance: { origin: 'police', reference: 'EX-2026-77' } },
    ]);
  });

  it('has no override evidence when no one overrode', () => {
    expect(caseEvidence(kase())).toEqual([]);
  });
});
