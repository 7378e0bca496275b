import { integerSetting } from '@vigil/kernel';

export interface TriageConfig {
  /** TIPLINE_CLAIM_MINUTES: how long an analyst's claim on a report holds (default 30). */
  claimMinutes: number;
}

export function triageConfigFromEnv(env: NodeJS.ProcessEnv): TriageConfig {
  return { claimMinutes: integerSetting(env, 'TIPLINE_CLAIM_MINUTES', { fallback: 30, min: 1, max: 24 * 60, unit: 'minutes' }) };
}
