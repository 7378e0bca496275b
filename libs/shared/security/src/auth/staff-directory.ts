import { hashPassword, unknownUserHash, verifyPassword } from './password';

/** Staff roles. Each app grants its endpoints to the roles that do that work; admin holds all. */
export const STAFF_ROLES = ['analyst', 'supervisor', 'reviewer', 'bank-curator', 'investigator', 'victim-id-officer', 'auditor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffUser {
  username: string;
  displayName: string;
  roles: StaffRole[];
}

export interface StaffAccount extends StaffUser {
  passwordHash: string;
}

export interface SignInAttempt {
  username: string;
  password: string;
  /** The current code of the account's authenticator app, when it has enrolled one. */
  totpCode?: string;
}

/**
 * Why a sign-in was refused. `credentials` covers an unknown user, a wrong password and a
 * disabled account alike, so the answer never tells which usernames exist.
 */
export type SignInFailure = 'credentials' | 'locked' | 'totp-missing' | 'totp-invalid';

export type SignInResult =
  | { ok: true; user: StaffUser; /** Second factor required but not enrolled yet: the token may only enrol one. */ totpEnrolmentRequired: boolean }
  | { ok: false; failure: SignInFailure; lockedUntil?: Date };

/** A staff member's authenticator-app enrolment: the secret is shown once, then confirmed with a code. */
export interface TotpEnrolment {
  begin(username: string): Promise<{ secret: string; otpauthUri: string }>;
  /** Activates the pending secret when the code matches it (returning the account); undefined when it does not. */
  confirm(username: string, code: string): Promise<StaffUser | undefined>;
}

/**
 * What a staff account's tokens may do in this service now, whatever they said when issued:
 * act with the roles the account holds here, nothing once it is disabled, and nothing where it
 * has no account (roles are per service; a token issued by another service is no account here).
 */
export type StaffStanding = { status: 'active'; roles: StaffRole[] } | { status: 'disabled' } | { status: 'absent' };

/** A single sign-on user let in (with the roles recorded for them here), or refused (an administrator disabled them here). */
export type SingleSignOnAdmission = { ok: true; user: StaffUser } | { ok: false; reason: string };

/** Where staff sign in: the service's database accounts (SqlStaffDirectory) or a fixed list. */
export interface StaffDirectory {
  signIn(attempt: SignInAttempt): Promise<SignInResult>;
  /**
   * The account as it stands now, looked up on every staff request: a disabled account's tokens
   * stop working at once, and a change of roles applies to the next request, not when the token
   * expires. Absent, or undefined for a user the directory does not manage, whose token's roles stand.
   * `token` is what the token says of its holder: a single sign-on user's token issued by another
   * service is how such a user first arrives in a service they have not signed in to.
   */
  standing?(username: string, token?: Pick<StaffUser, 'displayName' | 'roles'>): Promise<StaffStanding | undefined>;
  /**
   * Records a user the identity provider has just vouched for, so that this service knows them:
   * an administrator can see and disable them here, and their tokens follow their row like any
   * account's. Absent when the directory keeps no accounts (a fixed list).
   */
  admitSingleSignOn?(user: StaffUser): Promise<SingleSignOnAdmission>;
  /** Absent when the directory has no second factor (a fixed list). */
  readonly totp?: TotpEnrolment;
}

export const STAFF_DIRECTORY = Symbol('StaffDirectory');

/** A fixed list of accounts, without second factor or lockout: for tests. */
export class InMemoryStaffDirectory implements StaffDirectory {
  private readonly accounts = new Map<string, StaffAccount>();

  constructor(accounts: StaffAccount[] = []) {
    for (const account of accounts) this.accounts.set(account.username, account);
  }

  async signIn({ username, password }: SignInAttempt): Promise<SignInResult> {
    const account = this.accounts.get(username);
    // Verify against a dummy hash when the user is unknown so timing does not reveal usernames.
    const ok = await verifyPassword(password, account?.passwordHash ?? (await unknownUserHash()));
    if (!account || !ok) return { ok: false, failure: 'credentials' };
    return { ok: true, user: { username: account.username, displayName: account.displayName, roles: [...account.roles] }, totpEnrolmentRequired: false };
  }
}

/** Demo staff for embedded mode and tests only; printed at start. Never enabled in production. */
export const DEMO_STAFF: ReadonlyArray<StaffUser & { password: string }> = [
  { username: 'analyst', displayName: 'Demo Analyst', roles: ['analyst'], password: 'vigil-demo-analyst' },
  { username: 'supervisor', displayName: 'Demo Supervisor', roles: ['analyst', 'supervisor'], password: 'vigil-demo-supervisor' },
  { username: 'reviewer', displayName: 'Demo Reviewer', roles: ['reviewer', 'bank-curator'], password: 'vigil-demo-reviewer' },
  { username: 'investigator', displayName: 'Demo Investigator', roles: ['investigator'], password: 'vigil-demo-investigator' },
  { username: 'victimid', displayName: 'Demo Victim-ID Officer', roles: ['victim-id-officer', 'investigator'], password: 'vigil-demo-victimid' },
  { username: 'auditor', displayName: 'Demo Auditor', roles: ['auditor'], password: 'vigil-demo-auditor' },
  { username: 'admin', displayName: 'Demo Administrator', roles: ['admin'], password: 'vigil-demo-admin' },
];

/** The demo staff with their passwords hashed, as seeded into each service's staff accounts. */
export function demoStaffAccounts(): Promise<StaffAccount[]> {
  return Promise.all(DEMO_STAFF.map(async ({ password, ...user }) => ({ ...user, roles: [...user.roles], passwordHash: await hashPassword(password) })));
}

export async function demoStaffDirectory(): Promise<InMemoryStaffDirectory> {
  return new InMemoryStaffDirectory(await demoStaffAccounts());
}
