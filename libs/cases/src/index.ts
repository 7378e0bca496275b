export * from './domain/case';
export * from './ports/case.repository';
export * from './application/open-case-from-escalation/open-case-from-escalation.use-case';
export * from './adapters/in-memory/in-memory-case.repository';
export * from './adapters/typeorm/typeorm-case.repository';
export * from './adapters/typeorm/migrations/1763900000002-create-cases';
