import { normaliseAccount, normaliseIp, normaliseUrl } from '../../domain/report-identifier';
import { identifiersOfAccounts, identifiersOfReport, normalisePhone } from './extract-identifiers';

describe('report identifiers', () => {
  it('normalises URLs so spelling differences do not hide a link', () => {
    expect(normaliseUrl('HTTPS://Example.ORG:443/a/b/?x=1#frag')).toBe('https://example.org/a/b?x=1');
    expect(normaliseUrl('https://example.org/')).toBe('https://example.org');
    expect(normaliseUrl('ftp://example.org/x')).toBeUndefined();
    expect(normaliseUrl('not a url')).toBeUndefined();
  });

  it('writes phones as E.164, reading national numbers as Canadian, and drops impossible ones', () => {
    expect(normalisePhone('(613) 555-0100')).toBe('+16135550100');
    expect(normalisePhone('+1 613 555 0100')).toBe('+16135550100');
    expect(normalisePhone('+33 1 23 45 67 89')).toBe('+33123456789');
    expect(normalisePhone('12')).toBeUndefined();
  });

  it('keys accounts on platform and username, and cleans IPs', () => {
    expect(normaliseAccount('Snapchat', '@Kid_Lure')).toBe('snapchat:kid_lure');
    expect(normaliseAccount(undefined, 'kid_lure')).toBeUndefined();
    expect(normaliseIp('192.168.001.010')).toBe('192.168.1.10');
    expect(normaliseIp('999.1.1.1')).toBeUndefined();
    expect(normaliseIp('2001:DB8::1')).toBe('2001:db8::1');
  });

  it('extracts every identifier once', () => {
    const fromReport = identifiersOfReport({
      urls: ['https://a.example/x', 'https://A.example/x/'],
      media: [{ mediaId: 'm', filename: 'f', contentType: 'image/png', bytes: 1, sha256: 'A'.repeat(64), md5: 'b'.repeat(32), matchState: 'pending' }],
    });
    expect(fromReport).toEqual([
      { kind: 'url', value: 'https://a.example/x' },
      { kind: 'sha256', value: 'a'.repeat(64) },
    ]);
    const fromAccounts = identifiersOfAccounts([
      { platform: 'Chatly', username: 'u1', emails: ['U1@Mail.example', 'u1@mail.example'], phones: ['613-555-0100'], ips: ['203.0.113.9', 'nonsense'] },
    ]);
    expect(fromAccounts).toEqual([
      { kind: 'account', value: 'chatly:u1' },
      { kind: 'email', value: 'u1@mail.example' },
      { kind: 'phone', value: '+16135550100' },
      { kind: 'ip', value: '203.0.113.9' },
    ]);
  });
});
