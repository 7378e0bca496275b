import type { ChangeEvent, ReactNode } from 'react';

/**
 * One labelled question: its hint and its error are tied to the input (aria-describedby), and
 * an error also marks it invalid, so a screen reader announces both with the field.
 */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="tip-field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="tip-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="vigil-error">
          {error}
        </p>
      )}
      {children(describedBy, Boolean(error))}
    </div>
  );
}

export function TextInput({ id, label, hint, error, value, onChange, multiline = false, type = 'text', autoComplete, required = false }: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  type?: string;
  autoComplete?: string;
  required?: boolean;
}) {
  const change = (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(event.target.value);
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(describedBy, invalid) =>
        multiline ? (
          <textarea id={id} name={id} rows={5} value={value} onChange={change} aria-describedby={describedBy} aria-invalid={invalid || undefined} required={required} />
        ) : (
          <input id={id} name={id} type={type} value={value} onChange={change} aria-describedby={describedBy} aria-invalid={invalid || undefined} autoComplete={autoComplete ?? 'off'} required={required} />
        )
      }
    </Field>
  );
}
