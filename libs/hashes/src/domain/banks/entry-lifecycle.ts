import { ConflictError, ValidationError } from '@vigil/kernel';
import { normaliseClassification, type HashEntryProps } from './hash-bank';

/**
 * An entry is never deleted: it is disabled (with a reason, by someone, optionally until a
 * date) and may be enabled again. A disabled entry matches nothing.
 */
export type EntryStatus = 'active' | 'disabled';

export function entryStatus(entry: HashEntryProps): EntryStatus {
  return entry.disabledAt ? 'disabled' : 'active';
}

export interface DisableEntry {
  reason: string;
  by: string;
  at: Date;
  /** When the disable ends by itself; absent means until someone enables the entry. */
  until?: Date;
}

const MAX_REASON_LENGTH = 2000;

export function disableEntry(entry: HashEntryProps, command: DisableEntry): HashEntryProps {
  const reason = command.reason.trim();
  if (!reason) throw new ValidationError('reason: say why the entry is disabled', 'reason');
  if (reason.length > MAX_REASON_LENGTH) throw new ValidationError(`reason: at most ${MAX_REASON_LENGTH} characters`, 'reason');
  if (command.until && command.until.getTime() <= command.at.getTime()) {
    throw new ValidationError('expiresAt: must be in the future', 'expiresAt');
  }
  if (entry.disabledAt) throw new ConflictError(`entry ${entry.id} is already disabled (${entry.disabledReason ?? 'no reason given'}); enable it first`, 'entryId');
  return {
    ...entry,
    disabledAt: command.at.toISOString(),
    disabledReason: reason,
    disabledBy: command.by,
    disabledUntil: command.until?.toISOString(),
  };
}

export function enableEntry(entry: HashEntryProps): HashEntryProps {
  if (!entry.disabledAt) throw new ConflictError(`entry ${entry.id} is not disabled`, 'entryId');
  return withoutDisable(entry);
}

/** True when a temporary disable has run out at `now`. */
export function disableHasExpired(entry: HashEntryProps, now: Date): boolean {
  return entry.disabledAt !== undefined && entry.disabledUntil !== undefined && new Date(entry.disabledUntil).getTime() <= now.getTime();
}

/** What the expiry sweep does: re-enables an entry whose disable has run out, and leaves any other as it is. */
export function reenableIfExpired(entry: HashEntryProps, now: Date): HashEntryProps | undefined {
  return disableHasExpired(entry, now) ? withoutDisable(entry) : undefined;
}

function withoutDisable(entry: HashEntryProps): HashEntryProps {
  const { disabledAt: _at, disabledReason: _reason, disabledBy: _by, disabledUntil: _until, ...rest } = entry;
  return rest;
}

/** The descriptive fields a curator may correct; the hash itself never changes (add a new entry instead). */
export interface EntryCorrections {
  classification?: string;
  series?: string | null;
  victimIdentified?: boolean;
  notes?: string | null;
}

export function correctEntry(entry: HashEntryProps, corrections: EntryCorrections): HashEntryProps {
  const next: HashEntryProps = { ...entry };
  if (corrections.classification !== undefined) next.classification = normaliseClassification(corrections.classification);
  if (corrections.series !== undefined) next.series = corrections.series?.trim() || undefined;
  if (corrections.victimIdentified !== undefined) next.victimIdentified = corrections.victimIdentified;
  if (corrections.notes !== undefined) next.notes = corrections.notes?.trim() || undefined;
  return next;
}
