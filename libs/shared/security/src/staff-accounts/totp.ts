import { generateSecret, generateURI, verify } from 'otplib';

/** RFC 6238 as authenticator apps expect it: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;

/**
 * One step either side: a phone clock a few seconds off, or a code typed as it turned over.
 * Wider windows only give a guesser more valid codes.
 */
const TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;

/** A new 160-bit secret, base32 as authenticator apps read it. */
export function newTotpSecret(): string {
  return generateSecret();
}

/** The otpauth:// URI an authenticator app scans (as a QR code) or imports. */
export function totpUri(issuer: string, account: string, secret: string): string {
  return generateURI({ issuer, label: account, secret, period: TOTP_PERIOD_SECONDS });
}

/**
 * The time step of `code` when it is valid for `secret` at `now` (within one step) and later
 * than `afterStep`; undefined otherwise. The caller stores the step so the code is not accepted twice.
 */
export async function acceptedTotpStep(secret: string, code: string, now: Date, afterStep?: number): Promise<number | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined;
  const result = await verify({
    secret,
    token: code,
    period: TOTP_PERIOD_SECONDS,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterStep === undefined ? {} : { afterTimeStep: afterStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}
