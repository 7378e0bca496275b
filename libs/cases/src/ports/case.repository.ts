import type { Case, CaseSnapshot } from '../domain/case';

export interface CaseRepository {
  nextSequence(year: number): Promise<number>;
  /** Inserts a case; returns false when a case already holds this source report. */
  insertIfReportIsNew(kase: Case): Promise<boolean>;
  findById(id: string): Promise<CaseSnapshot | undefined>;
  list(limit: number): Promise<CaseSnapshot[]>;
}

export const CASE_REPOSITORY = Symbol('CaseRepository');
