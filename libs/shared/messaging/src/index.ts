export * from './ports/message-bus';
export * from './outbox/outbox';
export * from './trace/request-context';
export * from './outbox/outbox-relay';
export * from './outbox/outbox-relay-thread';
export * from './outbox/inbox-consumer';
export * from './adapters/bullmq/bullmq-message-bus';
export * from './adapters/in-process/in-process-message-bus';
