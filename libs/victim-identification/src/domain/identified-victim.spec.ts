import { ConflictError, ValidationError } from '@vigil/kernel';
import { advanceIcse, recordIdentification } from './identified-victim';

const base = { pseudonym: 'VIC-7K3M9Q', ageBand: '12-14' as const, gender: 'girl' as const, province: 'MB', identifiedOn: '2026-11-01', identifyingAgency: 'Demo ICE unit' };

describe('identified victims', () => {
  it('accepts a pseudonymous record and starts it pending for ICSE', () => {
    expect(recordIdentification(base).icse).toEqual({ state: 'pending' });
  });

  it('refuses anything that looks like a name instead of a pseudonym', () => {
    expect(() => recordIdentification({ ...base, pseudonym: 'Jane Doe' })).toThrow(ValidationError);
  });

  it('moves through ICSE states in order, acceptance carrying the INTERPOL reference', () => {
    const submitted = advanceIcse(recordIdentification(base), 'submitted');
    expect(() => advanceIcse(submitted, 'accepted')).toThrow(/interpolReference/);
    expect(advanceIcse(submitted, 'accepted', 'ICSE-123').icse).toEqual({ state: 'accepted', interpolReference: 'ICSE-123' });
    expect(() => advanceIcse(recordIdentification(base), 'accepted', 'x')).toThrow(ConflictError);
  });
});
