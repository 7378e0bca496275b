import { nonPublicAddressKind, parseIpAddress } from './ip-address';

describe('parseIpAddress', () => {
  it('reads IPv4 and IPv6 as numbers', () => {
    expect(parseIpAddress('198.51.100.7')).toEqual({ version: 4, value: 0xc6336407n, text: '198.51.100.7' });
    expect(parseIpAddress('0.0.0.0')?.value).toBe(0n);
    expect(parseIpAddress('255.255.255.255')?.value).toBe(0xffffffffn);
    expect(parseIpAddress('2001:db8::1')).toEqual({ version: 6, value: (0x20010db8n << 96n) | 1n, text: '2001:db8:0:0:0:0:0:1' });
    expect(parseIpAddress('::')?.value).toBe(0n);
    expect(parseIpAddress('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')?.value).toBe((1n << 128n) - 1n);
    expect(parseIpAddress('[2001:DB8::A]')?.text).toBe('2001:db8:0:0:0:0:0:a');
    expect(parseIpAddress('64:ff9b::192.0.2.33')?.value).toBe((0x64ff9bn << 96n) | 0xc0000221n);
  });

  it('reads an IPv4-mapped IPv6 address as the IPv4 address it carries', () => {
    expect(parseIpAddress('::ffff:198.51.100.7')).toEqual({ version: 4, value: 0xc6336407n, text: '198.51.100.7' });
  });

  it.each(['', 'not-an-ip', '256.1.1.1', '1.2.3', '01.2.3.4', '1:2:3:4:5:6:7:8:9', '2001:db8::1::2', '12345::', 'fe80::1%eth0', '1:2:3:4:5:6:7'])('refuses %j', (text) => {
    expect(parseIpAddress(text)).toBeUndefined();
  });
});

describe('nonPublicAddressKind', () => {
  it.each([
    ['10.0.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['169.254.10.10', 'link-local'],
    ['239.1.1.1', 'multicast or reserved'],
    ['::1', 'unspecified or loopback'],
    ['fd12:3456::1', 'unique local'],
    ['fe80::1', 'link-local'],
  ])('%s is %s', (text, kind) => {
    expect(nonPublicAddressKind(parseIpAddress(text)!)).toBe(kind);
  });

  it.each(['172.32.0.1', '198.51.100.7', '8.8.8.8', '2001:db8::1'])('%s is public', (text) => {
    expect(nonPublicAddressKind(parseIpAddress(text)!)).toBeUndefined();
  });
});
