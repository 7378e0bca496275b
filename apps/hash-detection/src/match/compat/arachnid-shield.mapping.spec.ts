import { arachnidClassification, base32 } from './arachnid-shield.mapping';

describe('Arachnid Shield mapping', () => {
  it('encodes base32 as RFC 4648 does (its test vectors)', () => {
    const vectors: Array<[string, string]> = [
      ['', ''],
      ['f', 'MY======'],
      ['fo', 'MZXQ===='],
      ['foo', 'MZXW6==='],
      ['foob', 'MZXW6YQ='],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI======'],
    ];
    for (const [text, encoded] of vectors) expect(base32(Buffer.from(text))).toBe(encoded);
    // A SHA-1 (20 bytes) is exactly 32 characters, without padding.
    expect(base32(Buffer.from('da39a3ee5e6b4b0d3255bfef95601890afd80709', 'hex'))).toBe('3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ');
  });

  it('maps the CSAM scale to csam, other known material to harmful-abusive-material, no match to no-known-match', () => {
    expect(arachnidClassification({ matched: true, classification: 'csam-b2' })).toBe('csam');
    expect(arachnidClassification({ matched: true, classification: 'harmful-abusive-material' })).toBe('harmful-abusive-material');
    expect(arachnidClassification({ matched: true, classification: 'exploitative-series-x' })).toBe('harmful-abusive-material');
    expect(arachnidClassification({ matched: false })).toBe('no-known-match');
  });
});
