import { newId } from '@vigil/kernel';

/** The services that publish and consume integration events. */
export type ServiceName = 'tipline' | 'hash-detection' | 'referral-hub';
export const SERVICE_NAMES: readonly ServiceName[] = ['tipline', 'hash-detection', 'referral-hub'];

/**
 * Every integration event travels in this envelope. `id` is unique per event and is what
 * consumers record in their inbox; `correlationId` follows one report across services.
 * `requestId` (optional, added compatibly) names the HTTP request that caused the event, so
 * the logs of every service that handles it can be joined to that request's.
 */
export interface EventEnvelope<TPayload = unknown> {
  id: string;
  type: string;
  occurredAt: string;
  source: ServiceName;
  correlationId: string;
  requestId?: string;
  payload: TPayload;
}

export function envelope<TPayload>(
  type: string,
  source: ServiceName,
  payload: TPayload,
  options: { correlationId?: string; occurredAt?: Date; id?: string } = {},
): EventEnvelope<TPayload> {
  const id = options.id ?? newId();
  return {
    id,
    type,
    occurredAt: (options.occurredAt ?? new Date()).toISOString(),
    source,
    correlationId: options.correlationId ?? id,
    payload,
  };
}
