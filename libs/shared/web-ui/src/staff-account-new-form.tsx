// The Accounts page's form for a new account, checked here first and then by the server.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from './api-client';
import { newAccountProblems, type StaffAccountField } from './staff-account-form';
import { Field, PasswordField, ProblemSummary, Refusal, RoleChoices, useProblems } from './staff-account-fields';

const NEW_ACCOUNT_FIELDS: readonly StaffAccountField[] = ['username', 'displayName', 'roles', 'password'];

export function NewAccountForm({ api, serviceRoles, roleName, onCreated }: { api: ApiClient; serviceRoles: readonly string[]; roleName: (role: string) => string; onCreated: (username: string) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [password, setPassword] = useState('');
  const form = useProblems(NEW_ACCOUNT_FIELDS);
  const submit = (event: FormEvent) => {
    const draft = { username: username.trim(), displayName: displayName.trim(), roles, password };
    return form.attempt(event, newAccountProblems(draft), async () => {
      const created = await api.createStaffAccount(draft);
      setUsername('');
      setDisplayName('');
      setRoles([]);
      setPassword('');
      onCreated(created.username);
    });
  };
  const field = (id: string, name: 'username' | 'displayName', value: string, onChange: (value: string) => void, hint?: string) => (
    <Field id={id} label={t(`ui.accounts.create.${name}`)} hint={hint} error={form.errorOf(name)}>
      {(describedBy, invalid) => (
        <input id={id} name={name} autoComplete="off" spellCheck={false} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={value} onChange={(event) => onChange(event.target.value)} />
      )}
    </Field>
  );
  return (
    <section className="vigil-panel" aria-labelledby="account-create-title">
      <h2 id="account-create-title">{t('ui.accounts.create.title')}</h2>
      <form className="vigil-account-form" noValidate onSubmit={(event) => void submit(event)}>
        <ProblemSummary
          problems={form.problems}
          summary={form.summary}
          targets={{ username: 'account-username', displayName: 'account-display-name', roles: `account-create-roles-${serviceRoles[0]}`, password: 'account-password' }}
        />
        {field('account-username', 'username', username, setUsername, t('ui.accounts.create.usernameHint'))}
        {field('account-display-name', 'displayName', displayName, setDisplayName)}
        <RoleChoices id="account-create-roles" legend={t('ui.accounts.rolesLegend')} serviceRoles={serviceRoles} chosen={roles} onChange={setRoles} roleName={roleName} error={form.errorOf('roles')} />
        <PasswordField id="account-password" label={t('ui.accounts.create.password')} value={password} onChange={setPassword} error={form.errorOf('password')} />
        <div>
          <button type="submit" disabled={form.busy}>
            {form.busy ? t('ui.accounts.create.submitting') : t('ui.accounts.create.submit')}
          </button>
        </div>
      </form>
      <Refusal error={form.failure} />
    </section>
  );
}

/**
 * A form's problems: those found before sending, or the API's refusal of one of its fields;
 * any other failure is kept apart for the page to show. On problems the summary takes focus,
 * so it is read out and a keyboard user starts there.
 */
