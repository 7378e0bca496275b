import type { EventEnvelope } from '@vigil/contracts';
import { outboxInsert } from '@vigil/messaging';
import { jsonDocument } from '@vigil/persistence';
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
 * statement of data-modifying CTEs: atomic on its own (no BEGIN/COMMIT needed), one round trip
 * and one commit whatever the number of reports, and a fixed number of parameters. The relays
 * are notified once. Tables a batch has no rows for are not named, so a repository without
 * related-report links never touches their table.
 *
 * Each table's rows travel as one JSON document (`json_to_recordset`) rather than one array per
 * column: one JSON.stringify instead of node-postgres escaping every element of every array (and
 * stringifying each JSON column on its own first).
 */
export function newReportsStatement(schema: string, rows: readonly NewReportRow[]): Statement {
  const parameters: unknown[] = [];
  const next = (records: readonly object[]): string => `$${parameters.push(jsonDocument(records))}::json`;

  const reports = next(
    rows.map(({ state }) => ({
      id: state.id,
      reference: state.reference,
      source: state.source,
      incident_type: state.incidentType,
      description: state.description,
      urls: state.urls,
      media: state.media,
      status: state.status,
      priority: state.priority,
      priority_rank: priorityRank(state.priority),
      priority_reasons: state.priorityReasons,
      received_at: state.receivedAt,
      escalated_at: state.escalatedAt ?? null,
      escalated_by: state.escalatedBy ?? null,
      details: state.details ?? null,
      follow_ups: state.followUps ?? [],
    })),
  );
  const ctes = [
    `new_reports AS (
       INSERT INTO "${schema}".reports (id, reference, source, incident_type, description, urls, media, status, priority, priority_rank, priority_reasons, received_at, escalated_at, escalated_by, details, follow_ups, version)
       SELECT given.*, 1 FROM json_to_recordset(${reports}) AS given(id uuid, reference text, source text, incident_type text, description text, urls jsonb, media jsonb, status text, priority text, priority_rank smallint, priority_reasons jsonb, received_at timestamptz, escalated_at timestamptz, escalated_by text, details jsonb, follow_ups jsonb)
       RETURNING id)`,
  ];

  const identifiers = rows.flatMap((row) => row.identifiers.map((identifier) => ({ report_id: row.state.id, kind: identifier.kind, value: identifier.value })));
  if (identifiers.length > 0) {
    ctes.push(`new_identifiers AS (
       INSERT INTO "${schema}".report_identifiers (report_id, kind, value)
       SELECT given.report_id, given.kind, given.value FROM json_to_recordset(${next(identifiers)}) AS given(report_id uuid, kind text, value text)
         JOIN new_reports ON new_reports.id = given.report_id
       ON CONFLICT DO NOTHING)`);
  }

  const channels = rows.flatMap(({ state, channel }) =>
    channel ? [{ report_id: state.id, secret_sha256: channel.secretSha256, contact: channel.sealedContact?.toString('base64') ?? null, contact_encryption: channel.contactEncryption }] : [],
  );
  if (channels.length > 0) {
    ctes.push(`new_channels AS (
       INSERT INTO "${schema}".reporter_channels (report_id, secret_sha256, contact, contact_encryption)
       SELECT given.report_id, given.secret_sha256, decode(given.contact, 'base64'), given.contact_encryption
         FROM json_to_recordset(${next(channels)}) AS given(report_id uuid, secret_sha256 text, contact text, contact_encryption text)
         JOIN new_reports ON new_reports.id = given.report_id)`);
  }

  const outbox = outboxInsert(schema, rows.flatMap((row) => row.events), parameters.length + 1);
  ctes.push(outbox.cte);
  return { sql: `WITH ${ctes.join(',\n')}\n${outbox.select}`, parameters: [...parameters, ...outbox.parameters] };
}
