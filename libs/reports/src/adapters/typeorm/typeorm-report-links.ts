import type { TransactionRunner } from '@vigil/persistence';
import type { ReportIdentifier } from '../../domain/report-identifier';
import type { RelatedReport, ReportLinks } from '../../ports/report-links';

interface RelatedRow {
  id: string;
  reference: string;
  incident_type: RelatedReport['incidentType'];
  source: RelatedReport['source'];
  status: RelatedReport['status'];
  priority: RelatedReport['priority'];
  received_at: Date;
  shared: RelatedReport['shared'];
}

/** report_identifiers: (report, kind, value), indexed on (kind, value) so a link is one index probe per identifier. */
export class TypeOrmReportLinks implements ReportLinks {
  constructor(private readonly transactions: TransactionRunner, private readonly schema: string) {}

  async add(reportId: string, identifiers: readonly ReportIdentifier[]): Promise<void> {
    if (identifiers.length === 0) return;
    await this.transactions.manager.query(
      `INSERT INTO "${this.schema}".report_identifiers (report_id, kind, value)
       SELECT $1, kind, value FROM unnest($2::text[], $3::text[]) AS given(kind, value)
       ON CONFLICT DO NOTHING`,
      [reportId, identifiers.map((identifier) => identifier.kind), identifiers.map((identifier) => identifier.value)],
    );
  }

  async identifiersOf(reportId: string): Promise<ReportIdentifier[]> {
    return this.transactions.manager.query(`SELECT kind, value FROM "${this.schema}".report_identifiers WHERE report_id = $1 ORDER BY kind, value`, [reportId]);
  }

  async related(reportId: string, limit: number): Promise<RelatedReport[]> {
    const rows: RelatedRow[] = await this.transactions.manager.query(
      `SELECT r.id, r.reference, r.incident_type, r.source, r.status, r.priority, r.received_at,
              jsonb_agg(jsonb_build_object('kind', other.kind, 'value', other.value) ORDER BY other.kind, other.value) AS shared
         FROM "${this.schema}".report_identifiers mine
         JOIN "${this.schema}".report_identifiers other ON other.kind = mine.kind AND other.value = mine.value AND other.report_id <> mine.report_id
         JOIN "${this.schema}".reports r ON r.id = other.report_id
        WHERE mine.report_id = $1
        GROUP BY r.id
        ORDER BY count(*) DESC, r.received_at DESC
        LIMIT $2`,
      [reportId, limit],
    );
    return rows.map((row) => ({
      reportId: row.id,
      reference: row.reference,
      incidentType: row.incident_type,
      source: row.source,
      status: row.status,
      priority: row.priority,
      receivedAt: new Date(row.received_at).toISOString(),
      shared: row.shared,
    }));
  }
}
