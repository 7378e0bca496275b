import { newPseudonym, PSEUDONYM_PATTERN } from './pseudonym';

describe('victim pseudonyms', () => {
  it('are VIC- and 8 unambiguous capitals or digits, as the API requires', () => {
    const made = Array.from({ length: 200 }, () => newPseudonym());
    for (const pseudonym of made) {
      expect(pseudonym).toMatch(PSEUDONYM_PATTERN);
      expect(pseudonym).toMatch(/^VIC-[A-HJ-NP-Z2-9]{8}$/);
    }
    expect(new Set(made).size).toBe(made.length);
  });

  it('come from the random source it is given', () => {
    expect(newPseudonym((bytes) => bytes.fill(0))).toBe('VIC-AAAAAAAA');
    expect(newPseudonym((bytes) => bytes.fill(31))).toBe('VIC-99999999');
  });
});
