import { ConflictError, NotFoundError, ValidationError } from '@vigil/kernel';
import type { AuditTrail } from '../audit/audit-trail';
import { isSingleSignOnUsername } from '../auth/oidc/oidc-sign-in';
import { hashPassword } from '../auth/password';
import type { StaffAccount, StaffRole } from '../auth/staff-directory';
import type { StaffAccountChanges, StaffAccountRecord, StaffAccountStore } from './staff-account.store';

/** ASVS 2.1.1/2.1.2: at least 12 characters, long passphrases allowed. */
export const STAFF_PASSWORD_MIN_LENGTH = 12;
export const STAFF_PASSWORD_MAX_LENGTH = 200;

export interface NewStaffAccount {
  username: string;
  displayName: string;
  roles: StaffRole[];
  password: string;
}

/** What an administrator sees of an account: never the password hash or the TOTP secret. */
export interface StaffAccountView {
  username: string;
  displayName: string;
  roles: StaffRole[];
  status: 'active' | 'locked' | 'disabled';
  /** How the account signs in: local (a password and authenticator kept here), or through the identity provider, which grants its roles. */
  signIn: 'local' | 'single-sign-on';
  totp: 'enabled' | 'pending' | 'none';
  lockedUntil?: string;
  lastSignInAt?: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface StaffAccountAdminOptions {
  /** The roles this service grants; an account can hold no other. */
  allowedRoles: readonly StaffRole[];
  now?: () => Date;
  /** Runs a change and its audit row in one transaction. */
  inTransaction?: <T>(work: () => Promise<T>) => Promise<T>;
}

/** The administrators' operations on a service's staff accounts; every change is audited. */
export class StaffAccountAdmin {
  private readonly now: () => Date;
  private readonly inTransaction: <T>(work: () => Promise<T>) => Promise<T>;

  constructor(private readonly store: StaffAccountStore, private readonly audit: AuditTrail, private readonly options: StaffAccountAdminOptions) {
    this.now = options.now ?? (() => new Date());
    this.inTransaction = options.inTransaction ?? ((work) => work());
  }

  get allowedRoles(): readonly StaffRole[] {
    return this.options.allowedRoles;
  }

  async create(account: NewStaffAccount, actor: string): Promise<StaffAccountView> {
    this.checkRoles(account.roles);
    checkPassword(account.password);
    const now = this.now();
    const record: StaffAccountRecord = {
      username: account.username,
      displayName: account.displayName,
      roles: [...new Set(account.roles)],
      passwordHash: await hashPassword(account.password),
      failedAttempts: 0,
      createdBy: actor,
      createdAt: now,
      updatedAt: now,
    };
    return this.inTransaction(async () => {
      if (!(await this.store.insertIfAbsent(record))) throw new ConflictError(`username: an account named ${account.username} already exists`, 'username');
      await this.audit.record({ actor, action: 'create', resourceType: 'staff-account', resourceId: record.username, detail: { roles: record.roles } });
      return this.view(record);
    });
  }

  async list(actor: string): Promise<StaffAccountView[]> {
    const accounts = await this.store.list();
    await this.audit.record({ actor, action: 'list', resourceType: 'staff-account', resourceId: '*', detail: { count: accounts.length } });
    return accounts.map((account) => this.view(account));
  }

  async setRoles(username: string, roles: StaffRole[], actor: string): Promise<StaffAccountView> {
    refuseForSingleSignOn(username, 'its roles come from the identity provider at each sign-in: change them there, or disable the account here');
    this.checkRoles(roles);
    const unique = [...new Set(roles)];
    // Like disabling oneself: the last administrator could otherwise lock everyone out of this page.
    if (username === actor && !unique.includes('admin')) throw new ValidationError('roles: an administrator cannot remove their own admin role (another administrator can)', 'roles');
    return this.change(username, { roles: unique }, actor, { change: 'roles', roles: unique });
  }

  async disable(username: string, actor: string): Promise<StaffAccountView> {
    if (username === actor) throw new ValidationError('username: an administrator cannot disable their own account', 'username');
    return this.change(username, { disabledAt: this.now() }, actor, { change: 'disabled' });
  }

  /** Re-enables a disabled account and lifts a lockout. */
  async enable(username: string, actor: string): Promise<StaffAccountView> {
    return this.change(username, { disabledAt: null, lockedUntil: null, failedAttempts: 0 }, actor, { change: 'enabled' });
  }

  async resetPassword(username: string, password: string, actor: string): Promise<StaffAccountView> {
    refuseForSingleSignOn(username, 'it has no password here');
    checkPassword(password);
    return this.change(username, { passwordHash: await hashPassword(password), lockedUntil: null, failedAttempts: 0 }, actor, { change: 'password-reset' });
  }

  /** Forgets the authenticator (a lost phone): the account enrols a new one at its next sign-in. */
  async resetTotp(username: string, actor: string): Promise<StaffAccountView> {
    refuseForSingleSignOn(username, "it has no authenticator here (the identity provider's second factor applies)");
    return this.change(username, { totpSecret: null, totpEnabledAt: null, totpLastStep: null }, actor, { change: 'totp-reset' });
  }

  /**
   * Writes accounts that do not exist yet (demo users, VIGIL_STAFF_FILE); existing ones are left
   * as they are, so a restart never undoes an administrator's change. The launcher hands every
   * service the same list, so each account gets only the roles this service grants, and one it
   * grants none of is not written here. Returns how many were added.
   */
  async seed(accounts: readonly StaffAccount[], actor = 'system'): Promise<number> {
    let added = 0;
    for (const account of accounts) {
      const roles = account.roles.filter((role) => this.options.allowedRoles.includes(role));
      if (roles.length === 0) continue;
      const now = this.now();
      const record: StaffAccountRecord = { ...account, roles, failedAttempts: 0, createdBy: actor, createdAt: now, updatedAt: now };
      await this.inTransaction(async () => {
        if (!(await this.store.insertIfAbsent(record))) return;
        added++;
        await this.audit.record({ actor, action: 'create', resourceType: 'staff-account', resourceId: account.username, detail: { roles: record.roles, seeded: true } });
      });
    }
    return added;
  }

  private change(username: string, changes: StaffAccountChanges, actor: string, detail: Record<string, unknown>): Promise<StaffAccountView> {
    return this.inTransaction(async () => {
      const updated = await this.store.update(username, changes, this.now());
      if (!updated) throw new NotFoundError('staff account', username);
      await this.audit.record({ actor, action: 'change', resourceType: 'staff-account', resourceId: username, detail });
      return this.view(updated);
    });
  }

  private checkRoles(roles: StaffRole[]): void {
    if (roles.length === 0) throw new ValidationError('roles: an account needs at least one role', 'roles');
    const refused = roles.filter((role) => !this.options.allowedRoles.includes(role));
    if (refused.length > 0) throw new ValidationError(`roles: ${refused.join(', ')} is not a role of this service (its roles: ${this.options.allowedRoles.join(', ')})`, 'roles');
  }

  private view(account: StaffAccountRecord): StaffAccountView {
    const now = this.now();
    const locked = account.lockedUntil !== undefined && account.lockedUntil > now;
    return {
      username: account.username,
      displayName: account.displayName,
      roles: account.roles,
      status: account.disabledAt ? 'disabled' : locked ? 'locked' : 'active',
      signIn: isSingleSignOnUsername(account.username) ? 'single-sign-on' : 'local',
      totp: account.totpEnabledAt ? 'enabled' : account.totpSecret ? 'pending' : 'none',
      lockedUntil: locked ? account.lockedUntil?.toISOString() : undefined,
      lastSignInAt: account.lastSignInAt?.toISOString(),
      createdBy: account.createdBy,
      createdAt: account.createdAt.toISOString(),
      updatedAt: account.updatedAt.toISOString(),
    };
  }
}

function refuseForSingleSignOn(username: string, why: string): void {
  if (isSingleSignOnUsername(username)) throw new ValidationError(`username: ${username} signs in through the identity provider; ${why}`, 'username');
}

function checkPassword(password: string): void {
  if (password.length < STAFF_PASSWORD_MIN_LENGTH) throw new ValidationError(`password: must be at least ${STAFF_PASSWORD_MIN_LENGTH} characters`, 'password');
  if (password.length > STAFF_PASSWORD_MAX_LENGTH) throw new ValidationError(`password: must be at most ${STAFF_PASSWORD_MAX_LENGTH} characters`, 'password');
}
