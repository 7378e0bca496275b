import { ValidationError } from '@vigil/kernel';

/**
 * The referral version a partner's write is based on, from the `If-Match` header (`"3"`, `W/"3"`
 * or `3`; `*` means any) or a `version` field; undefined when neither is given (no check).
 */
export function expectedVersion(ifMatch: string | undefined, bodyVersion: number | undefined): number | undefined {
  const fromHeader = parseIfMatch(ifMatch);
  if (fromHeader !== undefined && bodyVersion !== undefined && fromHeader !== bodyVersion) {
    throw new ValidationError(`version: the If-Match header says ${fromHeader} and the body says ${bodyVersion}`, 'version');
  }
  return fromHeader ?? bodyVersion;
}

function parseIfMatch(header: string | undefined): number | undefined {
  const value = header?.trim();
  if (!value || value === '*') return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(value);
  if (!match || Number(match[1]) < 1) throw new ValidationError(`If-Match: ${value} is not a referral version (a positive whole number, e.g. "3")`, 'If-Match');
  return Number(match[1]);
}
