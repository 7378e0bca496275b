import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiClient, type StaffAccount } from './api-client';
import { DataTable } from './data-table';
import { ErrorNotice } from './error-notice';
import { ConfirmPanel, PasswordPanel, RolesPanel } from './staff-account-panels';
import { NewAccountForm } from './staff-account-new-form';
import { Refusal } from './staff-account-fields';
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


function useDateTime(): (iso: string) => string {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.resolvedLanguage === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'medium', timeStyle: 'short' });
  return (iso) => format.format(new Date(iso));
}
