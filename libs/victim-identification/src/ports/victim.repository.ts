import type { EventEnvelope } from '@vigil/contracts';
import type { IdentifiedVictim } from '../domain/identified-victim';

export interface VictimRepository {
  /** Inserts a new record and its events (outbox) in one transaction; ConflictError when the pseudonym is taken. */
  add(victim: IdentifiedVictim, events: readonly EventEnvelope[]): Promise<void>;
  /** Saves a changed record if nobody changed it meanwhile (its version was `victim.version - 1`); ConflictError otherwise. */
  update(victim: IdentifiedVictim, events: readonly EventEnvelope[]): Promise<void>;
  findById(id: string): Promise<IdentifiedVictim | undefined>;
  /** Newest identification first. */
  list(limit: number): Promise<IdentifiedVictim[]>;
  /** What the yearly figures need about each victim identified in `year`, and nothing more. */
  listForFigures(year: number): Promise<Array<Pick<IdentifiedVictim, 'ageBand' | 'gender' | 'identifiedOn'>>>;
}

export const VICTIM_REPOSITORY = Symbol('VictimRepository');
