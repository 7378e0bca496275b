import type { ServiceName } from '@vigil/contracts';
import type { PartnerScope, StaffRole } from '@vigil/security';

/**
 * Who may call what: the reviewed decision for every route of every app. The authorization
 * matrix test (authorization-matrix.e2e-spec.ts) fails when an app serves a route that is not
 * listed here, or when a route listed here is no longer served, and checks every decision over
 * HTTP for anonymous callers, each demo staff role and partner API keys.
 *
 * - `{ public: true }`: anyone, signed in or not.
 * - `{ roles: [...] }`: staff holding one of these roles (admin holds every role).
 *   `'any-staff'` is any signed-in staff member: a deliberate choice, never a default.
 * - `partner: scope`: partners whose API key holds that scope may call it too; without it, a
 *   route refuses API keys.
 */
export type RoutePolicy =
  | { public: true }
  | { roles: StaffRole[] | 'any-staff'; partner?: PartnerScope };

export type AppPolicy = Record<string, RoutePolicy>;

/** Routes every service mounts (bootstrapService): sign-in, health, API keys, the audit log, Swagger. */
const PLATFORM: AppPolicy = {
  'GET /health': { public: true },
  'POST /api/v1/auth/login': { public: true },
  // What the sign-in page offers (single sign-on or not): read before anyone is signed in.
  'GET /api/v1/auth/options': { public: true },
  'GET /api/v1/api-keys': { roles: ['admin'] },
  'POST /api/v1/api-keys': { roles: ['admin'] },
  'POST /api/v1/api-keys/:keyId/revoke': { roles: ['admin'] },
  'GET /api/v1/audit': { roles: ['auditor'] },
  'GET /api/v1/audit/verify': { roles: ['auditor'] },
  // Prometheus uses METRICS_TOKEN; people need admin or auditor (MetricsAccessGuard, not @Roles).
  'GET /metrics': { roles: ['auditor'] },
  // Second factor: any signed-in staff member enrols their own; the enrolment-only token a
  // must-enrol account gets is accepted here and nowhere else.
  'POST /api/v1/auth/totp/enroll': { roles: 'any-staff' },
  'POST /api/v1/auth/totp/confirm': { roles: 'any-staff' },
  // Local staff accounts of this app (argon2, TOTP, lockout): administrators only, every change audited.
  'GET /api/v1/staff-accounts': { roles: ['admin'] },
  'GET /api/v1/staff-accounts/roles': { roles: ['admin'] },
  'POST /api/v1/staff-accounts': { roles: ['admin'] },
  'PUT /api/v1/staff-accounts/:username/roles': { roles: ['admin'] },
  'POST /api/v1/staff-accounts/:username/disable': { roles: ['admin'] },
  'POST /api/v1/staff-accounts/:username/enable': { roles: ['admin'] },
  'POST /api/v1/staff-accounts/:username/reset-password': { roles: ['admin'] },
  'POST /api/v1/staff-accounts/:username/reset-totp': { roles: ['admin'] },
  // The API description is public: it documents the API, it serves no data.
  'GET /docs': { public: true },
  'GET /docs-json': { public: true },
  'GET /docs-yaml': { public: true },
  'GET /docs/LICENSE': { public: true },
  'GET /docs/index.html': { public: true },
  'GET /docs/swagger-ui-init.js': { public: true },
  'GET /docs/docs/swagger-ui-init.js': { public: true },
  'USE /docs': { public: true },
};

const ANALYSTS: StaffRole[] = ['analyst', 'supervisor'];
const TRIAGE_AND_HASH_STAFF: StaffRole[] = ['analyst', 'supervisor', 'reviewer', 'bank-curator'];
const BANK_READERS: StaffRole[] = ['reviewer', 'bank-curator'];
const REVIEWERS: StaffRole[] = ['reviewer', 'supervisor'];
const CASE_READERS: StaffRole[] = ['investigator', 'supervisor', 'victim-id-officer'];
const INVESTIGATORS: StaffRole[] = ['investigator', 'supervisor'];
const VICTIM_ID: StaffRole[] = ['victim-id-officer', 'supervisor'];

export const AUTHORIZATION_POLICY: Record<ServiceName, AppPolicy> = {
  tipline: {
    ...PLATFORM,
    'POST /api/v1/reports': { public: true },
    // The reporter's follow-up: public, but only with the secret given at submission (404 otherwise).
    'POST /api/v1/reports/:reference/follow-ups': { public: true },
    // The reporter's own contact details, sealed apart from the report: read separately, audited.
    'GET /api/v1/reports/:id/reporter-contact': { roles: ANALYSTS },
    'GET /api/v1/reports': { roles: ANALYSTS },
    'GET /api/v1/reports/:idOrReference': { roles: ANALYSTS },
    'GET /api/v1/reports/:id/related': { roles: ANALYSTS },
    'GET /api/v1/reports/:id/timeline': { roles: ANALYSTS },
    'GET /api/v1/reports/:id/triage': { roles: ANALYSTS },
    'POST /api/v1/reports/:id/assign': { roles: ['supervisor'] },
    'POST /api/v1/reports/:id/claim': { roles: ANALYSTS },
    'POST /api/v1/reports/:id/release': { roles: ANALYSTS },
    'POST /api/v1/reports/:id/classification': { roles: ANALYSTS },
    'POST /api/v1/reports/:id/incidents': { roles: ANALYSTS },
    'POST /api/v1/reports/:id/notes': { roles: ANALYSTS },
    'POST /api/v1/reports/:id/priority': { roles: ANALYSTS },
    'POST /api/v1/reports/:id/escalate': { roles: ANALYSTS },
    'POST /api/v1/reports/:id/decisions/close': { roles: ANALYSTS },
    'POST /api/v1/reports/:id/decisions/forward': { roles: ANALYSTS },
    'POST /api/v1/reports/:id/decisions/takedown': { roles: ANALYSTS },
    'GET /api/v1/figures': { roles: ANALYSTS },
    // Media of a report: the analysts triaging it and the hash reviewers classifying it.
    'GET /api/v1/evidence/:mediaId': { roles: ['reviewer', 'analyst', 'supervisor'] },
    'POST /api/v1/industry-reports': { roles: ANALYSTS, partner: 'industry-reports' },
    'POST /api/v1/industry-reports/cybertip': { roles: ANALYSTS, partner: 'industry-reports' },
    'GET /api/v1/industry-reports/:reportId': { roles: ANALYSTS },
  },

  'hash-detection': {
    ...PLATFORM,
    // The match API and its Arachnid Shield and HMA-compatible forms: industry partners and hash staff.
    'POST /api/v1/match': { roles: BANK_READERS, partner: 'match' },
    'POST /v1/media': { roles: BANK_READERS, partner: 'match' },
    'POST /v1/pdq': { roles: BANK_READERS, partner: 'match' },
    'GET /h/hash': { roles: BANK_READERS, partner: 'match' },
    'POST /h/hash': { roles: BANK_READERS, partner: 'match' },
    'GET /m/lookup': { roles: BANK_READERS, partner: 'match' },
    'POST /m/lookup': { roles: BANK_READERS, partner: 'match' },
    'GET /m/raw_lookup': { roles: BANK_READERS, partner: 'match' },
    'GET /api/v1/banks': { roles: BANK_READERS },
    'POST /api/v1/banks': { roles: ['bank-curator'] },
    'GET /api/v1/banks/:id': { roles: BANK_READERS },
    'PATCH /api/v1/banks/:id': { roles: ['bank-curator'] },
    'GET /api/v1/banks/:id/changes': { roles: BANK_READERS, partner: 'bank-changes' },
    'GET /api/v1/banks/:id/entries': { roles: BANK_READERS },
    'POST /api/v1/banks/:id/entries': { roles: ['bank-curator'] },
    'GET /api/v1/banks/:id/entries/:entryId': { roles: BANK_READERS },
    'PATCH /api/v1/banks/:id/entries/:entryId': { roles: ['bank-curator'] },
    'POST /api/v1/banks/:id/entries/:entryId/disable': { roles: ['bank-curator'] },
    'POST /api/v1/banks/:id/entries/:entryId/enable': { roles: ['bank-curator'] },
    'GET /api/v1/banks/:id/export': { roles: ['bank-curator'] },
    'POST /api/v1/banks/:id/import': { roles: ['bank-curator'] },
    'GET /api/v1/index/status': { roles: BANK_READERS },
    'POST /api/v1/index/snapshot': { roles: ['bank-curator'] },
    'GET /api/v1/review/queue': { roles: REVIEWERS },
    'GET /api/v1/review/exposure': { roles: REVIEWERS },
    'POST /api/v1/review/next': { roles: ['reviewer'] },
    'GET /api/v1/review/items': { roles: ['supervisor'] },
    'GET /api/v1/review/items/:id': { roles: REVIEWERS },
    'GET /api/v1/review/items/:id/preview': { roles: REVIEWERS },
    'POST /api/v1/review/items/:id/reveal': { roles: REVIEWERS },
    'POST /api/v1/review/items/:id/decisions': { roles: ['reviewer'] },
    'POST /api/v1/review/items/:id/release': { roles: ['reviewer'] },
    'POST /api/v1/review/items/:id/override': { roles: ['supervisor', 'bank-curator'] },
    'GET /api/v1/urls': { roles: TRIAGE_AND_HASH_STAFF },
    'GET /api/v1/urls/:id': { roles: TRIAGE_AND_HASH_STAFF },
    // Industry partners report URLs they saw hosting matched media, with their match key.
    'POST /api/v1/urls/observations': { roles: TRIAGE_AND_HASH_STAFF, partner: 'match' },
    'POST /api/v1/urls/:id/notices': { roles: ANALYSTS },
    'POST /api/v1/urls/:id/status': { roles: ANALYSTS },
    'GET /api/v1/providers': { roles: TRIAGE_AND_HASH_STAFF },
    'POST /api/v1/providers': { roles: ['supervisor', 'bank-curator'] },
    'PATCH /api/v1/providers/:id': { roles: ['supervisor', 'bank-curator'] },
    'GET /api/v1/takedown/blocklist': { roles: TRIAGE_AND_HASH_STAFF },
    'GET /api/v1/takedown/figures': { roles: TRIAGE_AND_HASH_STAFF },
  },

  'referral-hub': {
    ...PLATFORM,
    // Foreign police and industry send referrals and NCMEC-style reports with their keys.
    'POST /api/v1/intake/referrals': { roles: INVESTIGATORS, partner: 'referrals' },
    'POST /api/v1/intake/cybertip': { roles: INVESTIGATORS, partner: 'industry-reports' },
    'GET /api/v1/triage/queue': { roles: INVESTIGATORS },
    'POST /api/v1/referrals/:id/triage': { roles: ['investigator'] },
    'GET /api/v1/referrals/:id/original': { roles: CASE_READERS },
    'GET /api/v1/cases': { roles: CASE_READERS },
    'GET /api/v1/cases/:id': { roles: CASE_READERS },
    'GET /api/v1/cases/:id/links': { roles: CASE_READERS },
    'POST /api/v1/cases/:id/merge': { roles: INVESTIGATORS },
    'POST /api/v1/cases/:id/split': { roles: INVESTIGATORS },
    'GET /api/v1/cases/:id/jurisdiction': { roles: CASE_READERS },
    'POST /api/v1/cases/:id/jurisdiction': { roles: INVESTIGATORS },
    'GET /api/v1/cases/:id/packages': { roles: CASE_READERS },
    'POST /api/v1/cases/:id/packages': { roles: ['investigator'] },
    'GET /api/v1/cases/:id/packages/:version': { roles: CASE_READERS },
    'POST /api/v1/cases/:id/disseminate': { roles: ['investigator'] },
    'GET /api/v1/cases/:id/disseminations': { roles: CASE_READERS },
    // The police service of jurisdiction pulls what was sent to it, and only that.
    'GET /api/v1/partner/referrals': { roles: INVESTIGATORS, partner: 'referrals' },
    'GET /api/v1/partner/referrals/:id/package': { roles: INVESTIGATORS, partner: 'referrals' },
    'GET /api/v1/partner/referrals/:id/package.pdf': { roles: INVESTIGATORS, partner: 'referrals' },
    'GET /api/v1/partner/referrals/:id/package.xml': { roles: INVESTIGATORS, partner: 'referrals' },
    'GET /api/v1/partner/referrals/:id/manifest': { roles: INVESTIGATORS, partner: 'referrals' },
    'POST /api/v1/partner/referrals/:id/acknowledge': { roles: INVESTIGATORS, partner: 'referrals' },
    'POST /api/v1/partner/referrals/:id/outcomes': { roles: INVESTIGATORS, partner: 'referrals' },
    'GET /api/v1/victims': { roles: VICTIM_ID },
    'GET /api/v1/victims/figures': { roles: VICTIM_ID },
    'GET /api/v1/victims/:id': { roles: VICTIM_ID },
    'POST /api/v1/victims': { roles: ['victim-id-officer'] },
    'POST /api/v1/victims/:id/icse': { roles: ['victim-id-officer'] },
    // Aggregates (victim counts suppressed below 5) and public reference data: every hub reader.
    'GET /api/v1/figures': { roles: CASE_READERS },
    'GET /api/v1/police-services': { roles: CASE_READERS },
  },
};
