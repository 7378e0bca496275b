import { ValidationError } from '@vigil/kernel';

/**
 * Where single sign-on hands a browser UI its token: a path on this service, never another
 * origin. `//host` and `/\host` are read by browsers as another host, so only a plain path of
 * unreserved characters is taken; no query (the token goes in the fragment, which never reaches
 * a server or its logs).
 */
const SAME_ORIGIN_PATH = /^\/(?![/\\])[A-Za-z0-9\-._~/]*$/;
const MAX_LENGTH = 200;

export function parseReturnTo(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || value.length > MAX_LENGTH || !SAME_ORIGIN_PATH.test(value)) {
    throw new ValidationError(`returnTo: must be a path on this service such as "/" (letters, digits, - . _ ~ /; at most ${MAX_LENGTH} characters), not another site`, 'returnTo');
  }
  return value;
}

/** The UI's landing fragment: `#/signed-in?token=…` on success, `?error=…` when the sign-in failed. */
export function signedInLocation(returnTo: string, outcome: { token: string } | { error: string }): string {
  const fragment = new URLSearchParams('token' in outcome ? { token: outcome.token } : { error: outcome.error });
  return `${returnTo}#/signed-in?${fragment.toString()}`;
}
