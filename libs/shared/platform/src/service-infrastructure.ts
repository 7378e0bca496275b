import type { ServiceName } from '@vigil/contracts';
import type { MessageBus, OutboxRelayHandle, RelayThreadSettings } from '@vigil/messaging';
import type { TransactionRunner } from '@vigil/persistence';
import type { AuditTrail, FieldCipher, KeyEncryptionKeyProvider, StaffAccount, StaffDirectory } from '@vigil/security';
import type { DataSource } from 'typeorm';

/** What the launcher gives a service: where its database is, which bus to use, who its staff are. */
export interface ServiceRuntimeOptions {
  port: number;
  host?: string;
  databaseUrl: string;
  bus: MessageBus;
  jwtSecret: string;
  /** A fixed staff directory (tests); without it staff sign in with the service's staff_accounts table. */
  staffDirectory?: StaffDirectory;
  /** Accounts written to the service's staff_accounts when absent: the demo users, VIGIL_STAFF_FILE. */
  seedStaff?: StaffAccount[];
  /** The demo users are on: TOTP is then not required unless STAFF_REQUIRE_TOTP says so. */
  demoStaff?: boolean;
  relayIntervalMs?: number;
  /**
   * Run the outbox relay in a worker thread with its own connections (services mode with BullMQ):
   * the script and argv that start it (see ThreadedOutboxRelay), and the bus it publishes to.
   * Without it the relay runs on the main thread.
   */
  relayThread?: Omit<RelayThreadSettings, 'databaseUrl' | 'schema' | 'intervalMs'> & { script: string; argv: string[] };
  log?: (message: string) => void;
  /**
   * Wraps the data keys of encrypted evidence and sensitive fields. The launcher always passes
   * one (key file or VIGIL_KEK); without it the service uses a throwaway key, which only tests want.
   */
  keyEncryptionKeys?: KeyEncryptionKeyProvider;
  /** Runs the retention purge this often; unset: never on a schedule (`vigil retention purge` still works). */
  retentionIntervalMinutes?: number;
}

/** The infrastructure one service runs on, handed to its Nest module as providers. */
export interface ServiceInfrastructure {
  name: ServiceName;
  schema: string;
  dataSource: DataSource;
  transactions: TransactionRunner;
  bus: MessageBus;
  relay: OutboxRelayHandle;
  audit: AuditTrail;
  /** Envelope encryption for evidence files and sensitive columns (AES-256-GCM, per-value data keys). */
  cipher: FieldCipher;
  log: (message: string) => void;
}

export const SERVICE_INFRASTRUCTURE = Symbol('ServiceInfrastructure');
