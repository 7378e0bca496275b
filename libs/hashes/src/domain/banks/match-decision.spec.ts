import { ValidationError } from '@vigil/kernel';
import { normaliseHashValue, type HashBankProps, type HashEntryProps } from './hash-bank';
import { decideMatch } from './match-decision';

const bank = (kind: HashBankProps['kind'], pdqThreshold = 31): HashBankProps => ({ id: `b-${kind}`, name: `${kind} bank`, kind, source: 's', terms: 't', owner: 'o', pdqThreshold, createdAt: '2026-01-01T00:00:00Z' });
const entry = (hashType: HashEntryProps['hashType'], extra: Partial<HashEntryProps> = {}): HashEntryProps => ({
  id: `e-${hashType}`, bankId: 'b', hashType, value: 'v', classification: 'csam-a1', victimIdentified: false, addedBy: 'x', addedAt: '2026-01-01T00:00:00Z', ...extra,
});

describe('decideMatch', () => {
  it('reports no match without candidates', () => {
    expect(decideMatch([])).toEqual({ matched: false });
  });

  it('prefers an exact digest over a PDQ near match and says why', () => {
    const decision = decideMatch([
      { bank: bank('positive'), entry: entry('pdq'), distance: 4 },
      { bank: bank('positive'), entry: entry('sha256'), distance: 0 },
    ]);
    expect(decision.best?.kind).toBe('exact');
    expect(decision.best?.reason).toMatch(/sha256 equal to entry e-sha256/);
  });

  it('ignores PDQ candidates beyond the bank threshold', () => {
    expect(decideMatch([{ bank: bank('positive', 10), entry: entry('pdq'), distance: 11 }]).matched).toBe(false);
    expect(decideMatch([{ bank: bank('positive', 10), entry: entry('pdq'), distance: 10 }]).best?.reason).toMatch(/within 10 bits \(threshold 10\)/);
  });

  it('lets a negative bank (known false positive) suppress a match', () => {
    const decision = decideMatch([
      { bank: bank('positive'), entry: entry('sha256'), distance: 0 },
      { bank: bank('negative'), entry: entry('md5'), distance: 0 },
    ]);
    expect(decision.matched).toBe(false);
    expect(decision.suppressedBy?.bank.kind).toBe('negative');
  });

  it('lets a negative PDQ entry suppress only within its own bank threshold', () => {
    const positive = { bank: bank('positive', 31), entry: entry('pdq'), distance: 20 };
    expect(decideMatch([positive, { bank: bank('negative', 10), entry: entry('pdq'), distance: 15 }]).matched).toBe(true);
    expect(decideMatch([positive, { bank: bank('negative', 10), entry: entry('pdq'), distance: 9 }]).matched).toBe(false);
  });

  it('skips disabled entries', () => {
    expect(decideMatch([{ bank: bank('positive'), entry: entry('sha256', { disabledAt: '2026-02-01T00:00:00Z' }), distance: 0 }]).matched).toBe(false);
  });
});

describe('normaliseHashValue', () => {
  it('lowercases valid hex and names the field when the length is wrong', () => {
    expect(normaliseHashValue('md5', 'ABCDEF0123456789ABCDEF0123456789')).toBe('abcdef0123456789abcdef0123456789');
    expect(() => normaliseHashValue('sha256', 'abc')).toThrow(ValidationError);
    expect(() => normaliseHashValue('sha256', 'abc')).toThrow(/value: a sha256 hash is 64 hexadecimal characters/);
  });
});
