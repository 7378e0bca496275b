import { newId } from '@vigil/kernel';

/** The services that publish and consume integration events. */
export type ServiceName = 'tipline' | 'hash-detection' | 'referral-hub';
export const SERVICE_NAMES: readonly ServiceName[] = ['tipline', 'hash-detection', 'referral-hub'];

/**
 * Every integration event travels in this envelope. `id` is unique per event and is what
 * consumers record in their inbox; `correlationId` follows one report across services.
 */
export interface EventEnvelope<TPayload = unknown> {
  id: string;
  type: string;
  occurredAt: string;
  source: ServiceName;
  correlationId: string;
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
