import { ValidationError } from '@vigil/kernel';
import { changeBank, industryCategoryOf, normaliseClassification, parseClassification, validateBank, type HashBankProps } from './hash-bank';

describe('classifications', () => {
  it.each([
    ['csam-a1', 'csam-a1'],
    [' CSAM-B2 ', 'csam-b2'],
    ['a2', 'csam-a2'],
    ['B1', 'csam-b1'],
    ['csam', 'csam'],
    ['harmful-abusive-material', 'harmful-abusive-material'],
    ['cgi-animation', 'cgi-animation'],
    ['not-csam', 'not-csam'],
  ])('reads %j as %j', (input, expected) => {
    expect(parseClassification(input)).toBe(expected);
  });

  it.each(['', 'csam-a3', 'csam-x', 'C1', 'Child abuse', 'two  words', '-leading', 'a'.repeat(65)])('refuses %j', (input) => {
    expect(parseClassification(input)).toBeUndefined();
    expect(() => normaliseClassification(input)).toThrow(ValidationError);
  });

  it('gives the industry code of graded CSAM only', () => {
    expect(industryCategoryOf('csam-b2')).toBe('B2');
    expect(industryCategoryOf('csam')).toBeUndefined();
    expect(industryCategoryOf('harmful-abusive-material')).toBeUndefined();
  });
});

describe('bank settings', () => {
  const bank: HashBankProps = { id: 'b', name: 'Bank', kind: 'positive', source: 's', terms: 't', owner: 'o', pdqThreshold: 31, createdAt: '2026-01-01T00:00:00.000Z' };

  it('changes threshold and provenance, keeping what was not given', () => {
    expect(changeBank(bank, { pdqThreshold: 12, owner: ' New owner ', terms: undefined })).toEqual({ ...bank, pdqThreshold: 12, owner: 'New owner' });
  });

  it('keeps the PDQ threshold within 0–31 and provenance non-empty', () => {
    expect(() => changeBank(bank, { pdqThreshold: 32 })).toThrow(new ValidationError('pdqThreshold: must be an integer from 0 to 31', 'pdqThreshold'));
    expect(() => changeBank(bank, { pdqThreshold: -1 })).toThrow(ValidationError);
    expect(() => changeBank(bank, { pdqThreshold: 1.5 })).toThrow(ValidationError);
    expect(() => validateBank({ ...bank, terms: ' ' })).toThrow(new ValidationError("terms: a bank's provenance needs its terms", 'terms'));
    expect(changeBank(bank, { pdqThreshold: 31 }).pdqThreshold).toBe(31);
  });
});
