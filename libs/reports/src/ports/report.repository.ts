import type { EventEnvelope } from '@vigil/contracts';
import type { Report, ReportSnapshot } from '../domain/report';

export interface ReportQueueFilter {
  status?: ReportSnapshot['status'];
  limit: number;
}

/**
 * Reports and the integration events their changes produce are saved together: adapters
 * write both in one transaction (transactional outbox).
 */
export interface ReportRepository {
  save(report: Report, outgoing: readonly EventEnvelope[]): Promise<void>;
  findById(id: string): Promise<Report | undefined>;
  findByReference(reference: string): Promise<Report | undefined>;
  /** Most urgent first, then oldest first. */
  queue(filter: ReportQueueFilter): Promise<ReportSnapshot[]>;
}

export const REPORT_REPOSITORY = Symbol('ReportRepository');
