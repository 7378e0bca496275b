import { ConflictError, ValidationError } from '@vigil/kernel';
import { correctEntry, disableEntry, disableHasExpired, enableEntry, entryStatus, reenableIfExpired } from './entry-lifecycle';
import type { HashEntryProps } from './hash-bank';

const entry: HashEntryProps = { id: 'e1', bankId: 'b', hashType: 'md5', value: 'a'.repeat(32), classification: 'csam-a1', victimIdentified: false, addedBy: 'x', addedAt: '2026-01-01T00:00:00.000Z' };
const at = new Date('2026-03-01T12:00:00Z');

describe('entry lifecycle: disable with a reason, enable, expiry, corrections', () => {
  it('disables with who, when, why and until when; enabling clears all of it', () => {
    const disabled = disableEntry(entry, { reason: '  false positive  ', by: 'curator', at, until: new Date('2026-04-01T00:00:00Z') });
    expect(disabled).toMatchObject({ disabledAt: at.toISOString(), disabledReason: 'false positive', disabledBy: 'curator', disabledUntil: '2026-04-01T00:00:00.000Z' });
    expect(entryStatus(disabled)).toBe('disabled');
    expect(enableEntry(disabled)).toEqual(entry);
    expect(entryStatus(enableEntry(disabled))).toBe('active');
  });

  it('refuses a disable without a reason or with an expiry in the past, and double disables or enables', () => {
    expect(() => disableEntry(entry, { reason: ' ', by: 'c', at })).toThrow(new ValidationError('reason: say why the entry is disabled', 'reason'));
    expect(() => disableEntry(entry, { reason: 'r', by: 'c', at, until: at })).toThrow(new ValidationError('expiresAt: must be in the future', 'expiresAt'));
    const disabled = disableEntry(entry, { reason: 'r', by: 'c', at });
    expect(() => disableEntry(disabled, { reason: 'again', by: 'c', at })).toThrow(ConflictError);
    expect(() => enableEntry(entry)).toThrow(ConflictError);
  });

  it('re-enables on expiry only once the expiry has passed, and never a disable without one', () => {
    const temporary = disableEntry(entry, { reason: 'r', by: 'c', at, until: new Date('2026-03-02T00:00:00Z') });
    expect(disableHasExpired(temporary, new Date('2026-03-01T23:59:59Z'))).toBe(false);
    expect(reenableIfExpired(temporary, new Date('2026-03-01T23:59:59Z'))).toBeUndefined();
    expect(reenableIfExpired(temporary, new Date('2026-03-02T00:00:00Z'))).toEqual(entry);
    const permanent = disableEntry(entry, { reason: 'r', by: 'c', at });
    expect(reenableIfExpired(permanent, new Date('2100-01-01T00:00:00Z'))).toBeUndefined();
  });

  it('corrects classification (normalised), series, flag and notes, and clears with empty strings', () => {
    const corrected = correctEntry({ ...entry, series: 'S', notes: 'n' }, { classification: 'B1', series: '', victimIdentified: true, notes: ' new ' });
    expect(corrected).toMatchObject({ classification: 'csam-b1', series: undefined, victimIdentified: true, notes: 'new' });
    expect(() => correctEntry(entry, { classification: 'csam-z9' })).toThrow(ValidationError);
  });
});
