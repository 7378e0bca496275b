import type { ReporterContact } from '../domain/public-report-details';

/**
 * The way back to a public reporter: the hash of their follow-up secret and, if they chose to
 * give it, their contact. Both are kept apart from the report (their own table) so they never
 * travel with the report, its events, its logs or its list views; the contact is read through
 * `contactOf` only, which is where a field cipher wraps it.
 */
export interface ReporterChannel {
  /** In the caller's transaction (the report's). */
  open(reportId: string, channel: { secretHash: string; contact?: ReporterContact }): Promise<void>;
  secretHashOf(reportId: string): Promise<string | undefined>;
  contactOf(reportId: string): Promise<ReporterContact | undefined>;
}

export const REPORTER_CHANNEL = Symbol('ReporterChannel');
