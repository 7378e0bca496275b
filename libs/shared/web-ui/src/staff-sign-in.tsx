import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiClient, type TotpEnrolment } from './api-client';
import { ErrorNotice } from './error-notice';
import { groupTotpSecret } from './totp-secret';

type Step = { kind: 'password' } | { kind: 'code' } | { kind: 'enrol'; enrolment: TotpEnrolment };

/** A failure the page words itself (a refused code), rather than quoting the server. */
class SignInProblem extends Error {}

const CODE_PATTERN = '[0-9]{6}';

/**
 * Staff sign-in, the same in every staff UI: username and password; then, when the service
 * asks for it (`field: totpCode`), the authenticator code; or, for an account that must enrol
 * one first, the key to add to the app and a code to confirm it. Single sign-on is offered when
 * the service has an identity provider. `onSignedIn` runs once the API client holds a full token.
 */
export function StaffSignIn({ api, onSignedIn }: { api: ApiClient; onSignedIn: () => void }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(() => (api.lastSingleSignOnFailure ? new SignInProblem(t('ui.login.singleSignOnFailed', { message: api.lastSingleSignOnFailure })) : undefined));
  const [busy, setBusy] = useState(false);
  const [singleSignOn, setSingleSignOn] = useState(false);
  const firstField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let current = true;
    // Without the answer the page simply offers no single sign-on.
    api.signInOptions().then((options) => current && setSingleSignOn(options.oidc), () => undefined);
    return () => {
      current = false;
    };
  }, [api]);

  // Each step starts at its first field, so keyboard and screen-reader users land where to type.
  const stepKind = step.kind;
  const mounted = useRef(false);
  useEffect(() => {
    if (mounted.current) firstField.current?.focus();
    mounted.current = true;
  }, [stepKind]);

  const attempt = async (event: FormEvent, work: () => Promise<void>) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const startAgain = (failure?: unknown) => {
    api.cancelTotpEnrolment();
    setCode('');
    setPassword('');
    setError(failure);
    setStep({ kind: 'password' });
  };

  const submitPassword = (event: FormEvent) =>
    attempt(event, async () => {
      const totpCode = step.kind === 'code' ? code : undefined;
      let outcome;
      try {
        outcome = await api.signIn(username, password, totpCode);
      } catch (failure) {
        if (!(failure instanceof ApiError && failure.field === 'totpCode')) throw failure;
        setCode('');
        setStep({ kind: 'code' });
        if (!totpCode) return;
        firstField.current?.focus();
        throw new SignInProblem(t('ui.login.codeRefused'));
      }
      if (outcome === 'signed-in') return onSignedIn();
      setPassword('');
      setStep({ kind: 'enrol', enrolment: await api.beginTotpEnrolment() });
    });

  const submitEnrolment = (event: FormEvent) =>
    attempt(event, async () => {
      try {
        await api.confirmTotpEnrolment(code);
      } catch (failure) {
        if (failure instanceof ApiError && failure.status === 401) return startAgain(new SignInProblem(t('ui.login.enrol.expired')));
        setCode('');
        firstField.current?.focus();
        if (failure instanceof ApiError && failure.field === 'code') throw new SignInProblem(t('ui.login.enrol.codeRefused'));
        throw failure;
      }
      onSignedIn();
    });

  const codeField = (hint: string) => (
    <>
      <label htmlFor="login-code">{t('ui.login.code')}</label>
      <input
        id="login-code"
        ref={firstField}
        name="totpCode"
        autoComplete="one-time-code"
        inputMode="numeric"
        pattern={CODE_PATTERN}
        maxLength={6}
        required
        aria-describedby="login-code-hint"
        value={code}
        onChange={(event) => setCode(event.target.value.replace(/\s/g, ''))}
      />
      <p id="login-code-hint" className="vigil-muted">
        {hint}
      </p>
    </>
  );

  let body: ReactNode;
  if (step.kind === 'enrol') {
    body = (
      <>
        <h1 id="login-title">{t('ui.login.enrol.title')}</h1>
        <p>{t('ui.login.enrol.intro')}</p>
        <dl className="vigil-totp-enrolment">
          <dt>{t('ui.login.enrol.secret')}</dt>
          <dd>
            <code className="vigil-totp-secret">{groupTotpSecret(step.enrolment.secret)}</code>
          </dd>
          <dt>{t('ui.login.enrol.uri')}</dt>
          <dd>
            <code>{step.enrolment.otpauthUri}</code>
          </dd>
        </dl>
        <form onSubmit={submitEnrolment}>
          {codeField(t('ui.login.enrol.codeHint'))}
          <button type="submit" disabled={busy}>
            {busy ? t('ui.login.enrol.confirming') : t('ui.login.enrol.confirm')}
          </button>
          <button type="button" className="vigil-secondary" onClick={() => startAgain()}>
            {t('ui.login.enrol.cancel')}
          </button>
        </form>
      </>
    );
  } else {
    body = (
      <>
        <h1 id="login-title">{t('ui.login.title')}</h1>
        {step.kind === 'code' ? <p role="status">{t('ui.login.codeRequested')}</p> : <p>{t('ui.login.intro')}</p>}
        <form onSubmit={submitPassword}>
          {step.kind === 'code' ? (
            codeField(t('ui.login.codeHint'))
          ) : (
            <>
              <label htmlFor="login-username">{t('ui.login.username')}</label>
              <input id="login-username" ref={firstField} name="username" autoComplete="username" required value={username} onChange={(event) => setUsername(event.target.value)} />
              <label htmlFor="login-password">{t('ui.login.password')}</label>
              <input id="login-password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
            </>
          )}
          <button type="submit" disabled={busy}>
            {busy ? t('ui.login.submitting') : t('ui.login.submit')}
          </button>
          {step.kind === 'code' && (
            <button type="button" className="vigil-secondary" onClick={() => startAgain()}>
              {t('ui.login.startAgain')}
            </button>
          )}
        </form>
        {step.kind === 'password' && singleSignOn && (
          <p className="vigil-single-sign-on">
            <span>{t('ui.login.or')}</span>
            {/* A link: the browser leaves for the identity provider and comes back signed in. */}
            <a className="vigil-button-link" href={api.singleSignOnUrl(window.location.pathname)}>
              {t('ui.login.singleSignOn')}
            </a>
          </p>
        )}
      </>
    );
  }

  return (
    <section className="vigil-login" aria-labelledby="login-title">
      {body}
      {error instanceof SignInProblem ? (
        <p className="vigil-error" role="alert">
          {error.message}
        </p>
      ) : (
        <ErrorNotice error={error} />
      )}
    </section>
  );
}
