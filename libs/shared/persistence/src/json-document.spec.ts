import { jsonDocument } from './json-document';

describe('jsonDocument', () => {
  it('is the rows as JSON, nested values kept as JSON', () => {
    const rows = [{ id: 'a', urls: [{ url: 'https://example.org/"x"' }], at: new Date('2026-12-07T06:00:00Z'), none: null }];
    expect(JSON.parse(jsonDocument(rows))).toEqual([{ id: 'a', urls: [{ url: 'https://example.org/"x"' }], at: '2026-12-07T06:00:00.000Z', none: null }]);
  });

  it('replaces lone surrogates with U+FFFD, as the UTF-8 encoder does for a text parameter, and keeps pairs', () => {
    const document = jsonDocument([{ lone: 'a\ud800b', low: '\udc00', pair: '😀' }]);
    expect(document).not.toMatch(/\\ud[89a-f]/i);
    expect(JSON.parse(document)).toEqual([{ lone: 'a\ufffdb', low: '\ufffd', pair: '😀' }]);
  });
});
