import { integerSetting, isId } from '@vigil/kernel';

export interface ReviewConfig {
  /** N: distinct reviewers who must agree before a hash from our review enters a bank. */
  consensus: number;
  /** The bank positive outcomes go to; unset means "Reviewed by Vigil", created on first use. */
  bankId?: string;
  /** Where the tipline's evidence API is (the launcher sets it from the tipline's port when unset). */
  tiplineUrl: string;
}

export const DEFAULT_TIPLINE_URL = 'http://127.0.0.1:3001';

/** Reads the review settings from the environment, failing at start with the variable's name. */
export function readReviewConfig(env: NodeJS.ProcessEnv): ReviewConfig {
  const consensus = integerSetting(env, 'REVIEW_CONSENSUS', { fallback: 2, min: 1, max: 10 });
  const bankId = env.REVIEW_BANK_ID || undefined;
  if (bankId && !isId(bankId)) throw new Error(`REVIEW_BANK_ID must be a bank's UUID, got "${bankId}"`);
  const tiplineUrl = (env.TIPLINE_URL || DEFAULT_TIPLINE_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(tiplineUrl)) throw new Error(`TIPLINE_URL must be an http(s) URL, got "${env.TIPLINE_URL}"`);
  return { consensus, bankId, tiplineUrl };
}
