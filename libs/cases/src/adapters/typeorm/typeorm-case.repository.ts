import type { TransactionRunner } from '@vigil/persistence';
import type { Case, CaseReport, CaseSnapshot } from '../../domain/case';
import type { CaseRepository } from '../../ports/case.repository';

interface CaseRow {
  id: string;
  reference: string;
  status: CaseSnapshot['status'];
  opened_at: Date;
  reports: CaseReport[];
}

/**
 * Cases and their reports. `case_reports.source_report_id` is unique, so a source report
 * can sit in one case only: the database, not just the inbox, refuses a second case.
 */
export class TypeOrmCaseRepository implements CaseRepository {
  constructor(private readonly transactions: TransactionRunner, private readonly schema: string) {}

  async nextSequence(year: number): Promise<number> {
    const rows: Array<{ value: string }> = await this.transactions.manager.query(
      `INSERT INTO "${this.schema}".case_sequences (year, value) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET value = "${this.schema}".case_sequences.value + 1 RETURNING value::text`,
      [year],
    );
    return Number(rows[0].value);
  }

  async insertIfReportIsNew(kase: Case): Promise<boolean> {
    const state = kase.snapshot();
    return this.transactions.run(async (manager) => {
      const ids = state.reports.map((report) => report.sourceReportId);
      const existing: unknown[] = await manager.query(`SELECT 1 FROM "${this.schema}".case_reports WHERE source_report_id = ANY($1::text[])`, [ids]);
      if (existing.length > 0) return false;
      await manager.query(`INSERT INTO "${this.schema}".cases (id, reference, status, opened_at) VALUES ($1, $2, $3, $4)`, [
        state.id,
        state.reference,
        state.status,
        state.openedAt,
      ]);
      for (const report of state.reports) {
        await manager.query(`INSERT INTO "${this.schema}".case_reports (case_id, source_report_id, origin, report) VALUES ($1, $2, $3, $4)`, [
          state.id,
          report.sourceReportId,
          report.origin,
          JSON.stringify(report),
        ]);
      }
      return true;
    });
  }

  async findById(id: string): Promise<CaseSnapshot | undefined> {
    return (await this.select('WHERE c.id = $1', [id], 1))[0];
  }

  async list(limit: number): Promise<CaseSnapshot[]> {
    return this.select('', [], limit);
  }

  private async select(where: string, params: unknown[], limit: number): Promise<CaseSnapshot[]> {
    const rows: CaseRow[] = await this.transactions.manager.query(
      `SELECT c.id, c.reference, c.status, c.opened_at,
              coalesce(jsonb_agg(r.report ORDER BY r.added_at) FILTER (WHERE r.case_id IS NOT NULL), '[]') AS reports
         FROM "${this.schema}".cases c LEFT JOIN "${this.schema}".case_reports r ON r.case_id = c.id
         ${where} GROUP BY c.id ORDER BY c.opened_at DESC LIMIT ${Number(limit)}`,
      params,
    );
    return rows.map((row) => ({ id: row.id, reference: row.reference, status: row.status, openedAt: new Date(row.opened_at).toISOString(), reports: row.reports }));
  }
}
