import type { EventEnvelope } from '@vigil/contracts';
import { ConflictError } from '@vigil/kernel';
import { appendToOutbox } from '@vigil/messaging';
import type { TransactionRunner } from '@vigil/persistence';
import { ReportTriage, type ReportTriageSnapshot } from '../../domain/report-triage';
import type { ReportTriageRepository } from '../../ports/report-triage.repository';

type StoredState = Omit<ReportTriageSnapshot, 'version'>;

/**
 * One row per report that analysts (or a partner's incidents) touched: the state as JSON, with
 * the claim holder and first-triage time as columns for the queue and the figures. Optimistic
 * lock on the version; the outbox rows go in the same transaction.
 */
export class TypeOrmReportTriageRepository implements ReportTriageRepository {
  constructor(private readonly transactions: TransactionRunner, private readonly schema: string) {}

  async load(reportId: string): Promise<ReportTriage> {
    const rows: { state: StoredState; version: number }[] = await this.transactions.manager.query(
      `SELECT state, version FROM "${this.schema}".report_triage WHERE report_id = $1`,
      [reportId],
    );
    return rows[0] ? ReportTriage.restore({ ...rows[0].state, version: rows[0].version }) : ReportTriage.start(reportId);
  }

  async save(triage: ReportTriage, outgoing: readonly EventEnvelope[]): Promise<void> {
    const { version, ...state } = triage.snapshot();
    const columns = [state.reportId, state.claim?.by ?? null, state.claim?.expiresAt ?? null, JSON.stringify(state), state.firstTriagedAt ?? null];
    await this.transactions.run(async (manager) => {
      const written: unknown[] =
        version === 0
          ? await manager.query(
              `INSERT INTO "${this.schema}".report_triage (report_id, claimed_by, claim_expires_at, state, first_triaged_at, version)
               VALUES ($1, $2, $3, $4, $5, 1) ON CONFLICT (report_id) DO NOTHING RETURNING report_id`,
              columns,
            )
          : await manager.query(
              `WITH updated AS (
                 UPDATE "${this.schema}".report_triage SET claimed_by = $2, claim_expires_at = $3, state = $4, first_triaged_at = $5, version = version + 1
                 WHERE report_id = $1 AND version = $6 RETURNING report_id
               ) SELECT report_id FROM updated`,
              [...columns, version],
            );
      if (written.length !== 1) throw new ConflictError('another analyst changed this report at the same moment; reload it and try again');
      await appendToOutbox(manager, this.schema, outgoing);
    });
  }
}
