import { ConflictError } from '@vigil/kernel';
import type { Case, CaseSnapshot } from '../../domain/case';
import type { IdentifierKind } from '../../domain/identifiers';
import { DuplicateReferralError, type CaseRepository, type ReferralOriginal, type TriageQueueItem } from '../../ports/case.repository';

/** For use-case tests: the same contract as the Postgres repository, in memory. */
export class InMemoryCaseRepository implements CaseRepository {
  readonly rows: CaseSnapshot[] = [];
  readonly originals = new Map<string, ReferralOriginal>();
  private sequence = 0;

  async nextSequence(): Promise<number> {
    return ++this.sequence;
  }

  async save(cases: Case[], originals: ReadonlyMap<string, ReferralOriginal> = new Map()): Promise<void> {
    const states = cases.map((kase) => kase.snapshot());
    for (const state of states) {
      const stored = this.rows.find((row) => row.id === state.id);
      if ((stored?.version ?? 0) !== state.version) throw new ConflictError(`case ${state.reference} changed since it was read`);
      for (const referral of state.reports) {
        const holder = this.rows.find((row) => row.reports.some((item) => item.sourceReportId === referral.sourceReportId));
        const isSame = holder?.reports.some((item) => item.id === referral.id);
        if (holder && !isSame) throw new DuplicateReferralError(referral.sourceReportId);
      }
    }
    for (const state of states) {
      const index = this.rows.findIndex((row) => row.id === state.id);
      const next = { ...state, version: state.version + 1 };
      if (index >= 0) this.rows[index] = next;
      else this.rows.push(next);
      for (const referral of state.reports) {
        const original = originals.get(referral.id);
        if (original && !this.originals.has(referral.id)) this.originals.set(referral.id, original);
      }
    }
  }

  async findById(id: string): Promise<CaseSnapshot | undefined> {
    return this.copy(this.rows.find((row) => row.id === id));
  }

  async findByReferralId(referralId: string): Promise<CaseSnapshot | undefined> {
    return this.copy(this.rows.find((row) => row.reports.some((referral) => referral.id === referralId)));
  }

  async findBySourceReportId(sourceReportId: string): Promise<CaseSnapshot | undefined> {
    return this.copy(this.rows.find((row) => row.reports.some((referral) => referral.sourceReportId === sourceReportId)));
  }

  async findOpenCasesSharing(identifiers: ReadonlyArray<{ kind: IdentifierKind; value: string }>): Promise<CaseSnapshot[]> {
    const wanted = new Set(identifiers.map((item) => `${item.kind}|${item.value}`));
    return this.rows
      .filter((row) => row.status === 'open' && row.reports.some((referral) => referral.identifiers.some((item) => wanted.has(`${item.kind}|${item.value}`))))
      .map((row) => structuredClone(row));
  }

  async original(referralId: string): Promise<ReferralOriginal | undefined> {
    return this.originals.get(referralId);
  }

  async list(limit: number): Promise<CaseSnapshot[]> {
    return this.rows.filter((row) => row.status !== 'merged').sort((a, b) => b.openedAt.localeCompare(a.openedAt)).slice(0, limit).map((row) => structuredClone(row));
  }

  async triageQueue(limit: number): Promise<TriageQueueItem[]> {
    return this.rows
      .filter((row) => row.status === 'open')
      .flatMap((row) =>
        row.reports
          .filter((referral) => !referral.triage.decision)
          .map((referral) => ({
            referralId: referral.id, caseId: row.id, caseReference: row.reference, origin: referral.origin, reference: referral.reference,
            incidentType: referral.incidentType, receivedAt: referral.receivedAt, urgency: referral.triage.proposed.urgency, proposed: referral.triage.proposed,
          })),
      )
      .sort((a, b) => a.urgency.localeCompare(b.urgency) || Date.parse(a.receivedAt) - Date.parse(b.receivedAt))
      .slice(0, limit);
  }

  private copy(row: CaseSnapshot | undefined): CaseSnapshot | undefined {
    return row && structuredClone(row);
  }
}
