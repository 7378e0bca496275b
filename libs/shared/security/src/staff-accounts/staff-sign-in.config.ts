import { integerSetting } from '@vigil/kernel';

export interface StaffSignInPolicy {
  /** Every account must sign in with a TOTP code; one not enrolled yet gets a token that can only enrol. */
  requireTotp: boolean;
  /** Consecutive failed sign-ins (wrong password or code) that lock an account. */
  lockoutThreshold: number;
  lockoutMinutes: number;
}

export const DEFAULT_LOCKOUT_THRESHOLD = 5;
export const DEFAULT_LOCKOUT_MINUTES = 15;

/**
 * Reads STAFF_REQUIRE_TOTP, STAFF_LOCKOUT_THRESHOLD and STAFF_LOCKOUT_MINUTES, refusing a bad
 * value at start. TOTP is required by default, except with the demo users (embedded mode,
 * VIGIL_DEMO_USERS), whose point is to sign in with nothing but the printed password.
 */
export function staffSignInPolicyFromEnv(env: Record<string, string | undefined>, options: { demoUsers: boolean }): StaffSignInPolicy {
  return {
    requireTotp: booleanSetting(env, 'STAFF_REQUIRE_TOTP', !options.demoUsers),
    lockoutThreshold: integerSetting(env, 'STAFF_LOCKOUT_THRESHOLD', { fallback: DEFAULT_LOCKOUT_THRESHOLD, min: 1, max: 100 }),
    lockoutMinutes: integerSetting(env, 'STAFF_LOCKOUT_MINUTES', { fallback: DEFAULT_LOCKOUT_MINUTES, min: 1, max: 24 * 60, unit: 'minutes' }),
  };
}

function booleanSetting(env: Record<string, string | undefined>, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new Error(`${name} must be true or false, not "${env[name]}"`);
}
