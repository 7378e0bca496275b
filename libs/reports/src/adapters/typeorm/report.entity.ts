import { Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';
import type { PublicReportDetails } from '../../domain/public-report-details';
import type { ReportFollowUp, ReportMedia, ReportSnapshot } from '../../domain/report';
import type { PriorityReason } from '../../domain/report-priority';

@Entity({ name: 'reports' })
@Index('reports_queue', ['priorityRank', 'receivedAt'])
export class ReportEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'text', unique: true }) reference!: string;
  @Column({ type: 'text' }) source!: ReportSnapshot['source'];
  @Column({ type: 'text', name: 'incident_type' }) incidentType!: ReportSnapshot['incidentType'];
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'jsonb' }) urls!: string[];
  @Column({ type: 'jsonb' }) media!: ReportMedia[];
  @Column({ type: 'text' }) status!: ReportSnapshot['status'];
  @Column({ type: 'text' }) priority!: ReportSnapshot['priority'];
  @Column({ type: 'smallint', name: 'priority_rank' }) priorityRank!: number;
  @Column({ type: 'jsonb', name: 'priority_reasons' }) priorityReasons!: PriorityReason[];
  @Column({ type: 'timestamptz', name: 'received_at' }) receivedAt!: Date;
  @Column({ type: 'timestamptz', name: 'escalated_at', nullable: true }) escalatedAt!: Date | null;
  @Column({ type: 'text', name: 'escalated_by', nullable: true }) escalatedBy!: string | null;
  @Column({ type: 'jsonb', nullable: true }) details!: PublicReportDetails | null;
  @Column({ type: 'jsonb', name: 'follow_ups', default: () => "'[]'::jsonb" }) followUps!: ReportFollowUp[];
  @VersionColumn() version!: number;
}
