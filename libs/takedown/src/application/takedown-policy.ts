import { DEFAULT_RESEND_POLICY, type ResendPolicy } from '../domain/notice';

/** Timings of the takedown work; the app reads them from its environment. */
export interface TakedownPolicy extends ResendPolicy {
  /** Between removal checks of a URL that is still online. */
  checkIntervalMs: number;
  /** How long a sweep may hold a claimed notice or check before another sweep may take it over. */
  leaseMs: number;
  /** Notices and checks claimed per sweep. */
  batchSize: number;
}

export const DEFAULT_TAKEDOWN_POLICY: TakedownPolicy = {
  ...DEFAULT_RESEND_POLICY,
  checkIntervalMs: 3600_000,
  leaseMs: 5 * 60_000,
  batchSize: 50,
};
