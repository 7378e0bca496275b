import type { EventEnvelope } from '@vigil/contracts';
import { outboxInsert } from '@vigil/messaging';
import type { ReportIdentifier } from '../../domain/report-identifier';
import type { ReportSnapshot } from '../../domain/report';
import { priorityRank } from '../../domain/report-priority';
import type { SealedReporterChannel } from './typeorm-reporter-channel';

/** One new report as its statement writes it: the row, its related-report identifiers, its events and, sealed, its reporter channel. */
export interface NewReportRow {
  state: ReportSnapshot;
  identifiers: readonly ReportIdentifier[];
  events: readonly EventEnvelope[];
  channel?: SealedReporterChannel;
}

export interface Statement {
  sql: string;
  parameters: unknown[];
}

/**
 * Any number of new reports, their identifiers, reporter channels and outbox rows as one SQL
 * statement of data-modifying CTEs over `unnest`ed arrays: atomic on its own (no BEGIN/COMMIT
 * needed), one round trip and one commit whatever the number of reports, and a fixed number of
 * parameters. The relays are notified once. Tables a batch has no rows for are not named, so a
 * repository without related-report links never touches their table.
 */
export function newReportsStatement(schema: string, rows: readonly NewReportRow[]): Statement {
  const column = <T>(pick: (row: NewReportRow) => T): T[] => rows.map(pick);
  const parameters: unknown[] = [
    column((row) => row.state.id),
    column((row) => row.state.reference),
    column((row) => row.state.source),
    column((row) => row.state.incidentType),
    column((row) => row.state.description),
    column((row) => JSON.stringify(row.state.urls)),
    column((row) => JSON.stringify(row.state.media)),
    column((row) => row.state.status),
    column((row) => row.state.priority),
    column((row) => priorityRank(row.state.priority)),
    column((row) => JSON.stringify(row.state.priorityReasons)),
    column((row) => row.state.receivedAt),
    column((row) => row.state.escalatedAt ?? null),
    column((row) => row.state.escalatedBy ?? null),
    column((row) => (row.state.details ? JSON.stringify(row.state.details) : null)),
    column((row) => JSON.stringify(row.state.followUps ?? [])),
  ];
  const ctes = [
    `new_reports AS (
       INSERT INTO "${schema}".reports (id, reference, source, incident_type, description, urls, media, status, priority, priority_rank, priority_reasons, received_at, escalated_at, escalated_by, details, follow_ups, version)
       SELECT given.*, 1 FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[], $8::text[], $9::text[], $10::smallint[], $11::jsonb[], $12::timestamptz[], $13::timestamptz[], $14::text[], $15::jsonb[], $16::jsonb[]) AS given
       RETURNING id)`,
  ];
  const next = (values: unknown[]): string => `$${parameters.push(values)}`;

  const identifiers = rows.flatMap((row) => row.identifiers.map((identifier) => ({ reportId: row.state.id, ...identifier })));
  if (identifiers.length > 0) {
    const [ids, kinds, values] = [identifiers.map((i) => i.reportId), identifiers.map((i) => i.kind), identifiers.map((i) => i.value)].map(next);
    ctes.push(`new_identifiers AS (
       INSERT INTO "${schema}".report_identifiers (report_id, kind, value)
       SELECT given.report_id, given.kind, given.value FROM unnest(${ids}::uuid[], ${kinds}::text[], ${values}::text[]) AS given(report_id, kind, value)
         JOIN new_reports ON new_reports.id = given.report_id
       ON CONFLICT DO NOTHING)`);
  }

  const channels = rows.flatMap((row) => (row.channel ? [{ reportId: row.state.id, ...row.channel }] : []));
  if (channels.length > 0) {
    const [ids, secrets, contacts, schemes] = [channels.map((c) => c.reportId), channels.map((c) => c.secretSha256), channels.map((c) => c.sealedContact), channels.map((c) => c.contactEncryption)].map(next);
    ctes.push(`new_channels AS (
       INSERT INTO "${schema}".reporter_channels (report_id, secret_sha256, contact, contact_encryption)
       SELECT given.report_id, given.secret_sha256, given.contact, given.contact_encryption
         FROM unnest(${ids}::uuid[], ${secrets}::text[], ${contacts}::bytea[], ${schemes}::text[]) AS given(report_id, secret_sha256, contact, contact_encryption)
         JOIN new_reports ON new_reports.id = given.report_id)`);
  }

  const outbox = outboxInsert(schema, rows.flatMap((row) => row.events), parameters.length + 1);
  ctes.push(outbox.cte);
  return { sql: `WITH ${ctes.join(',\n')}\n${outbox.select}`, parameters: [...parameters, ...outbox.parameters] };
}
