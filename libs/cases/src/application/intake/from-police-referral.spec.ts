import { referralFromPoliceInput, type PoliceReferralInput } from './from-police-referral';

const input: PoliceReferralInput = {
  reference: 'EX-2026-77',
  agency: { id: 'example-foreign-police', name: 'Example Police', country: 'FR' },
  incidentType: 'csam',
  summary: 'Distribution.',
  suspect: { emails: ['dealer@example.com'], phones: ['+33 6 12 34 56 78'], ipAddresses: [{ ip: '203.0.113.9', at: '2026-11-20T08:00:00Z' }] },
  locations: [{ kind: 'postal-code', value: 'M5V 2T6' }],
};

describe('referralFromPoliceInput: where each identifier and location was found', () => {
  const draft = referralFromPoliceInput(input, new Date('2026-11-23T10:00:00Z'));
  const details = { source: 'Example Police suspect details', sourceCode: 'police-suspect-details', sourceValues: { agency: 'Example Police' } };

  it('codes the suspect details with the agency’s name, beside the English source', () => {
    expect(draft.identifiers).toEqual([
      { kind: 'email', value: 'dealer@example.com', ...details },
      { kind: 'phone', value: '+33612345678', ...details },
      { kind: 'ip', value: '203.0.113.9', observedAt: '2026-11-20T08:00:00Z', ...details },
    ]);
  });

  it('codes the locations the referral names as the referral’s, and the suspect’s addresses as the suspect details', () => {
    expect(draft.locations).toEqual([
      { kind: 'postal-code', value: 'M5V 2T6', source: 'Example Police referral', sourceCode: 'police-referral', sourceValues: { agency: 'Example Police' } },
      { kind: 'ip', value: '203.0.113.9', observedAt: '2026-11-20T08:00:00Z', ...details },
      { kind: 'phone', value: '+33 6 12 34 56 78', ...details },
    ]);
  });
});
