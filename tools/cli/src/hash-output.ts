import type { HashFileResult, PdqDihedralName } from '@vigil/hashes';

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

export interface HashRow {
  readonly path: string;
  readonly result: HashFileResult;
}

/** Backslash-escapes what would break a TSV line (tab, newline, carriage return, backslash). */
export function escapeTsv(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] ?? c);
}

export function tsvHeader(dihedral: boolean): string {
  const columns = ['path', 'md5', 'sha1', 'sha256', 'pdq', ...(dihedral ? DIHEDRAL_COLUMNS.map(([name]) => name) : []), 'quality', 'error'];
  return columns.join('\t') + '\n';
}

export function tsvRow({ path, result }: HashRow, dihedral: boolean): string {
  const dihedralCells = dihedral ? DIHEDRAL_COLUMNS.map(([, key]) => result.dihedral?.[key].toHex() ?? '') : [];
  const cells = [
    escapeTsv(path),
    result.md5 ?? '',
    result.sha1 ?? '',
    result.sha256 ?? '',
    result.pdq?.toHex() ?? '',
    ...dihedralCells,
    result.quality === undefined ? '' : String(result.quality),
    result.error ? escapeTsv(`${result.error.kind}: ${result.error.message}`) : '',
  ];
  return cells.join('\t') + '\n';
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

export function jsonRow({ path, result }: HashRow, dihedral: boolean): HashJson {
  const base = {
    path,
    md5: result.md5 ?? null,
    sha1: result.sha1 ?? null,
    sha256: result.sha256 ?? null,
    bytes: result.bytes ?? null,
    pdq: result.pdq?.toHex() ?? null,
    quality: result.quality ?? null,
  };
  const error = result.error ? { kind: result.error.kind, message: result.error.message } : null;
  if (!dihedral) return { ...base, error };
  const hashes = result.dihedral;
  const dihedralJson = hashes ? Object.fromEntries(DIHEDRAL_COLUMNS.map(([name, key]) => [name, hashes[key].toHex()])) : null;
  return { ...base, dihedral: dihedralJson, error };
}
