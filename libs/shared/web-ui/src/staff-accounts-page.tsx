import { useEffect, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiClient, type StaffAccount } from './api-client';
import { DataTable } from './data-table';
import { ErrorNotice } from './error-notice';
import {
  newAccountProblems,
  passwordProblems,
  problemFromRefusal,
  rolesProblems,
  STAFF_PASSWORD_MAX_LENGTH,
  STAFF_PASSWORD_MIN_LENGTH,
  withoutFieldName,
  type FieldProblem,
  type StaffAccountField,
} from './staff-account-form';
import { useLoad } from './use-load';
import { usePageTitle } from './use-page-title';

type ActionKind = 'roles' | 'password' | 'totp' | 'disable';

/** The button that opened an action, to give focus back to when it closes. */
const actionButtonId = (account: StaffAccount, kind: ActionKind | 'enable') => `staff-account-action-${kind === 'enable' ? 'disable' : kind}-${account.username}`;

function focusSoon(id: string): void {
  setTimeout(() => document.getElementById(id)?.focus(), 0);
}

/**
 * This service's staff accounts, for its administrators (the same page in every staff UI):
 * the list, a form to create an account with the roles the service grants, and per account
 * its roles, disable/enable, a new password and a reset of the authenticator. A single sign-on
 * account's roles, password and second factor belong to the identity provider, so only
 * disable/enable is offered for it. Every result is announced in a polite live region and
 * the list reloaded; the server decides, and its refusals are shown in its words.
 */
export function StaffAccountsPage({ api, appName }: { api: ApiClient; appName: string }) {
  const { t } = useTranslation();
  const title = t('ui.accounts.title');
  usePageTitle(title, appName);
  const dateTime = useDateTime();
  const accounts = useLoad(() => api.staffAccounts(), [api]);
  const serviceRoles = useLoad(() => api.staffRoles(), [api]);
  const [action, setAction] = useState<{ kind: ActionKind; account: StaffAccount }>();
  // Kept as a key, so it follows a change of language like the rest of the page.
  const [announcement, setAnnouncement] = useState<{ key: string; username: string }>();
  const [failure, setFailure] = useState<unknown>();
  const me = api.currentUser()?.username;
  const roleName = (role: string) => t(`ui.accounts.roleNames.${role}`, { defaultValue: role });

  const open = (kind: ActionKind, account: StaffAccount) => {
    setAnnouncement(undefined);
    setFailure(undefined);
    setAction({ kind, account });
  };
  const close = () => {
    if (action) focusSoon(actionButtonId(action.account, action.kind));
    setAction(undefined);
  };
  const done = (key: string) => {
    close();
    setAnnouncement({ key, username: action?.account.username ?? '' });
    accounts.reload();
  };
  const enable = async (account: StaffAccount) => {
    setAction(undefined);
    setAnnouncement(undefined);
    setFailure(undefined);
    try {
      await api.enableStaffAccount(account.username);
      setAnnouncement({ key: 'ui.accounts.enable.done', username: account.username });
      focusSoon(actionButtonId(account, 'enable'));
      accounts.reload();
    } catch (error) {
      setFailure(error);
    }
  };

  const actionButton = (account: StaffAccount, kind: ActionKind, key: string) => (
    <button
      type="button"
      id={actionButtonId(account, kind)}
      className="vigil-secondary"
      aria-label={t(`ui.accounts.${key}.label`, { username: account.username })}
      aria-expanded={action?.account.username === account.username && action.kind === kind}
      onClick={() => open(kind, account)}
    >
      {t(`ui.accounts.${key}.button`)}
    </button>
  );

  const panelProps = action && { api, account: action.account, onDone: done, onCancel: close };
  // Someone without the role who reached the page (the apps offer it to administrators only): one notice, nothing else.
  if (accounts.error instanceof ApiError && accounts.error.status === 403) {
    return (
      <>
        <h1>{title}</h1>
        <ErrorNotice error={accounts.error} />
      </>
    );
  }
  return (
    <>
      <h1>{title}</h1>
      <p className="vigil-muted">{t('ui.accounts.intro')}</p>
      <div aria-live="polite">{announcement && <p className="vigil-success">{t(announcement.key, { username: announcement.username })}</p>}</div>
      <ErrorNotice error={accounts.error} />
      <Refusal error={failure} />
      {accounts.data && (
        <DataTable<StaffAccount>
          caption={t('ui.accounts.listCaption')}
          hideCaption
          rows={accounts.data}
          rowKey={(account) => account.username}
          columns={[
            { key: 'username', header: t('ui.accounts.username'), render: (account) => (account.username === me ? t('ui.accounts.you', { username: account.username }) : account.username) },
            { key: 'name', header: t('ui.accounts.displayName'), render: (account) => account.displayName },
            { key: 'roles', header: t('ui.accounts.roles'), render: (account) => account.roles.map(roleName).join(', ') },
            {
              key: 'status',
              header: t('ui.accounts.status'),
              render: (account) => (account.status === 'locked' && account.lockedUntil ? t('ui.accounts.lockedUntil', { date: dateTime(account.lockedUntil) }) : t(`ui.accounts.statuses.${account.status}`)),
            },
            { key: 'signIn', header: t('ui.accounts.signIn'), render: (account) => t(`ui.accounts.signInKinds.${account.signIn}`) },
            { key: 'totp', header: t('ui.accounts.totp'), render: (account) => t(`ui.accounts.totpStates.${account.signIn === 'single-sign-on' ? 'provider' : account.totp}`) },
            { key: 'lastSignIn', header: t('ui.accounts.lastSignIn'), render: (account) => (account.lastSignInAt ? dateTime(account.lastSignInAt) : t('ui.accounts.never')) },
            {
              key: 'actions',
              header: t('ui.accounts.actions'),
              render: (account) => (
                <div className="vigil-actions">
                  {account.signIn === 'local' ? (
                    <>
                      {actionButton(account, 'roles', 'changeRoles')}
                      {actionButton(account, 'password', 'resetPassword')}
                      {actionButton(account, 'totp', 'resetTotp')}
                    </>
                  ) : (
                    <span className="vigil-muted">{t('ui.accounts.managedByProvider')}</span>
                  )}
                  {account.status === 'disabled' ? (
                    <button type="button" className="vigil-secondary" id={actionButtonId(account, 'enable')} aria-label={t('ui.accounts.enable.label', { username: account.username })} onClick={() => void enable(account)}>
                      {t('ui.accounts.enable.button')}
                    </button>
                  ) : (
                    actionButton(account, 'disable', 'disable')
                  )}
                </div>
              ),
            },
          ]}
        />
      )}
      {action && panelProps && (
        <>
          {action.kind === 'roles' && <RolesPanel key={action.account.username} {...panelProps} serviceRoles={serviceRoles.data ?? []} roleName={roleName} />}
          {action.kind === 'password' && <PasswordPanel key={action.account.username} {...panelProps} />}
          {action.kind === 'totp' && <ConfirmPanel key={action.account.username} {...panelProps} kind="resetTotp" run={() => api.resetStaffTotp(action.account.username)} />}
          {action.kind === 'disable' && <ConfirmPanel key={action.account.username} {...panelProps} kind="disable" danger run={() => api.disableStaffAccount(action.account.username)} />}
        </>
      )}
      <ErrorNotice error={serviceRoles.error} />
      <NewAccountForm
        api={api}
        serviceRoles={serviceRoles.data ?? []}
        roleName={roleName}
        onCreated={(username) => {
          setAnnouncement({ key: 'ui.accounts.create.done', username });
          accounts.reload();
        }}
      />
    </>
  );
}

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

function RolesPanel({ api, account, onDone, onCancel, serviceRoles, roleName }: PanelProps & { serviceRoles: readonly string[]; roleName: (role: string) => string }) {
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

function PasswordPanel({ api, account, onDone, onCancel }: PanelProps) {
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
function ConfirmPanel({ account, onDone, onCancel, kind, run, danger = false }: PanelProps & { kind: 'disable' | 'resetTotp'; run: () => Promise<unknown>; danger?: boolean }) {
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

const NEW_ACCOUNT_FIELDS: readonly StaffAccountField[] = ['username', 'displayName', 'roles', 'password'];

function NewAccountForm({ api, serviceRoles, roleName, onCreated }: { api: ApiClient; serviceRoles: readonly string[]; roleName: (role: string) => string; onCreated: (username: string) => void }) {
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
function useProblems(fields: readonly StaffAccountField[]) {
  const { t } = useTranslation();
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const show = (found: FieldProblem[]) => {
    setProblems(found);
    setTimeout(() => summary.current?.focus(), 0);
  };
  const attempt = async (event: FormEvent, found: FieldProblem[], send: () => Promise<void>) => {
    event.preventDefault();
    setFailure(undefined);
    setProblems([]);
    if (found.length > 0) return show(found);
    setBusy(true);
    try {
      await send();
    } catch (error) {
      const refused = problemFromRefusal(error, fields);
      if (refused) show([refused]);
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const errorOf = (field: StaffAccountField) => {
    const texts = problems.filter((problem) => problem.field === field).map((problem) => problemText(problem, t));
    return texts.length > 0 ? texts.join(' ') : undefined;
  };
  return { problems, failure, busy, summary, attempt, errorOf };
}

function problemText(problem: FieldProblem, t: (key: string, values?: Record<string, unknown>) => string): string {
  return 'key' in problem ? t(problem.key, problem.values) : problem.message;
}

function ProblemSummary({ problems, summary, targets }: { problems: FieldProblem[]; summary: RefObject<HTMLDivElement | null>; targets: Partial<Record<StaffAccountField, string>> }) {
  const { t } = useTranslation();
  return (
    <div ref={summary} tabIndex={-1}>
      {problems.length > 0 && (
        <div className="vigil-error-summary" role="alert">
          <h3>{t('ui.accounts.problems.title')}</h3>
          <ul>
            {problems.map((problem) => {
              const target = targets[problem.field] ?? '';
              return (
                <li key={`${problem.field}-${problemText(problem, t)}`}>
                  {/* The hash router owns location.hash: the link moves focus itself. */}
                  <a
                    href={`#${target}`}
                    onClick={(event) => {
                      event.preventDefault();
                      document.getElementById(target)?.focus();
                    }}
                  >
                    {problemText(problem, t)}
                  </a>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}

/** A labelled input whose hint and error are tied to it (aria-describedby); an error also marks it invalid. */
function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: (describedBy: string | undefined, invalid: boolean) => ReactNode }) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="vigil-field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="vigil-muted">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="vigil-error">
          {error}
        </span>
      )}
      {children(describedBy, Boolean(error))}
    </div>
  );
}

/** A new password: typed, never shown, and never offered by the browser as this administrator's own. */
function PasswordField({ id, label, value, onChange, error }: { id: string; label: string; value: string; onChange: (value: string) => void; error?: string }) {
  const { t } = useTranslation();
  return (
    <Field id={id} label={label} hint={t('ui.accounts.passwordHint', { min: STAFF_PASSWORD_MIN_LENGTH })} error={error}>
      {(describedBy, invalid) => (
        <input id={id} name="password" type="password" autoComplete="new-password" maxLength={STAFF_PASSWORD_MAX_LENGTH} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={value} onChange={(event) => onChange(event.target.value)} />
      )}
    </Field>
  );
}

function RoleChoices({ id, legend, serviceRoles, chosen, onChange, roleName, error }: { id: string; legend: string; serviceRoles: readonly string[]; chosen: string[]; onChange: (roles: string[]) => void; roleName: (role: string) => string; error?: string }) {
  const toggle = (role: string, on: boolean) => onChange(on ? serviceRoles.filter((candidate) => candidate === role || chosen.includes(candidate)) : chosen.filter((candidate) => candidate !== role));
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {error && (
        <p id={`${id}-error`} className="vigil-error">
          {error}
        </p>
      )}
      {serviceRoles.map((role) => (
        <div className="vigil-choice" key={role}>
          <input type="checkbox" id={`${id}-${role}`} aria-invalid={error ? true : undefined} checked={chosen.includes(role)} onChange={(event) => toggle(role, event.target.checked)} />
          <label htmlFor={`${id}-${role}`}>{roleName(role)}</label>
        </div>
      ))}
    </fieldset>
  );
}

function FormButtons({ busy, submit, onCancel }: { busy: boolean; submit: string; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="vigil-actions">
      <button type="submit" disabled={busy}>
        {submit}
      </button>
      <button type="button" className="vigil-secondary" onClick={onCancel}>
        {t('ui.accounts.cancel')}
      </button>
    </div>
  );
}

/** The server's refusal in its own words (it names what is wrong); anything else as ErrorNotice says it. */
function Refusal({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && (error.status === 400 || error.status === 404 || error.status === 409) && !error.isMissingRoute) {
    return (
      <p className="vigil-error" role="alert">
        {t('ui.accounts.refused', { message: withoutFieldName(error.message, error.field) })}
      </p>
    );
  }
  return <ErrorNotice error={error} />;
}

function useDateTime(): (iso: string) => string {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.resolvedLanguage === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'medium', timeStyle: 'short' });
  return (iso) => format.format(new Date(iso));
}
