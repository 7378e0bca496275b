import { blocklistText } from './blocklist';
import { newNotice } from './notice';
import { noticeDocument } from './notice-document';

const url = { url: 'https://files.example.org/a.jpg', host: 'files.example.org', classification: 'csam-a1', firstReportedAt: '2026-11-23T09:00:00.000Z' };
const provider = { id: 'p1', name: 'Example Hosting Ltd' };

describe('notice document', () => {
  it('carries the URL, classification, dates and the notice reference, field by field', () => {
    const notice = newNotice({ id: 'n1', urlId: 'u1', providerId: 'p1', at: new Date('2026-11-23T10:00:00Z'), issuedBy: 'analyst', reason: 'confirmed' });
    const document = noticeDocument({ notice, url, provider });
    expect(document.json).toEqual({
      type: 'vigil.takedown-notice',
      version: 1,
      noticeId: 'n1',
      attempt: 1,
      url: 'https://files.example.org/a.jpg',
      host: 'files.example.org',
      classification: 'csam-a1',
      firstReportedAt: '2026-11-23T09:00:00.000Z',
      noticeIssuedAt: '2026-11-23T10:00:00.000Z',
      provider: { id: 'p1', name: 'Example Hosting Ltd' },
    });
    expect(document.subject).toBe('Takedown notice n1: files.example.org');
    expect(document.text).toContain('    https://files.example.org/a.jpg');
    expect(document.text).toContain('(classification: csam-a1)');
    expect(document.text).toContain('Notice reference: n1 (attempt 1)');
  });

  it('says when it is a reminder', () => {
    const notice = { ...newNotice({ id: 'n1', urlId: 'u1', providerId: 'p1', at: new Date('2026-11-23T10:00:00Z'), issuedBy: 'a', reason: 'r' }), attempts: 2 };
    const document = noticeDocument({ notice, url: { ...url, classification: undefined }, provider });
    expect(document.attempt).toBe(3);
    expect(document.subject).toBe('Takedown notice n1 – reminder 2: files.example.org');
    expect(document.json.classification).toBeNull();
    expect(document.text).not.toContain('classification:');
  });
});

describe('blocklist text', () => {
  it('is one URL a line, sorted, without duplicates, under a comment header', () => {
    const entry = (value: string) => ({ url: value, host: 'h', firstReportedAt: 't' });
    expect(blocklistText([entry('https://b.example/2'), entry('https://a.example/1'), entry('https://b.example/2')], new Date('2026-11-23T10:00:00Z'))).toBe(
      '# Vigil blocklist generated 2026-11-23T10:00:00.000Z: 2 URLs still online\nhttps://a.example/1\nhttps://b.example/2\n',
    );
  });
});
