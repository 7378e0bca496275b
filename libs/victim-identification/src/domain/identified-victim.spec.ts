import { ConflictError, ValidationError } from '@vigil/kernel';
import { advanceIcse, recordIdentification, type RecordIdentification } from './identified-victim';

const reference = { isPoliceService: (id: string) => id === 'manitoba-ice', isProvince: (code: string) => ['MB', 'ON'].includes(code) };
const at = new Date('2026-11-23T12:00:00Z');
const context = { by: 'victimid', at, reference };
const base: RecordIdentification = {
  id: 'v-1', pseudonym: 'VIC-7K3M9Q', ageBand: '12-14', gender: 'girl', province: 'MB', identifiedOn: '2026-11-01', identifyingAgency: 'manitoba-ice',
  series: [' Sunflower ', 'Sunflower', 'Harbour'], hashes: [{ type: 'sha256', value: 'AB'.repeat(32) }, { type: 'sha256', value: 'ab'.repeat(32) }],
};

describe('identified victims', () => {
  it('records a pseudonymous identification, pending for ICSE, with who recorded it', () => {
    const victim = recordIdentification(base, context);
    expect(victim.icse).toEqual({ state: 'pending' });
    expect(victim.series).toEqual(['Sunflower', 'Harbour']);
    expect(victim.hashes).toEqual([{ type: 'sha256', value: 'ab'.repeat(32) }]);
    expect(victim.history).toEqual([{ at: at.toISOString(), by: 'victimid', change: 'recorded' }]);
    expect(victim.version).toBe(1);
  });

  it('refuses anything that looks like a name instead of a pseudonym', () => {
    expect(() => recordIdentification({ ...base, pseudonym: 'Jane Doe' }, context)).toThrow(ValidationError);
  });

  it.each([
    [{ ageBand: '18-21' }, /^ageBand/],
    [{ gender: 'female' }, /^gender/],
    [{ province: 'XX' }, /^province/],
    [{ identifiedOn: '2026-02-30' }, /^identifiedOn: a calendar date/],
    [{ identifiedOn: '2027-01-01' }, /^identifiedOn: cannot be in the future/],
    [{ identifyingAgency: 'made-up-police' }, /^identifyingAgency: made-up-police is not a police service/],
    [{ hashes: [{ type: 'crc32', value: 'abcd' }] }, /^hashes\.0\.type/],
    [{ hashes: [{ type: 'md5', value: 'abc' }] }, /^hashes\.0\.value: a md5 hash is 32/],
  ])('refuses %j, naming the field', (change, message) => {
    expect(() => recordIdentification({ ...base, ...change } as RecordIdentification, context)).toThrow(message);
  });

  it('moves through ICSE states in order, acceptance carrying the INTERPOL reference, each step in the history', () => {
    const submitted = advanceIcse(recordIdentification(base, context), 'submitted', { by: 'victimid', at });
    expect(submitted.icse).toEqual({ state: 'submitted', submittedAt: at.toISOString() });
    expect(() => advanceIcse(submitted, 'accepted', { by: 'victimid', at })).toThrow(/interpolReference/);
    const accepted = advanceIcse(submitted, 'accepted', { by: 'supervisor', at, interpolReference: ' ICSE-123 ' });
    expect(accepted.icse).toMatchObject({ state: 'accepted', interpolReference: 'ICSE-123', acceptedAt: at.toISOString() });
    expect(accepted.history.map((entry) => [entry.change, entry.by])).toEqual([['recorded', 'victimid'], ['icse-submitted', 'victimid'], ['icse-accepted', 'supervisor']]);
    expect(accepted.version).toBe(3);
    expect(() => advanceIcse(recordIdentification(base, context), 'accepted', { by: 'x', at, interpolReference: 'x' })).toThrow(ConflictError);
    expect(() => advanceIcse(accepted, 'submitted', { by: 'x', at })).toThrow(ConflictError);
  });
});
