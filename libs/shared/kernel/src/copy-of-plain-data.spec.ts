import fc from 'fast-check';
import { copyOfPlainData } from './copy-of-plain-data';

describe('copyOfPlainData', () => {
  it('makes the same copy as structuredClone of any JSON-like value, undefined-valued keys included', () => {
    const plain = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.string(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null), fc.constant(undefined), tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
    })).value;
    // Compared as text with `undefined` spelled out: structuredClone's objects come from another realm under Jest.
    const text = (value: unknown) => JSON.stringify(value, (_key, inner: unknown) => (inner === undefined ? '<undefined>' : inner));
    fc.assert(fc.property(plain, (value) => expect(text(copyOfPlainData(value))).toBe(text(structuredClone(value)))));
  });

  it('keeps a key named __proto__ as a key, never as the copy’s prototype (fast-check found it: {"__proto__":0} came back as {})', () => {
    const original = JSON.parse('{"__proto__":{"isAdmin":true},"name":"x"}') as Record<string, unknown>;
    const copy = copyOfPlainData(original);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect((copy as { isAdmin?: unknown }).isAdmin).toBeUndefined();
    expect(Object.keys(copy)).toEqual(['__proto__', 'name']);
    expect(JSON.stringify(copy)).toBe('{"__proto__":{"isAdmin":true},"name":"x"}');
    expect(JSON.stringify(copyOfPlainData(JSON.parse('{"__proto__":0}')))).toBe('{"__proto__":0}');
  });

  it('shares nothing with the original', () => {
    const original = { urls: ['https://example.org/a'], media: [{ sha256: 'a'.repeat(64), match: { reason: 'sha256 equal' } }] };
    const copy = copyOfPlainData(original);
    copy.urls.push('https://example.org/b');
    copy.media[0].match.reason = 'changed';
    expect(original).toEqual({ urls: ['https://example.org/a'], media: [{ sha256: 'a'.repeat(64), match: { reason: 'sha256 equal' } }] });
  });

  it('copies what is not plain data (a Date) as structuredClone does', () => {
    const at = new Date('2026-12-07T05:00:00Z');
    const copy = copyOfPlainData({ at });
    expect(Object.prototype.toString.call(copy.at)).toBe('[object Date]');
    expect(copy.at).not.toBe(at);
    expect(copy.at.getTime()).toBe(at.getTime());
  });
});
