import { hashPassword, verifyPassword } from './password';

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

/** Where staff accounts come from. Issue-6 work replaces the in-memory adapter with a database one. */
export interface StaffDirectory {
  authenticate(username: string, password: string): Promise<StaffUser | undefined>;
}

export const STAFF_DIRECTORY = Symbol('StaffDirectory');

export class InMemoryStaffDirectory implements StaffDirectory {
  private readonly accounts = new Map<string, StaffAccount>();

  constructor(accounts: StaffAccount[] = []) {
    for (const account of accounts) this.accounts.set(account.username, account);
  }

  async authenticate(username: string, password: string): Promise<StaffUser | undefined> {
    const account = this.accounts.get(username);
    // Verify against a dummy hash when the user is unknown so timing does not reveal usernames.
    const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || !ok) return undefined;
    return { username: account.username, displayName: account.displayName, roles: [...account.roles] };
  }
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

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

export async function demoStaffDirectory(): Promise<InMemoryStaffDirectory> {
  const accounts = await Promise.all(
    DEMO_STAFF.map(async ({ password, ...user }) => ({ ...user, passwordHash: await hashPassword(password) })),
  );
  return new InMemoryStaffDirectory(accounts);
}
