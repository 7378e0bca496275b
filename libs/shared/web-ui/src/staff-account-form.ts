import { ApiError } from './api-client';

/**
 * The rules of the staff-account forms, checked in the browser before anything is sent. They
 * repeat the API's (libs/shared/security staff-accounts: ASVS 2.1.1, 12 to 200 characters), which
 * a browser library may not import; the server still decides.
 */
export const STAFF_PASSWORD_MIN_LENGTH = 12;
export const STAFF_PASSWORD_MAX_LENGTH = 200;
const USERNAME = /^[a-z0-9][a-z0-9._@-]{0,99}$/;
const DISPLAY_NAME_MAX_LENGTH = 200;
/** How class-validator's messages for each field begin. */
const MESSAGE_OF: Record<StaffAccountField, RegExp> = { username: /^username\b/, displayName: /^displayName\b/, roles: /^(roles|each role)\b/, password: /^password\b/ };

export type StaffAccountField = 'username' | 'displayName' | 'roles' | 'password';

/** A problem with one field: a translation key (under `ui.accounts.problems`) or the server's own words. */
export type FieldProblem = { field: StaffAccountField; key: string; values?: Record<string, unknown> } | { field: StaffAccountField; message: string };

export function passwordProblems(password: string): FieldProblem[] {
  if (password.length < STAFF_PASSWORD_MIN_LENGTH) return [{ field: 'password', key: 'ui.accounts.problems.passwordTooShort', values: { min: STAFF_PASSWORD_MIN_LENGTH } }];
  if (password.length > STAFF_PASSWORD_MAX_LENGTH) return [{ field: 'password', key: 'ui.accounts.problems.passwordTooLong', values: { max: STAFF_PASSWORD_MAX_LENGTH } }];
  return [];
}

export function rolesProblems(roles: readonly string[]): FieldProblem[] {
  return roles.length === 0 ? [{ field: 'roles', key: 'ui.accounts.problems.rolesRequired' }] : [];
}

export function newAccountProblems(draft: { username: string; displayName: string; roles: readonly string[]; password: string }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!USERNAME.test(draft.username)) problems.push({ field: 'username', key: draft.username ? 'ui.accounts.problems.usernameFormat' : 'ui.accounts.problems.usernameRequired' });
  if (!draft.displayName.trim()) problems.push({ field: 'displayName', key: 'ui.accounts.problems.displayNameRequired' });
  else if (draft.displayName.length > DISPLAY_NAME_MAX_LENGTH) problems.push({ field: 'displayName', key: 'ui.accounts.problems.displayNameTooLong', values: { max: DISPLAY_NAME_MAX_LENGTH } });
  return [...problems, ...rolesProblems(draft.roles), ...passwordProblems(draft.password)];
}

/**
 * The field a refusal of the API concerns, and its words without the field's name. Domain
 * refusals name it (`field: "username"`, "username: an account named … already exists");
 * class-validator's start with it ("password must be at least 12 characters"). Undefined for a
 * refusal of no field of this form (403, 5xx, a network failure): the page shows it as it is.
 */
export function problemFromRefusal(error: unknown, fields: readonly StaffAccountField[]): FieldProblem | undefined {
  if (!(error instanceof ApiError) || (error.status !== 400 && error.status !== 409)) return undefined;
  const named = fields.find((field) => field === error.field) ?? fields.find((field) => MESSAGE_OF[field].test(error.message));
  if (!named) return undefined;
  return { field: named, message: withoutFieldName(error.message, named) };
}

/** "username: an administrator cannot…" → "an administrator cannot…": the page already says which field. */
export function withoutFieldName(message: string, field?: string): string {
  return field && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
}
