// The Accounts page's form parts: fields tied to their hints and errors, the problem summary, role choices, refusals.
import { useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api-client';
import { ErrorNotice } from './error-notice';
import { problemFromRefusal, STAFF_PASSWORD_MAX_LENGTH, STAFF_PASSWORD_MIN_LENGTH, withoutFieldName, type FieldProblem, type StaffAccountField } from './staff-account-form';

export function useProblems(fields: readonly StaffAccountField[]) {
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

export function ProblemSummary({ problems, summary, targets }: { problems: FieldProblem[]; summary: RefObject<HTMLDivElement | null>; targets: Partial<Record<StaffAccountField, string>> }) {
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
export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: (describedBy: string | undefined, invalid: boolean) => ReactNode }) {
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
export function PasswordField({ id, label, value, onChange, error }: { id: string; label: string; value: string; onChange: (value: string) => void; error?: string }) {
  const { t } = useTranslation();
  return (
    <Field id={id} label={label} hint={t('ui.accounts.passwordHint', { min: STAFF_PASSWORD_MIN_LENGTH })} error={error}>
      {(describedBy, invalid) => (
        <input id={id} name="password" type="password" autoComplete="new-password" maxLength={STAFF_PASSWORD_MAX_LENGTH} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={value} onChange={(event) => onChange(event.target.value)} />
      )}
    </Field>
  );
}

export function RoleChoices({ id, legend, serviceRoles, chosen, onChange, roleName, error }: { id: string; legend: string; serviceRoles: readonly string[]; chosen: string[]; onChange: (roles: string[]) => void; roleName: (role: string) => string; error?: string }) {
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

export function FormButtons({ busy, submit, onCancel }: { busy: boolean; submit: string; onCancel: () => void }) {
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
export function Refusal({ error }: { error: unknown }) {
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
