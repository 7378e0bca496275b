import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { computePdq, computePdqDihedral, PDQ_DIHEDRAL_ORDER } from '../../domain/pdq/pdq-hasher';
import { PdqHash } from '../../domain/pdq/pdq-hash';
import { DecodedImage } from '../../ports/image-decoder';
import { SharpImageDecoder } from './sharp-image-decoder';

/**
 * Meta's reference vectors (shared/reference/pdq, beside the checkout): every row must match
 * bit for bit, hash and quality, when decoded by our sharp adapter and hashed by our float32 PDQ.
 * VIGIL_PDQ_REFERENCE_DIR overrides the location.
 */
const REPO_ROOT = path.resolve(__dirname, '../../../../..');
const REFERENCE_DIR = process.env.VIGIL_PDQ_REFERENCE_DIR ?? path.resolve(REPO_ROOT, '../shared/reference/pdq');

function readTsv(name: string): string[][] {
  const file = path.join(REFERENCE_DIR, name);
  if (!existsSync(file)) {
    // Fail loudly: a missing reference must never turn into a silently green suite.
    throw new Error(`PDQ reference file ${file} is missing (set VIGIL_PDQ_REFERENCE_DIR)`);
  }
  const [, ...rows] = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');
  return rows.map((line) => line.split('\t'));
}

const decoder = new SharpImageDecoder();
const imagePath = (file: string): string => path.join(REFERENCE_DIR, 'images', file);
// From the bytes, as the hash-file use case decodes (plain JPEGs then skip libvips' header pass);
// the path route is checked against it below.
const decodeFile = (file: string): Promise<DecodedImage> => decoder.decode(readFileSync(imagePath(file)));

describe('PDQ against the reference pdq-photo-hasher', () => {
  const rows = readTsv('expected.tsv').map(([file, hex, quality]) => ({ file, hex, quality: Number(quality) }));

  it('has reference rows', () => {
    expect(rows.length).toBeGreaterThan(0);
  });

  it('decodes every reference image to the same pixels from its path as from its bytes', async () => {
    for (const { file } of rows) {
      const [fromBytes, fromPath] = await Promise.all([decodeFile(file), decoder.decode(imagePath(file))]);
      expect({ file, width: fromPath.width, height: fromPath.height, channels: fromPath.channels }).toEqual({
        file,
        width: fromBytes.width,
        height: fromBytes.height,
        channels: fromBytes.channels,
      });
      expect(Buffer.from(fromPath.data).equals(Buffer.from(fromBytes.data))).toBe(true);
    }
  });

  it.each(rows)('$file', async ({ file, hex, quality }) => {
    const result = computePdq(await decodeFile(file));
    expect({ hash: result.hash.toHex(), quality: result.quality }).toEqual({ hash: hex, quality });
  });
});

describe('dihedral PDQ against the reference --pdqdih-across', () => {
  const rows = readTsv('expected-dihedral.tsv').map(([file, ...rest]) => ({
    file,
    hashes: rest.slice(0, 8),
    quality: Number(rest[8]),
  }));

  it('has reference rows', () => {
    expect(rows.length).toBeGreaterThan(0);
  });

  it.each(rows)('$file', async ({ file, hashes, quality }) => {
    const result = computePdqDihedral(await decodeFile(file));
    const actual = PDQ_DIHEDRAL_ORDER.map((name) => result.hashes[name].toHex());
    expect({ hashes: actual, quality: result.quality }).toEqual({ hashes, quality });
  });

  it('derives orig from the same DCT block as the plain hash', async () => {
    const [first] = rows;
    const pixels = await decodeFile(first.file);
    expect(computePdqDihedral(pixels).hashes.original.equals(computePdq(pixels).hash)).toBe(true);
    expect(PdqHash.fromHex(first.hashes[0]).equals(computePdq(pixels).hash)).toBe(true);
  });
});
