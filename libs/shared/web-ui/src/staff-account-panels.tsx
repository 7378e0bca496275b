// One account's actions on the Accounts page: its roles, a new password, and the confirmations (disable, reset the authenticator).
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient, StaffAccount } from './api-client';
import { passwordProblems, rolesProblems } from './staff-account-form';
import { FormButtons, PasswordField, ProblemSummary, Refusal, RoleChoices, useProblems } from './staff-account-fields';

interface PanelProps {
  api: ApiClient;
  account: StaffAccount;
  /** With the translation key of what was done (`…done`, taking the username). */
  onDone: (doneKey: string) => void;
  onCancel: () => void;
}

/** One account's action below the list; its heading takes focus, so a screen reader says what opened. */
function ActionPanel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="vigil-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}

export function RolesPanel({ api, account, onDone, onCancel, serviceRoles, roleName }: PanelProps & { serviceRoles: readonly string[]; roleName: (role: string) => string }) {
  const { t } = useTranslation();
  const [roles, setRoles] = useState<string[]>(account.roles);
  const form = useProblems(['roles']);
  const submit = (event: FormEvent) =>
    form.attempt(event, rolesProblems(roles), async () => {
      await api.setStaffRoles(account.username, roles);
      onDone('ui.accounts.changeRoles.done');
    });
  return (
    <ActionPanel id="account-roles" title={t('ui.accounts.changeRoles.title', { username: account.username })}>
      <form className="vigil-account-form" noValidate onSubmit={(event) => void submit(event)}>
        <ProblemSummary problems={form.problems} summary={form.summary} targets={{ roles: `account-roles-${serviceRoles[0]}` }} />
        <RoleChoices id="account-roles" legend={t('ui.accounts.rolesLegend')} serviceRoles={serviceRoles} chosen={roles} onChange={setRoles} roleName={roleName} error={form.errorOf('roles')} />
        <FormButtons busy={form.busy} submit={t('ui.accounts.changeRoles.submit')} onCancel={onCancel} />
      </form>
      <Refusal error={form.failure} />
    </ActionPanel>
  );
}

export function PasswordPanel({ api, account, onDone, onCancel }: PanelProps) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const form = useProblems(['password']);
  const submit = (event: FormEvent) =>
    form.attempt(event, passwordProblems(password), async () => {
      await api.resetStaffPassword(account.username, password);
      onDone('ui.accounts.resetPassword.done');
    });
  return (
    <ActionPanel id="account-password" title={t('ui.accounts.resetPassword.title', { username: account.username })}>
      <form className="vigil-account-form" noValidate onSubmit={(event) => void submit(event)}>
        <ProblemSummary problems={form.problems} summary={form.summary} targets={{ password: 'account-new-password' }} />
        <PasswordField id="account-new-password" label={t('ui.accounts.resetPassword.password')} value={password} onChange={setPassword} error={form.errorOf('password')} />
        <FormButtons busy={form.busy} submit={t('ui.accounts.resetPassword.submit')} onCancel={onCancel} />
      </form>
      <Refusal error={form.failure} />
    </ActionPanel>
  );
}

/** Disable, or reset the authenticator: said in words first, done only when confirmed. */
export function ConfirmPanel({ account, onDone, onCancel, kind, run, danger = false }: PanelProps & { kind: 'disable' | 'resetTotp'; run: () => Promise<unknown>; danger?: boolean }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const confirm = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await run();
      onDone(`ui.accounts.${kind}.done`);
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };
  const id = `account-${kind}`;
  return (
    <ActionPanel id={id} title={t(`ui.accounts.${kind}.title`, { username: account.username })}>
      <p id={`${id}-warning`}>{t(`ui.accounts.${kind}.warning`, { username: account.username })}</p>
      <div className="vigil-actions">
        <button type="button" className={danger ? 'vigil-danger' : undefined} aria-describedby={`${id}-warning`} disabled={busy} onClick={() => void confirm()}>
          {t(`ui.accounts.${kind}.submit`)}
        </button>
        <button type="button" className="vigil-secondary" onClick={onCancel}>
          {t('ui.accounts.cancel')}
        </button>
      </div>
      <Refusal error={failure} />
    </ActionPanel>
  );
}
