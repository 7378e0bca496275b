import type { EventEnvelope } from '@vigil/contracts';
import { ConflictError } from '@vigil/kernel';
import { appendToOutbox } from '@vigil/messaging';
import type { TransactionRunner } from '@vigil/persistence';
import { Report, type ReportSnapshot } from '../../domain/report';
import { priorityRank } from '../../domain/report-priority';
import type { ReportQueueFilter, ReportRepository } from '../../ports/report.repository';
import { identifiersOfReport } from '../../application/link-reports/extract-identifiers';
import { ReportEntity } from './report.entity';
import { newReportsStatement } from './new-reports.statement';
import type { TypeOrmReportLinks } from './typeorm-report-links';

/**
 * Saves a report and its outgoing events in one transaction, with optimistic locking on the
 * version so two analysts (or an analyst and a consumer) cannot overwrite each other.
 */
export class TypeOrmReportRepository implements ReportRepository {
  /**
   * With `links`, a new report's URLs and media digests are indexed for related-report links
   * (its report_identifiers table) in the same statement as the report itself.
   */
  constructor(private readonly transactions: TransactionRunner, private readonly schema: string, private readonly links?: TypeOrmReportLinks) {}

  async save(report: Report, outgoing: readonly EventEnvelope[]): Promise<void> {
    const state = report.snapshot();
    if (state.version === 0) return this.insertNew(state, outgoing);
    await this.transactions.run(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(ReportEntity)
        .set({ ...toEntity(state), version: state.version + 1 })
        .where('id = :id AND version = :version', { id: state.id, version: state.version })
        .execute();
      if (result.affected !== 1) throw new ConflictError(`report ${state.reference} was changed by someone else; reload it`);
      await appendToOutbox(manager, this.schema, outgoing);
    });
  }

  /**
   * Intake's hot path: the report row, its identifiers and its outbox rows in one statement (one
   * round trip, atomic on its own; inside the caller's transaction when there is one), in plain
   * SQL because the ORM's insert cost as much CPU as the rest of the request's database work.
   */
  private async insertNew(state: ReportSnapshot, outgoing: readonly EventEnvelope[]): Promise<void> {
    const identifiers = this.links ? identifiersOfReport(state) : [];
    const { sql, parameters } = newReportsStatement(this.schema, [{ state, identifiers, events: outgoing }]);
    await this.transactions.manager.query(sql, parameters);
  }

  async findById(id: string): Promise<Report | undefined> {
    const row = await this.transactions.manager.findOne(ReportEntity, { where: { id } });
    return row ? Report.restore(toSnapshot(row)) : undefined;
  }

  async findByReference(reference: string): Promise<Report | undefined> {
    const row = await this.transactions.manager.findOne(ReportEntity, { where: { reference } });
    return row ? Report.restore(toSnapshot(row)) : undefined;
  }

  async queue(filter: ReportQueueFilter): Promise<ReportSnapshot[]> {
    const rows = await this.transactions.manager.find(ReportEntity, {
      where: filter.status ? { status: filter.status } : {},
      order: { priorityRank: 'ASC', receivedAt: 'ASC' },
      take: filter.limit,
    });
    return rows.map(toSnapshot);
  }
}

function toEntity(state: ReportSnapshot): Omit<ReportEntity, 'version'> {
  return {
    id: state.id,
    reference: state.reference,
    source: state.source,
    incidentType: state.incidentType,
    description: state.description,
    urls: state.urls,
    media: state.media,
    status: state.status,
    priority: state.priority,
    priorityRank: priorityRank(state.priority),
    priorityReasons: state.priorityReasons,
    receivedAt: new Date(state.receivedAt),
    escalatedAt: state.escalatedAt ? new Date(state.escalatedAt) : null,
    escalatedBy: state.escalatedBy ?? null,
    details: state.details ?? null,
    followUps: state.followUps ?? [],
  };
}

function toSnapshot(row: ReportEntity): ReportSnapshot {
  return {
    id: row.id,
    reference: row.reference,
    source: row.source,
    incidentType: row.incidentType,
    description: row.description,
    urls: row.urls,
    media: row.media,
    status: row.status,
    priority: row.priority,
    priorityReasons: row.priorityReasons,
    receivedAt: row.receivedAt.toISOString(),
    escalatedAt: row.escalatedAt?.toISOString(),
    escalatedBy: row.escalatedBy ?? undefined,
    ...(row.details ? { details: row.details } : {}),
    ...(row.followUps?.length ? { followUps: row.followUps } : {}),
    version: row.version,
  };
}
