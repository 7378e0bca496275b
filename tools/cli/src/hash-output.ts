import { HashFileResult, HashVideoResult, PdqDihedralName, VideoStreamInfo, VpdqFeatureJson, vpdqFeatureToJson } from '@vigil/hashes';

/** Dihedral columns after `pdq`, named as in the reference's --pdqdih-across output. */
export const DIHEDRAL_COLUMNS: ReadonlyArray<readonly [string, PdqDihedralName]> = [
  ['rot90', 'rotate90'],
  ['rot180', 'rotate180'],
  ['rot270', 'rotate270'],
  ['flipx', 'flipX'],
  ['flipy', 'flipY'],
  ['flipplus1', 'flipPlus1'],
  ['flipminus1', 'flipMinus1'],
];

/** One input file: an image (or anything not a video) hashed by PDQ, or a video hashed by vPDQ. */
export type HashRow =
  | { readonly path: string; readonly kind: 'file'; readonly result: HashFileResult }
  | { readonly path: string; readonly kind: 'video'; readonly result: HashVideoResult };

/** Backslash-escapes what would break a TSV line (tab, newline, carriage return, backslash). */
export function escapeTsv(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] ?? c);
}

export function tsvHeader(dihedral: boolean): string {
  const columns = ['path', 'md5', 'sha1', 'sha256', 'pdq', ...(dihedral ? DIHEDRAL_COLUMNS.map(([name]) => name) : []), 'quality', 'error'];
  return columns.join('\t') + '\n';
}

function errorCell(error: { readonly kind: string; readonly message: string } | undefined): string {
  return error ? escapeTsv(`${error.kind}: ${error.message}`) : '';
}

/** A video's row has its digests and leaves pdq and quality empty: its frame hashes are in --vpdq or JSON output. */
export function tsvRow(row: HashRow, dihedral: boolean): string {
  const { result } = row;
  const image = row.kind === 'file' ? row.result : undefined;
  const dihedralCells = dihedral ? DIHEDRAL_COLUMNS.map(([, key]) => image?.dihedral?.[key].toHex() ?? '') : [];
  const cells = [
    escapeTsv(row.path),
    result.md5 ?? '',
    result.sha1 ?? '',
    result.sha256 ?? '',
    image?.pdq?.toHex() ?? '',
    ...dihedralCells,
    image?.quality === undefined ? '' : String(image.quality),
    errorCell(result.error),
  ];
  return cells.join('\t') + '\n';
}

/** `--vpdq` output: one row per hashed video frame; an image is one row without frame and timestamp. */
export function vpdqTsvHeader(): string {
  return ['path', 'frame', 'timestamp', 'pdq', 'quality', 'error'].join('\t') + '\n';
}

export function vpdqTsvRows(row: HashRow): string {
  const path = escapeTsv(row.path);
  const line = (cells: readonly string[]): string => [path, ...cells].join('\t') + '\n';
  if (row.kind === 'file') {
    const { pdq, quality, error } = row.result;
    return line(['', '', pdq?.toHex() ?? '', quality === undefined ? '' : String(quality), errorCell(error)]);
  }
  const { frames, error } = row.result;
  if (error || !frames) return line(['', '', '', '', errorCell(error)]);
  return frames.map((frame) => line([String(frame.frameNumber), frame.timestampSeconds.toFixed(3), frame.pdq.toHex(), String(frame.quality), ''])).join('');
}

export interface HashJson {
  readonly path: string;
  readonly md5: string | null;
  readonly sha1: string | null;
  readonly sha256: string | null;
  readonly bytes: number | null;
  readonly pdq: string | null;
  readonly quality: number | null;
  readonly dihedral?: Record<string, string> | null;
  readonly error: { readonly kind: string; readonly message: string } | null;
}

/** A video's object: pdq and quality are null; its stream and vPDQ frames are added. */
export interface VideoHashJson extends HashJson {
  readonly video: VideoStreamInfo | null;
  readonly frames: VpdqFeatureJson[] | null;
}

export function jsonRow(row: HashRow, dihedral: boolean): HashJson | VideoHashJson {
  const { path, result } = row;
  const image = row.kind === 'file' ? row.result : undefined;
  const base = {
    path,
    md5: result.md5 ?? null,
    sha1: result.sha1 ?? null,
    sha256: result.sha256 ?? null,
    bytes: result.bytes ?? null,
    pdq: image?.pdq?.toHex() ?? null,
    quality: image?.quality ?? null,
  };
  const error = result.error ? { kind: result.error.kind, message: result.error.message } : null;
  if (row.kind === 'video') {
    const { video, frames } = row.result;
    return { ...base, ...(dihedral ? { dihedral: null } : {}), video: video ?? null, frames: frames?.map(vpdqFeatureToJson) ?? null, error };
  }
  if (!dihedral) return { ...base, error };
  const hashes = image?.dihedral;
  const dihedralJson = hashes ? Object.fromEntries(DIHEDRAL_COLUMNS.map(([name, key]) => [name, hashes[key].toHex()])) : null;
  return { ...base, dihedral: dihedralJson, error };
}
