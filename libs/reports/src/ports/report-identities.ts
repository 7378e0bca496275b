/** Where new report ids and reporter-facing references come from (random in production, fixed in tests). */
export interface ReportIdentities {
  newId(): string;
  newReference(): string;
}

export const REPORT_IDENTITIES = Symbol('ReportIdentities');
