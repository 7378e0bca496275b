import { ConflictError } from '@vigil/kernel';
import type { TransactionRunner } from '@vigil/persistence';
import type { EntityManager } from 'typeorm';
import type { Case, CaseSnapshot } from '../../domain/case';
import type { IdentifierKind } from '../../domain/identifiers';
import type { Referral } from '../../domain/referral';
import { DuplicateReferralError, type CaseRepository, type ReferralOriginal, type TriageQueueItem } from '../../ports/case.repository';

interface CaseRow {
  id: string;
  reference: string;
  status: CaseSnapshot['status'];
  opened_at: Date;
  merged_into: string | null;
  version: number;
  jurisdiction_override: CaseSnapshot['jurisdictionOverride'] | null;
  history: CaseSnapshot['history'];
  reports: Referral[];
}

/**
 * Cases and their referrals. `case_reports.source_report_id` is unique, so a source report sits
 * in one case only: the database, not just the inbox, refuses a second copy. Suspect identifiers
 * are indexed in `referral_identifiers` for linking.
 */
export class TypeOrmCaseRepository implements CaseRepository {
  constructor(private readonly transactions: TransactionRunner, private readonly schema: string) {}

  private table(name: string): string {
    return `"${this.schema}".${name}`;
  }

  async nextSequence(year: number): Promise<number> {
    const rows: Array<{ value: string }> = await this.transactions.manager.query(
      `INSERT INTO ${this.table('case_sequences')} (year, value) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET value = ${this.table('case_sequences')}.value + 1 RETURNING value::text`,
      [year],
    );
    return Number(rows[0].value);
  }

  async save(cases: Case[], originals: ReadonlyMap<string, ReferralOriginal> = new Map()): Promise<void> {
    await this.transactions.run(async (manager) => {
      for (const kase of cases) {
        const state = kase.snapshot();
        for (const referral of state.reports) await this.saveReferral(manager, state.id, referral, originals.get(referral.id));
        await this.saveCase(manager, state);
      }
    });
  }

  private async saveReferral(manager: EntityManager, caseId: string, referral: Referral, original: ReferralOriginal | undefined): Promise<void> {
    const updated: unknown[] = await manager.query(
      `WITH updated AS (UPDATE ${this.table('case_reports')} SET case_id = $2, report = $3 WHERE id = $1 RETURNING id) SELECT id FROM updated`,
      [referral.id, caseId, JSON.stringify(referral)],
    );
    if (updated.length > 0) return;
    const inserted: unknown[] = await manager.query(
      `INSERT INTO ${this.table('case_reports')} (id, case_id, source_report_id, origin, report, original, original_content_type)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (source_report_id) DO NOTHING RETURNING id`,
      [referral.id, caseId, referral.sourceReportId, referral.origin, JSON.stringify(referral), original?.body ?? null, original?.contentType ?? null],
    );
    if (inserted.length === 0) throw new DuplicateReferralError(referral.sourceReportId);
    for (const item of referral.identifiers) {
      await manager.query(`INSERT INTO ${this.table('referral_identifiers')} (referral_id, kind, value, observed_at) VALUES ($1, $2, $3, $4)`, [
        referral.id,
        item.kind,
        item.value,
        item.observedAt ?? null,
      ]);
    }
  }

  private async saveCase(manager: EntityManager, state: CaseSnapshot): Promise<void> {
    const values = [state.id, state.status, state.mergedInto ?? null, state.jurisdictionOverride ? JSON.stringify(state.jurisdictionOverride) : null, JSON.stringify(state.history)];
    if (state.version === 0) {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO ${this.table('cases')} (id, status, merged_into, jurisdiction_override, history, reference, opened_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [...values, state.reference, state.openedAt],
      );
      if (inserted.length === 0) throw new ConflictError(`case ${state.id} already exists`);
      return;
    }
    const updated: unknown[] = await manager.query(
      `WITH updated AS (UPDATE ${this.table('cases')} SET status = $2, merged_into = $3, jurisdiction_override = $4, history = $5, version = version + 1
                         WHERE id = $1 AND version = $6 RETURNING id) SELECT id FROM updated`,
      [...values, state.version],
    );
    if (updated.length === 0) throw new ConflictError(`case ${state.reference} changed since it was read: reload it and try again`);
  }

  async findById(id: string): Promise<CaseSnapshot | undefined> {
    return (await this.select('WHERE c.id = $1', [id], 1))[0];
  }

  async findByReferralId(referralId: string): Promise<CaseSnapshot | undefined> {
    return (await this.select(`WHERE c.id = (SELECT case_id FROM ${this.table('case_reports')} WHERE id = $1)`, [referralId], 1))[0];
  }

  async findBySourceReportId(sourceReportId: string): Promise<CaseSnapshot | undefined> {
    return (await this.select(`WHERE c.id = (SELECT case_id FROM ${this.table('case_reports')} WHERE source_report_id = $1)`, [sourceReportId], 1))[0];
  }

  async findOpenCasesSharing(identifiers: ReadonlyArray<{ kind: IdentifierKind; value: string }>): Promise<CaseSnapshot[]> {
    if (identifiers.length === 0) return [];
    return this.select(
      `WHERE c.status = 'open' AND c.id IN (
         SELECT r.case_id FROM ${this.table('referral_identifiers')} i JOIN ${this.table('case_reports')} r ON r.id = i.referral_id
          WHERE (i.kind, i.value) IN (SELECT * FROM unnest($1::text[], $2::text[])))`,
      [identifiers.map((item) => item.kind), identifiers.map((item) => item.value)],
      100,
    );
  }

  async original(referralId: string): Promise<ReferralOriginal | undefined> {
    const rows: Array<{ original: string | null; original_content_type: string | null }> = await this.transactions.manager.query(
      `SELECT original, original_content_type FROM ${this.table('case_reports')} WHERE id = $1`,
      [referralId],
    );
    const row = rows[0];
    return row?.original != null ? { body: row.original, contentType: row.original_content_type ?? 'application/octet-stream' } : undefined;
  }

  async list(limit: number): Promise<CaseSnapshot[]> {
    return this.select(`WHERE c.status <> 'merged'`, [], limit);
  }

  async triageQueue(limit: number): Promise<TriageQueueItem[]> {
    const rows: Array<{ case_id: string; reference: string; report: Referral }> = await this.transactions.manager.query(
      `SELECT r.case_id, c.reference, r.report FROM ${this.table('case_reports')} r JOIN ${this.table('cases')} c ON c.id = r.case_id
        WHERE c.status = 'open' AND r.report->'triage'->'decision' IS NULL
        -- P1 < P2 < P3 < P4 as text: most urgent first, then oldest.
        ORDER BY r.report->'triage'->'proposed'->>'urgency', (r.report->>'receivedAt')::timestamptz, r.id LIMIT ${Number(limit)}`,
    );
    return rows.map(({ case_id, reference, report }) => ({
      referralId: report.id,
      caseId: case_id,
      caseReference: reference,
      origin: report.origin,
      reference: report.reference,
      incidentType: report.incidentType,
      receivedAt: report.receivedAt,
      urgency: report.triage.proposed.urgency,
      proposed: report.triage.proposed,
    }));
  }

  private async select(where: string, params: unknown[], limit: number): Promise<CaseSnapshot[]> {
    const rows: CaseRow[] = await this.transactions.manager.query(
      `SELECT c.id, c.reference, c.status, c.opened_at, c.merged_into, c.version, c.jurisdiction_override, c.history,
              coalesce(jsonb_agg(r.report ORDER BY r.added_at, r.id) FILTER (WHERE r.case_id IS NOT NULL), '[]') AS reports
         FROM ${this.table('cases')} c LEFT JOIN ${this.table('case_reports')} r ON r.case_id = c.id
         ${where} GROUP BY c.id ORDER BY c.opened_at DESC, c.reference DESC LIMIT ${Number(limit)}`,
      params,
    );
    return rows.map((row) => ({
      id: row.id,
      reference: row.reference,
      status: row.status,
      openedAt: new Date(row.opened_at).toISOString(),
      ...(row.merged_into ? { mergedInto: row.merged_into } : {}),
      version: row.version,
      reports: row.reports,
      ...(row.jurisdiction_override ? { jurisdictionOverride: row.jurisdiction_override } : {}),
      history: row.history,
    }));
  }
}
