import type { ServiceName } from '@vigil/contracts';
import type { MessageBus, OutboxRelay } from '@vigil/messaging';
import type { TransactionRunner } from '@vigil/persistence';
import type { AuditTrail, StaffDirectory } from '@vigil/security';
import type { DataSource } from 'typeorm';

/** What the launcher gives a service: where its database is, which bus to use, who its staff are. */
export interface ServiceRuntimeOptions {
  port: number;
  host?: string;
  databaseUrl: string;
  bus: MessageBus;
  jwtSecret: string;
  staffDirectory: StaffDirectory;
  relayIntervalMs?: number;
  log?: (message: string) => void;
}

/** The infrastructure one service runs on, handed to its Nest module as providers. */
export interface ServiceInfrastructure {
  name: ServiceName;
  schema: string;
  dataSource: DataSource;
  transactions: TransactionRunner;
  bus: MessageBus;
  relay: OutboxRelay;
  audit: AuditTrail;
  log: (message: string) => void;
}

export const SERVICE_INFRASTRUCTURE = Symbol('ServiceInfrastructure');
