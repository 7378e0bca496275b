import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { isId } from '@vigil/kernel';
import type { EventEnvelope, ServiceName } from './envelope';
import { EVIDENCE_PURGED_V1, EvidencePurgedV1 } from './events/evidence-purged.v1';
import { MEDIA_MATCHED_V1, MEDIA_UNKNOWN_V1, MediaMatchedV1, MediaUnknownV1 } from './events/media-matched.v1';
import { REFERRAL_ACKNOWLEDGED_V1, ReferralAcknowledgedV1 } from './events/referral-acknowledged.v1';
import { REFERRAL_DISSEMINATED_V1, ReferralDisseminatedV1 } from './events/referral-disseminated.v1';
import { REPORT_ESCALATED_V1, ReportEscalatedV1 } from './events/report-escalated.v1';
import { REPORT_ESCALATED_V2, ReportEscalatedV2 } from './events/report-escalated.v2';
import { REPORT_SUBMITTED_V1, ReportSubmittedV1 } from './events/report-submitted.v1';
import { TAKEDOWN_REQUESTED_V1, TakedownRequestedV1 } from './events/takedown-requested';
import { VICTIM_IDENTIFIED_V1, VictimIdentifiedV1 } from './events/victim-identified.v1';

type PayloadClass = new () => object;

/**
 * Every published event type, its payload schema, and the services that consume it.
 * The bus fans an event out to one queue per consumer listed here, so a consumer that is
 * down when the event is published still finds it waiting in its queue.
 */
export const EVENT_CATALOGUE: Record<string, { schema: PayloadClass; consumers: readonly ServiceName[] }> = {
  [REPORT_SUBMITTED_V1]: { schema: ReportSubmittedV1, consumers: ['hash-detection'] },
  [MEDIA_MATCHED_V1]: { schema: MediaMatchedV1, consumers: ['tipline'] },
  [MEDIA_UNKNOWN_V1]: { schema: MediaUnknownV1, consumers: ['tipline'] },
  [REPORT_ESCALATED_V1]: { schema: ReportEscalatedV1, consumers: ['referral-hub'] },
  [REPORT_ESCALATED_V2]: { schema: ReportEscalatedV2, consumers: ['referral-hub'] },
  [TAKEDOWN_REQUESTED_V1]: { schema: TakedownRequestedV1, consumers: ['hash-detection'] },
  [REFERRAL_DISSEMINATED_V1]: { schema: ReferralDisseminatedV1, consumers: [] },
  [REFERRAL_ACKNOWLEDGED_V1]: { schema: ReferralAcknowledgedV1, consumers: [] },
  [VICTIM_IDENTIFIED_V1]: { schema: VictimIdentifiedV1, consumers: ['hash-detection'] },
  [EVIDENCE_PURGED_V1]: { schema: EvidencePurgedV1, consumers: ['hash-detection'] },
};

export function consumersOf(eventType: string): readonly ServiceName[] {
  return EVENT_CATALOGUE[eventType]?.consumers ?? [];
}

export class InvalidEventError extends Error {
  constructor(readonly eventType: string, readonly problems: string[]) {
    super(`invalid ${eventType} event: ${problems.join('; ')}`);
    this.name = 'InvalidEventError';
  }
}

function describe(errors: ValidationError[], prefix = 'payload'): string[] {
  return errors.flatMap((error) => {
    const path = `${prefix}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
    return [...own, ...describe(error.children ?? [], path)];
  });
}

/**
 * Checks an incoming envelope against its versioned schema. Returns the typed payload, or
 * throws InvalidEventError naming every field that is wrong (the bus dead-letters it).
 */
export function validateEnvelope<T extends object>(event: EventEnvelope): T {
  const problems: string[] = [];
  for (const key of ['id', 'type', 'occurredAt', 'source', 'correlationId'] as const) {
    if (typeof event?.[key] !== 'string' || event[key].length === 0) problems.push(`${key}: must be a non-empty string`);
  }
  if (typeof event?.id === 'string' && !isId(event.id)) problems.push('id: must be a UUID');
  const entry = EVENT_CATALOGUE[event?.type];
  if (!entry) throw new InvalidEventError(String(event?.type), [...problems, `type: unknown event type`]);
  if (typeof event.payload !== 'object' || event.payload === null) {
    throw new InvalidEventError(event.type, [...problems, 'payload: must be an object']);
  }
  const payload = plainToInstance(entry.schema, event.payload) as T;
  problems.push(...describe(validateSync(payload, { forbidUnknownValues: true })));
  if (problems.length > 0) throw new InvalidEventError(event.type, problems);
  return payload;
}
