import { ConflictError, NotFoundError, type RecordCipher } from '@vigil/kernel';
import type { AuditTrail } from '../audit/audit-trail';
import { hashPassword, passwordNeedsRehash, unknownUserHash, verifyPassword } from '../auth/password';
import { isSingleSignOnUsername } from '../auth/oidc/oidc-sign-in';
import type { SignInAttempt, SignInResult, SingleSignOnAdmission, StaffDirectory, StaffRole, StaffStanding, StaffUser, TotpEnrolment } from '../auth/staff-directory';
import type { StaffAccountRecord, StaffAccountStore } from './staff-account.store';
import type { StaffSignInPolicy } from './staff-sign-in.config';
import { acceptedTotpStep, newTotpSecret, totpUri } from './totp';

export interface StaffAccountDirectoryOptions {
  policy: StaffSignInPolicy;
  /** Seals TOTP secrets at rest. */
  cipher: RecordCipher;
  audit: AuditTrail;
  /** The service schema, part of what a sealed secret is bound to. */
  schema: string;
  /** Shown by authenticator apps beside the account, e.g. "Vigil tipline". */
  issuer: string;
  now?: () => Date;
  log?: (message: string) => void;
  /** Runs a change and its audit rows in one transaction. */
  inTransaction?: <T>(work: () => Promise<T>) => Promise<T>;
  /** The roles this service grants: a single sign-on user arriving with another service's token holds no other here. */
  allowedRoles?: readonly StaffRole[];
}

/**
 * The password hash of a single sign-on user's row: no password verifies against it (it is no
 * hash format verifyPassword knows), and password sign-in refuses such rows before trying.
 */
export const NO_PASSWORD_HASH = '!single-sign-on';

/**
 * Staff sign-in on the service's staff_accounts table: argon2id passwords (older scrypt hashes
 * upgraded at the next good sign-in), lockout after consecutive failures, and a TOTP second factor.
 * Single sign-on users get a row at their first sign-in (no password), so that they can be seen
 * and disabled here like anyone else.
 */
export class StaffAccountDirectory implements StaffDirectory, TotpEnrolment {
  readonly totp: TotpEnrolment = this;
  private readonly now: () => Date;

  constructor(private readonly store: StaffAccountStore, private readonly options: StaffAccountDirectoryOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Every attempt is audited, refused ones too (who tried, and why it failed; never the password or code). */
  async signIn(attempt: SignInAttempt): Promise<SignInResult> {
    const result = await this.attempt(attempt);
    const outcome = result.ok ? (result.totpEnrolmentRequired ? 'ok, must enrol a second factor' : 'ok') : result.failure;
    await this.options.audit.record({ actor: attempt.username, action: 'sign-in', resourceType: 'staff-sign-in', resourceId: attempt.username, detail: { outcome } });
    return result;
  }

  private async attempt({ username, password, totpCode }: SignInAttempt): Promise<SignInResult> {
    const account = await this.store.find(username);
    // Unknown users cost a full argon2 verification too, so timing does not reveal usernames.
    const passwordOk = await verifyPassword(password, account?.passwordHash ?? (await unknownUserHash()));
    // A single sign-on account has no password here: refused like a wrong one, and never locked by guesses.
    if (!account || account.disabledAt || isSingleSignOnUsername(account.username)) return { ok: false, failure: 'credentials' };
    const now = this.now();
    if (account.lockedUntil && account.lockedUntil > now) return { ok: false, failure: 'locked', lockedUntil: account.lockedUntil };
    if (!passwordOk) return this.failed(account, 'credentials', now);

    if (account.totpEnabledAt) {
      if (!totpCode) return { ok: false, failure: 'totp-missing' };
      const step = await acceptedTotpStep(await this.openSecret(account), totpCode, now, account.totpLastStep);
      if (step === undefined || !(await this.store.claimTotpStep(account.username, step))) return this.failed(account, 'totp-invalid', now);
    }

    const rehashed = passwordNeedsRehash(account.passwordHash) ? await hashPassword(password) : undefined;
    await this.store.update(account.username, { failedAttempts: 0, lockedUntil: null, lastSignInAt: now, passwordHash: rehashed }, now);
    if (rehashed) this.options.log?.(`staff account ${account.username}: password hash upgraded to argon2id`);
    return {
      ok: true,
      user: { username: account.username, displayName: account.displayName, roles: [...account.roles] },
      totpEnrolmentRequired: this.options.policy.requireTotp && !account.totpEnabledAt,
    };
  }

  async standing(username: string, token?: Pick<StaffUser, 'displayName' | 'roles'>): Promise<StaffStanding | undefined> {
    const account = await this.store.find(username);
    if (account) return account.disabledAt ? { status: 'disabled' } : { status: 'active', roles: [...account.roles] };
    if (!token || !isSingleSignOnUsername(username)) return { status: 'absent' };
    // A single sign-on user whose token another Vigil service issued after the provider vouched
    // for them (a reviewer's token forwarded for evidence, say): recorded here at first use, with
    // the roles of the token this service grants, so that from then on they can be seen and
    // disabled here like anyone. A local account, by contrast, must be created here by an administrator.
    const allowed = this.options.allowedRoles;
    const roles = allowed ? token.roles.filter((role) => allowed.includes(role)) : token.roles;
    if (roles.length === 0) return { status: 'absent' };
    const admission = await this.admitSingleSignOn({ username, displayName: token.displayName, roles }, 'token');
    return admission.ok ? { status: 'active', roles: admission.user.roles } : { status: 'disabled' };
  }

  /**
   * The identity provider stays the source of a single sign-on user's roles and name: each
   * sign-in writes them here (the first one creates the row), unless an administrator of this
   * service has disabled the account, which refuses the sign-in as it stops the tokens.
   */
  async admitSingleSignOn(user: StaffUser, via: 'sign-in' | 'token' = 'sign-in'): Promise<SingleSignOnAdmission> {
    const inTransaction = this.options.inTransaction ?? ((work) => work());
    return inTransaction(async () => {
      const now = this.now();
      const roles = [...new Set(user.roles)];
      const created = await this.store.insertIfAbsent({
        username: user.username,
        displayName: user.displayName,
        roles,
        passwordHash: NO_PASSWORD_HASH,
        failedAttempts: 0,
        lastSignInAt: via === 'sign-in' ? now : undefined,
        createdBy: 'single sign-on',
        createdAt: now,
        updatedAt: now,
      });
      const audit = (outcome: string) => this.options.audit.record({ actor: user.username, action: 'sign-in', resourceType: 'staff-sign-in', resourceId: user.username, detail: { outcome, via: via === 'sign-in' ? 'single sign-on' : "another service's single sign-on token" } });
      if (created) {
        await this.options.audit.record({ actor: 'single sign-on', action: 'create', resourceType: 'staff-account', resourceId: user.username, detail: { roles, singleSignOn: true, via } });
      } else {
        if ((await this.store.find(user.username))?.disabledAt) {
          await audit('disabled');
          return { ok: false, reason: 'this account has been disabled in this service: an administrator of this service can enable it' };
        }
        await this.store.update(user.username, { displayName: user.displayName, roles, lastSignInAt: via === 'sign-in' ? now : undefined }, now);
      }
      await audit('ok');
      return { ok: true, user: { ...user, roles } };
    });
  }

  async begin(username: string): Promise<{ secret: string; otpauthUri: string }> {
    const account = await this.activeAccount(username);
    if (isSingleSignOnUsername(username)) throw new ConflictError("totp: this account signs in through the identity provider, whose second factor applies; it has no authenticator here", 'totp');
    if (account.totpEnabledAt) throw new ConflictError('totp: this account already has an authenticator; an administrator can reset it', 'totp');
    const secret = newTotpSecret();
    await this.store.update(username, { totpSecret: await this.options.cipher.seal(Buffer.from(secret, 'utf8'), this.sealContext(username)), totpEnabledAt: null, totpLastStep: null }, this.now());
    await this.options.audit.record({ actor: username, action: 'change', resourceType: 'staff-account', resourceId: username, detail: { change: 'totp-enrolment-started' } });
    return { secret, otpauthUri: totpUri(this.options.issuer, username, secret) };
  }

  async confirm(username: string, code: string): Promise<StaffUser | undefined> {
    const account = await this.activeAccount(username);
    if (account.totpEnabledAt) throw new ConflictError('totp: this account already has an active authenticator', 'totp');
    if (!account.totpSecret) throw new ConflictError('totp: no enrolment in progress: start one with POST /api/v1/auth/totp/enroll', 'totp');
    const now = this.now();
    const step = await acceptedTotpStep(await this.openSecret(account), code, now);
    if (step === undefined) return undefined;
    await this.store.update(username, { totpEnabledAt: now, totpLastStep: step }, now);
    await this.options.audit.record({ actor: username, action: 'change', resourceType: 'staff-account', resourceId: username, detail: { change: 'totp-enabled' } });
    return { username: account.username, displayName: account.displayName, roles: [...account.roles] };
  }

  private async failed(account: StaffAccountRecord, failure: 'credentials' | 'totp-invalid', now: Date): Promise<SignInResult> {
    const { lockoutThreshold, lockoutMinutes } = this.options.policy;
    const lockedUntil = await this.store.recordFailure(account.username, lockoutThreshold, new Date(now.getTime() + lockoutMinutes * 60_000));
    if (!lockedUntil) return { ok: false, failure };
    await this.options.audit.record({ actor: account.username, action: 'change', resourceType: 'staff-account', resourceId: account.username, detail: { change: 'locked', lockedUntil: lockedUntil.toISOString(), after: failure } });
    return { ok: false, failure: 'locked', lockedUntil };
  }

  private async activeAccount(username: string): Promise<StaffAccountRecord> {
    const account = await this.store.find(username);
    if (!account || account.disabledAt) throw new NotFoundError('staff account', username);
    return account;
  }

  private async openSecret(account: StaffAccountRecord): Promise<string> {
    if (!account.totpSecret) throw new Error(`staff account ${account.username} has TOTP enabled but no secret`);
    return Buffer.from(await this.options.cipher.open(account.totpSecret, this.sealContext(account.username))).toString('utf8');
  }

  private sealContext(username: string) {
    return { field: `${this.options.schema}.staff_accounts.totp_secret`, recordId: username };
  }
}
