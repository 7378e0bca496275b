import { ApiError } from './api-client';
import { newAccountProblems, passwordProblems, problemFromRefusal, rolesProblems } from './staff-account-form';

describe('staff account form rules', () => {
  const valid = { username: 'new.analyst', displayName: 'New Analyst', roles: ['analyst'], password: 'a first passphrase' };

  it('takes a valid new account', () => {
    expect(newAccountProblems(valid)).toEqual([]);
    expect(newAccountProblems({ ...valid, username: 'sam@example.org', password: 'x'.repeat(12) })).toEqual([]);
  });

  it('names each field that breaks the API’s rules', () => {
    expect(newAccountProblems({ username: '', displayName: ' ', roles: [], password: 'short' })).toEqual([
      { field: 'username', key: 'ui.accounts.problems.usernameRequired' },
      { field: 'displayName', key: 'ui.accounts.problems.displayNameRequired' },
      { field: 'roles', key: 'ui.accounts.problems.rolesRequired' },
      { field: 'password', key: 'ui.accounts.problems.passwordTooShort', values: { min: 12 } },
    ]);
    for (const username of ['New.Analyst', '.analyst', 'oidc:someone', 'a'.repeat(101), 'with space']) {
      expect(newAccountProblems({ ...valid, username })).toEqual([{ field: 'username', key: 'ui.accounts.problems.usernameFormat' }]);
    }
    expect(newAccountProblems({ ...valid, displayName: 'x'.repeat(201) })).toEqual([{ field: 'displayName', key: 'ui.accounts.problems.displayNameTooLong', values: { max: 200 } }]);
  });

  it('takes passwords of 12 to 200 characters, and at least one role', () => {
    expect(passwordProblems('x'.repeat(11))).toHaveLength(1);
    expect(passwordProblems('x'.repeat(200))).toEqual([]);
    expect(passwordProblems('x'.repeat(201))).toEqual([{ field: 'password', key: 'ui.accounts.problems.passwordTooLong', values: { max: 200 } }]);
    expect(rolesProblems([])).toHaveLength(1);
    expect(rolesProblems(['admin'])).toEqual([]);
  });

  it('ties the API’s refusals to their field: by the field it names, or by how class-validator’s message begins', () => {
    const fields = ['username', 'displayName', 'roles', 'password'] as const;
    expect(problemFromRefusal(new ApiError(409, 'username: an account named new.analyst already exists', 'username'), fields)).toEqual({ field: 'username', message: 'an account named new.analyst already exists' });
    expect(problemFromRefusal(new ApiError(400, 'password must be at least 12 characters'), fields)).toEqual({ field: 'password', message: 'password must be at least 12 characters' });
    expect(problemFromRefusal(new ApiError(400, 'each role must be one of: analyst, admin'), fields)).toMatchObject({ field: 'roles' });
    expect(problemFromRefusal(new ApiError(400, 'roles: wizard is not a role of this service', 'roles'), ['password'])).toBeUndefined();
  });

  it('leaves other failures to the page: no field of the form, not a refusal, not an API error', () => {
    const fields = ['password'] as const;
    expect(problemFromRefusal(new ApiError(400, 'username: an administrator cannot disable their own account', 'username'), fields)).toBeUndefined();
    expect(problemFromRefusal(new ApiError(403, 'this action needs one of the roles: admin'), fields)).toBeUndefined();
    expect(problemFromRefusal(new ApiError(500, 'password store unavailable'), fields)).toBeUndefined();
    expect(problemFromRefusal(new Error('Failed to fetch'), fields)).toBeUndefined();
  });
});
