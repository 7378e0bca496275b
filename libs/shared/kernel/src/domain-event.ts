/**
 * Something that happened inside an aggregate. Domain events stay inside a bounded context;
 * application code translates the ones other services care about into integration events.
 */
export interface DomainEvent<TType extends string = string, TPayload = unknown> {
  readonly type: TType;
  readonly occurredAt: Date;
  readonly payload: TPayload;
}
