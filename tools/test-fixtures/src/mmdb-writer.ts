/**
 * A minimal MaxMind DB (.mmdb) writer for tests: a handful of networks, each with its record,
 * in the format documented at https://maxmind.github.io/MaxMind-DB/ — enough to test code that
 * reads GeoLite2/GeoIP2 files through the `maxmind` package without shipping a real database
 * (none is installed, and real ones are licensed). Not for production data: no pointer
 * deduplication, one record size (24 bits), an IPv6 tree with IPv4 at ::/96 as MaxMind does.
 *
 * Layout: binary search tree | 16 zero bytes | data section | "\xAB\xCD\xEFMaxMind.com" | metadata.
 */
export type MmdbValue = string | number | boolean | MmdbValue[] | { readonly [key: string]: MmdbValue };

export interface MmdbNetwork {
  /** CIDR: "192.0.2.0/24" or "2001:db8::/32". */
  readonly network: string;
  readonly record: MmdbValue;
}

export interface MmdbOptions {
  /** e.g. "GeoLite2-City": readers check it. */
  readonly databaseType: string;
  readonly languages?: string[];
  readonly description?: string;
  readonly buildEpochSeconds?: number;
}

// Data section types (spec "Output Data Section"); extended types are stored as type - 7.
const TYPE = { string: 2, double: 3, uint16: 5, uint32: 6, map: 7, uint64: 9, array: 11, boolean: 14 } as const;
const METADATA_MARKER = Buffer.from('abcdef4d61784d696e642e636f6d', 'hex');
const RECORD_BITS = 24;

function control(type: number, size: number): Buffer {
  const extended = type > 7;
  const head = [(extended ? 0 : type) << 5];
  if (extended) head.push(type - 7);
  // Sizes of 29 and above spill into 1, 2 or 3 following bytes.
  if (size < 29) {
    head[0] |= size;
  } else if (size < 285) {
    head[0] |= 29;
    head.push(size - 29);
  } else if (size < 65_821) {
    head[0] |= 30;
    head.push((size - 285) >> 8, (size - 285) & 0xff);
  } else {
    head[0] |= 31;
    head.push((size - 65_821) >> 16, ((size - 65_821) >> 8) & 0xff, (size - 65_821) & 0xff);
  }
  // The extended type byte comes right after the control byte, before the size bytes.
  return Buffer.from(head);
}

function unsigned(type: number, value: number | bigint): Buffer {
  let rest = BigInt(value);
  const bytes: number[] = [];
  while (rest > 0n) {
    bytes.unshift(Number(rest & 0xffn));
    rest >>= 8n;
  }
  return Buffer.concat([control(type, bytes.length), Buffer.from(bytes)]);
}

function encode(value: MmdbValue): Buffer {
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([control(TYPE.string, bytes.length), bytes]);
  }
  if (typeof value === 'boolean') return control(TYPE.boolean, value ? 1 : 0);
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 0 && value < 2 ** 32) return unsigned(TYPE.uint32, value);
    const bytes = Buffer.alloc(8);
    bytes.writeDoubleBE(value);
    return Buffer.concat([control(TYPE.double, 8), bytes]);
  }
  if (Array.isArray(value)) return Buffer.concat([control(TYPE.array, value.length), ...value.map(encode)]);
  const entries = Object.entries(value);
  return Buffer.concat([control(TYPE.map, entries.length), ...entries.flatMap(([key, item]) => [encode(key), encode(item)])]);
}

/** The network's address as 128 bits (IPv4 at ::/96) and its prefix length in that space. */
function networkBits(cidr: string): { bits: bigint; length: number } {
  const [address, prefix] = cidr.split('/');
  const length = Number(prefix);
  if (address.includes('.')) {
    const octets = address.split('.').map(Number);
    if (octets.length !== 4 || octets.some((octet) => !Number.isInteger(octet) || octet < 0 || octet > 255) || !(length >= 0 && length <= 32)) throw new Error(`bad IPv4 network ${cidr}`);
    return { bits: octets.reduce((sum, octet) => (sum << 8n) | BigInt(octet), 0n), length: 96 + length };
  }
  const [head, tail = ''] = address.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const [h, t] = [groups(head), groups(tail)];
  const all = address.includes('::') ? [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t] : h;
  if (all.length !== 8 || all.some((group) => Number.isNaN(group)) || !(length >= 0 && length <= 128)) throw new Error(`bad IPv6 network ${cidr}`);
  return { bits: all.reduce((sum, group) => (sum << 16n) | BigInt(group), 0n), length };
}

interface TreeNode {
  children: [TreeNode | number | undefined, TreeNode | number | undefined]; // node, data index, or empty
}

export function writeMmdb(networks: readonly MmdbNetwork[], options: MmdbOptions): Buffer {
  const root: TreeNode = { children: [undefined, undefined] };
  networks.forEach(({ network }, dataIndex) => {
    const { bits, length } = networkBits(network);
    if (length === 0) throw new Error('a /0 network cannot be stored below the root');
    let node = root;
    for (let depth = 0; depth < length; depth++) {
      const bit = Number((bits >> BigInt(127 - depth)) & 1n);
      if (depth === length - 1) {
        if (node.children[bit] !== undefined) throw new Error(`${network} overlaps another network`);
        node.children[bit] = dataIndex;
      } else {
        const child = node.children[bit];
        if (typeof child === 'number') throw new Error(`${network} overlaps another network`);
        node = child ?? (node.children[bit] = { children: [undefined, undefined] });
      }
    }
  });

  // Number the nodes breadth first, root 0, as readers start at node 0.
  const nodes: TreeNode[] = [root];
  for (let i = 0; i < nodes.length; i++) for (const child of nodes[i].children) if (child && typeof child === 'object') nodes.push(child);
  const numbers = new Map(nodes.map((node, index) => [node, index]));

  const records = networks.map(({ record }) => encode(record));
  const offsets: number[] = [];
  records.reduce((offset, bytes) => (offsets.push(offset), offset + bytes.length), 0);

  const nodeCount = nodes.length;
  // A record points to a node (< nodeCount), to nothing (= nodeCount) or into the data section
  // (nodeCount + 16 + offset: the 16 accounts for the separator).
  const recordValue = (child: TreeNode | number | undefined): number =>
    child === undefined ? nodeCount : typeof child === 'number' ? nodeCount + 16 + offsets[child] : (numbers.get(child) as number);
  const tree = Buffer.alloc(nodeCount * ((RECORD_BITS * 2) / 8));
  nodes.forEach((node, index) => {
    tree.writeUIntBE(recordValue(node.children[0]), index * 6, 3);
    tree.writeUIntBE(recordValue(node.children[1]), index * 6 + 3, 3);
  });

  const metadata = Buffer.concat([
    control(TYPE.map, 9),
    encode('binary_format_major_version'), unsigned(TYPE.uint16, 2),
    encode('binary_format_minor_version'), unsigned(TYPE.uint16, 0),
    encode('build_epoch'), unsigned(TYPE.uint64, options.buildEpochSeconds ?? 1_700_000_000),
    encode('database_type'), encode(options.databaseType),
    encode('description'), encode({ en: options.description ?? 'synthetic test database' }),
    encode('ip_version'), unsigned(TYPE.uint16, 6),
    encode('languages'), encode(options.languages ?? ['en']),
    encode('node_count'), unsigned(TYPE.uint32, nodeCount),
    encode('record_size'), unsigned(TYPE.uint16, RECORD_BITS),
  ]);
  return Buffer.concat([tree, Buffer.alloc(16), ...records, METADATA_MARKER, metadata]);
}
