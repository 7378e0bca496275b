import { DEFAULT_ACK_HOURS } from '@vigil/cases';

export interface ReferralSettings {
  /** Hours a police service has to acknowledge a referral before the staff queue re-flags it. */
  ackHours: number;
}

export const REFERRAL_SETTINGS = Symbol('ReferralSettings');

export function referralSettingsFromEnv(env: NodeJS.ProcessEnv): ReferralSettings {
  const raw = env.REFERRAL_ACK_HOURS;
  if (raw === undefined || raw === '') return { ackHours: DEFAULT_ACK_HOURS };
  const hours = Number(raw);
  if (!Number.isFinite(hours) || hours <= 0) throw new Error(`REFERRAL_ACK_HOURS must be a positive number of hours, not "${raw}"`);
  return { ackHours: hours };
}
