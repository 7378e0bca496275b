import type { EntityManager } from 'typeorm';
import type { StaffRole } from '../auth/staff-directory';

export interface StaffAccountRecord {
  username: string;
  displayName: string;
  roles: StaffRole[];
  passwordHash: string;
  disabledAt?: Date;
  failedAttempts: number;
  lockedUntil?: Date;
  /** Sealed by the field cipher; present from enrolment on, active once totpEnabledAt is set. */
  totpSecret?: Uint8Array;
  totpEnabledAt?: Date;
  /** The TOTP time step of the last code accepted: a code of that step or earlier is refused. */
  totpLastStep?: number;
  lastSignInAt?: Date;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** The columns an administrator or a sign-in may change; `null` clears a column. */
export interface StaffAccountChanges {
  displayName?: string;
  roles?: StaffRole[];
  passwordHash?: string;
  disabledAt?: Date | null;
  failedAttempts?: number;
  lockedUntil?: Date | null;
  totpSecret?: Uint8Array | null;
  totpEnabledAt?: Date | null;
  totpLastStep?: number | null;
  lastSignInAt?: Date;
}

/** Where a service keeps its staff accounts. */
export interface StaffAccountStore {
  /** Inserts the account unless one with its username exists; true when inserted. */
  insertIfAbsent(record: StaffAccountRecord): Promise<boolean>;
  find(username: string): Promise<StaffAccountRecord | undefined>;
  list(): Promise<StaffAccountRecord[]>;
  /** Applies the changes and returns the account, or undefined when there is no such account. */
  update(username: string, changes: StaffAccountChanges, at: Date): Promise<StaffAccountRecord | undefined>;
  /**
   * Counts one failed sign-in atomically (concurrent guesses all count); the failure that reaches
   * `threshold` locks the account until `lockUntil` and starts the count again. Returns the lock, if any.
   */
  recordFailure(username: string, threshold: number, lockUntil: Date): Promise<Date | undefined>;
  /**
   * Records `step` as the last accepted TOTP step if it is later than the stored one; false when a
   * code of this step or a later one was already accepted (a replay, or a race with one).
   */
  claimTotpStep(username: string, step: number): Promise<boolean>;
}

interface StaffAccountRow {
  username: string;
  display_name: string;
  roles: string[];
  password_hash: string;
  disabled_at: Date | null;
  failed_attempts: number;
  locked_until: Date | null;
  totp_secret: Buffer | null;
  totp_enabled_at: Date | null;
  totp_last_step: string | null;
  last_sign_in_at: Date | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS: Record<keyof StaffAccountChanges, string> = {
  displayName: 'display_name',
  roles: 'roles',
  passwordHash: 'password_hash',
  disabledAt: 'disabled_at',
  failedAttempts: 'failed_attempts',
  lockedUntil: 'locked_until',
  totpSecret: 'totp_secret',
  totpEnabledAt: 'totp_enabled_at',
  totpLastStep: 'totp_last_step',
  lastSignInAt: 'last_sign_in_at',
};

/** The staff_accounts table of one service schema, in the caller's transaction when there is one. */
export class SqlStaffAccountStore implements StaffAccountStore {
  constructor(private readonly schema: string, private readonly manager: () => EntityManager) {}

  private get table(): string {
    return `"${this.schema}".staff_accounts`;
  }

  async insertIfAbsent(record: StaffAccountRecord): Promise<boolean> {
    const inserted: unknown[] = await this.manager().query(
      `INSERT INTO ${this.table} (username, display_name, roles, password_hash, last_sign_in_at, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (username) DO NOTHING RETURNING username`,
      [record.username, record.displayName, record.roles, record.passwordHash, record.lastSignInAt ?? null, record.createdBy, record.createdAt],
    );
    return inserted.length === 1;
  }

  async find(username: string): Promise<StaffAccountRecord | undefined> {
    const rows: StaffAccountRow[] = await this.manager().query(`SELECT * FROM ${this.table} WHERE username = $1`, [username]);
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async list(): Promise<StaffAccountRecord[]> {
    const rows: StaffAccountRow[] = await this.manager().query(`SELECT * FROM ${this.table} ORDER BY username`);
    return rows.map(toRecord);
  }

  async update(username: string, changes: StaffAccountChanges, at: Date): Promise<StaffAccountRecord | undefined> {
    const entries = (Object.keys(changes) as (keyof StaffAccountChanges)[]).filter((key) => changes[key] !== undefined);
    const assignments = entries.map((key, index) => `${COLUMNS[key]} = $${index + 3}`);
    const values = entries.map((key) => {
      const value = changes[key];
      return value instanceof Uint8Array ? Buffer.from(value) : value;
    });
    const rows = updatedRows<StaffAccountRow>(
      await this.manager().query(`UPDATE ${this.table} SET ${[...assignments, 'updated_at = $2'].join(', ')} WHERE username = $1 RETURNING *`, [username, at, ...values]),
    );
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async recordFailure(username: string, threshold: number, lockUntil: Date): Promise<Date | undefined> {
    const rows = updatedRows<{ locked_until: Date | null }>(
      await this.manager().query(
        `UPDATE ${this.table}
          SET failed_attempts = CASE WHEN failed_attempts + 1 >= $2 THEN 0 ELSE failed_attempts + 1 END,
              locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN $3 ELSE locked_until END
        WHERE username = $1 RETURNING locked_until`,
        [username, threshold, lockUntil],
      ),
    );
    const locked = rows[0]?.locked_until;
    return locked && new Date(locked).getTime() === lockUntil.getTime() ? new Date(locked) : undefined;
  }

  async claimTotpStep(username: string, step: number): Promise<boolean> {
    const rows = updatedRows(
      await this.manager().query(`UPDATE ${this.table} SET totp_last_step = $2 WHERE username = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING username`, [username, step]),
    );
    return rows.length === 1;
  }
}

/** TypeORM answers an UPDATE … RETURNING on Postgres with [rows, affected count]. */
function updatedRows<T>(result: unknown): T[] {
  const [rows] = result as [T[], number];
  return rows;
}

function toRecord(row: StaffAccountRow): StaffAccountRecord {
  const date = (value: Date | null) => (value ? new Date(value) : undefined);
  return {
    username: row.username,
    displayName: row.display_name,
    roles: row.roles as StaffRole[],
    passwordHash: row.password_hash,
    disabledAt: date(row.disabled_at),
    failedAttempts: row.failed_attempts,
    lockedUntil: date(row.locked_until),
    totpSecret: row.totp_secret ?? undefined,
    totpEnabledAt: date(row.totp_enabled_at),
    totpLastStep: row.totp_last_step === null ? undefined : Number(row.totp_last_step),
    lastSignInAt: date(row.last_sign_in_at),
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
