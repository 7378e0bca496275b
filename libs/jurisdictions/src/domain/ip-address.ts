/**
 * IP addresses as numbers, so that ranges can be compared and searched. Pure TypeScript (the
 * domain may not use node:net). IPv4-mapped IPv6 addresses (::ffff:192.0.2.1) are read as the
 * IPv4 address they carry, since that is how geolocation data lists them.
 */
export interface IpAddress {
  version: 4 | 6;
  value: bigint;
  /** Canonical text: dotted quad, or lower-case IPv6 without zone. */
  text: string;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseIpv4(text: string): bigint | undefined {
  const match = IPV4.exec(text);
  if (!match) return undefined;
  let value = 0n;
  for (const part of match.slice(1)) {
    if (part.length > 1 && part.startsWith('0')) return undefined; // leading zeros read as octal by some tools
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseGroups(text: string): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  const parts = text.split(':');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 === undefined) return undefined;
      groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
    } else if (/^[0-9a-f]{1,4}$/i.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0]);
  const tail = halves.length === 2 ? parseGroups(halves[1]) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}

export function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

function formatIpv6(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  return groups.join(':');
}

export function parseIpAddress(input: string): IpAddress | undefined {
  const text = input.trim().replace(/^\[(.*)\]$/, '$1');
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { version: 4, value: v4, text: formatIpv4(v4) };
  if (!text.includes(':') || text.includes('%')) return undefined;
  const v6 = parseIpv6(text);
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === 0xffffn) {
    const mapped = v6 & 0xffffffffn;
    return { version: 4, value: mapped, text: formatIpv4(mapped) };
  }
  return { version: 6, value: v6, text: formatIpv6(v6) };
}

/** Ranges that are never on the public Internet: they say nothing about where someone is. */
const NON_PUBLIC: ReadonlyArray<{ version: 4 | 6; prefix: string; bits: number; label: string }> = [
  { version: 4, prefix: '0.0.0.0', bits: 8, label: 'this-network' },
  { version: 4, prefix: '10.0.0.0', bits: 8, label: 'private' },
  { version: 4, prefix: '100.64.0.0', bits: 10, label: 'carrier-grade NAT' },
  { version: 4, prefix: '127.0.0.0', bits: 8, label: 'loopback' },
  { version: 4, prefix: '169.254.0.0', bits: 16, label: 'link-local' },
  { version: 4, prefix: '172.16.0.0', bits: 12, label: 'private' },
  { version: 4, prefix: '192.168.0.0', bits: 16, label: 'private' },
  { version: 4, prefix: '224.0.0.0', bits: 3, label: 'multicast or reserved' },
  { version: 6, prefix: '::', bits: 127, label: 'unspecified or loopback' },
  { version: 6, prefix: 'fc00::', bits: 7, label: 'unique local' },
  { version: 6, prefix: 'fe80::', bits: 10, label: 'link-local' },
  { version: 6, prefix: 'ff00::', bits: 8, label: 'multicast' },
];

/** Why an address is not public ("private", "loopback"...), or undefined when it is public. */
export function nonPublicAddressKind(address: IpAddress): string | undefined {
  const width = address.version === 4 ? 32n : 128n;
  for (const range of NON_PUBLIC) {
    if (range.version !== address.version) continue;
    const start = parseIpAddress(range.prefix)?.value ?? 0n;
    const shift = width - BigInt(range.bits);
    if (address.value >> shift === start >> shift) return range.label;
  }
  return undefined;
}
