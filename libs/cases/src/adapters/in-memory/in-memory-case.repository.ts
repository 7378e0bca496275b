import { Case, type CaseSnapshot } from '../../domain/case';
import type { CaseRepository } from '../../ports/case.repository';

export class InMemoryCaseRepository implements CaseRepository {
  readonly rows: CaseSnapshot[] = [];
  private sequence = 0;

  async nextSequence(): Promise<number> {
    return ++this.sequence;
  }

  async insertIfReportIsNew(kase: Case): Promise<boolean> {
    const state = kase.snapshot();
    const known = new Set(this.rows.flatMap((row) => row.reports.map((report) => report.sourceReportId)));
    if (state.reports.some((report) => known.has(report.sourceReportId))) return false;
    this.rows.push(state);
    return true;
  }

  async findById(id: string): Promise<CaseSnapshot | undefined> {
    return this.rows.find((row) => row.id === id);
  }

  async list(limit: number): Promise<CaseSnapshot[]> {
    return [...this.rows].sort((a, b) => b.openedAt.localeCompare(a.openedAt)).slice(0, limit);
  }
}
