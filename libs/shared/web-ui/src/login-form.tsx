import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from './error-notice';

/** Staff sign-in. `onSignIn` rejects with the server's message, which is shown as an alert. */
export function LoginForm({ onSignIn }: { onSignIn: (username: string, password: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await onSignIn(username, password);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <section className="vigil-login" aria-labelledby="login-title">
      <h1 id="login-title">{t('ui.login.title')}</h1>
      <p>{t('ui.login.intro')}</p>
      <form onSubmit={submit}>
        <label htmlFor="login-username">{t('ui.login.username')}</label>
        <input id="login-username" name="username" autoComplete="username" required value={username} onChange={(event) => setUsername(event.target.value)} />
        <label htmlFor="login-password">{t('ui.login.password')}</label>
        <input id="login-password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
        <button type="submit" disabled={busy}>
          {busy ? t('ui.login.submitting') : t('ui.login.submit')}
        </button>
      </form>
      <ErrorNotice error={error} />
    </section>
  );
}
