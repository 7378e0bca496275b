import { ValidationError } from '@vigil/kernel';

export interface TriageConfig {
  /** TIPLINE_CLAIM_MINUTES: how long an analyst's claim on a report holds (default 30). */
  claimMinutes: number;
}

export function triageConfigFromEnv(env: NodeJS.ProcessEnv): TriageConfig {
  const raw = env['TIPLINE_CLAIM_MINUTES'];
  const claimMinutes = raw === undefined || raw === '' ? 30 : Number(raw);
  if (!Number.isInteger(claimMinutes) || claimMinutes < 1 || claimMinutes > 24 * 60) {
    throw new ValidationError(`TIPLINE_CLAIM_MINUTES: a whole number of minutes from 1 to 1440, not "${raw}"`, 'TIPLINE_CLAIM_MINUTES');
  }
  return { claimMinutes };
}
