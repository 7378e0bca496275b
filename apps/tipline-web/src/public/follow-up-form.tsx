import { ApiError, ErrorNotice, usePageTitle } from '@vigil/web-ui';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MEDIA_LIMITS, publicApi } from '../api';
import { Field, TextInput } from './field';
import { followUpProblems, type FollowUpField, type FollowUpProblem } from './follow-up-questions';
import { webAddressesIn } from './report-questions';

/**
 * "Add information to an earlier report": the reference and the secret given with it, then
 * text, more addresses or screenshots. A wrong pair gets one message, whichever half is wrong.
 * `onDone` runs once the information is added, so the app can forget an earlier confirmation.
 */
export function FollowUpForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  usePageTitle(t('followUp.title'), t('app.name'));
  const [reference, setReference] = useState('');
  const [secret, setSecret] = useState('');
  const [text, setText] = useState('');
  const [urls, setUrls] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [problems, setProblems] = useState<FollowUpProblem[]>([]);
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const summary = useRef<HTMLDivElement>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (done) doneHeading.current?.focus();
  }, [done]);
  const errorOf = (field: FollowUpField) => {
    const found = problems.filter((problem) => problem.field === field);
    return found.length ? found.map((problem) => t(problem.key, problem.values)).join('\n') : undefined;
  };
  const megabytes = MEDIA_LIMITS.maxFileBytes / 1024 / 1024;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    const found = followUpProblems({ reference, secret, text, urls, files });
    setProblems(found);
    if (found.length > 0) {
      setTimeout(() => summary.current?.focus(), 0);
      return;
    }
    setBusy(true);
    try {
      const result = await publicApi.followUp(reference.trim().toUpperCase(), { secret: secret.trim(), text: text.trim(), urls: webAddressesIn(urls).urls, media: files });
      setDone(result.reference);
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        setProblems([{ field: 'secret', key: 'followUp.errors.notFound' }]);
        setTimeout(() => summary.current?.focus(), 0);
      } else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <section aria-labelledby="follow-up-done">
        <h1 id="follow-up-done" ref={doneHeading} tabIndex={-1}>
          {t('followUp.doneTitle')}
        </h1>
        <p>{t('followUp.done', { reference: done })}</p>
        <p>
          <a href="#/">{t('followUp.backToForm')}</a>
        </p>
      </section>
    );
  }

  return (
    <>
      <h1>{t('followUp.title')}</h1>
      <p>{t('followUp.intro')}</p>
      <div ref={summary} tabIndex={-1} className="tip-error-summary-region">
        {problems.length > 0 && (
          <div className="tip-error-summary" role="alert">
            <h2>{t('report.errorsTitle')}</h2>
            <ul>
              {problems.map((problem) => (
                <li key={`${problem.field}-${problem.key}-${JSON.stringify(problem.values ?? {})}`}>
                  <a href={`#${problem.field}`} onClick={(event) => { event.preventDefault(); document.getElementById(problem.field)?.focus(); }}>
                    {t(problem.key, problem.values)}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <form className="tip-form" onSubmit={(event) => void submit(event)} noValidate>
        <fieldset>
          <legend>{t('followUp.whichLegend')}</legend>
          <TextInput id="reference" label={t('followUp.reference')} hint={t('followUp.referenceHint')} error={errorOf('reference')} value={reference} onChange={setReference} required />
          <TextInput id="secret" label={t('followUp.secret')} hint={t('followUp.secretHint')} error={errorOf('secret')} value={secret} onChange={setSecret} required />
        </fieldset>
        <fieldset>
          <legend>{t('followUp.whatLegend')}</legend>
          <TextInput id="text" label={t('followUp.text')} error={errorOf('text')} value={text} onChange={setText} multiline />
          <TextInput id="urls" label={t('report.urls')} hint={t('report.urlsHint')} error={errorOf('urls')} value={urls} onChange={setUrls} multiline />
          <Field id="media" label={t('report.files')} hint={t('report.filesHint', { count: MEDIA_LIMITS.maxFiles, megabytes })} error={errorOf('media')}>
            {(describedBy, invalid) => (
              <input id="media" type="file" multiple accept={MEDIA_LIMITS.types.join(',')} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(event) => setFiles([...(event.target.files ?? [])])} />
            )}
          </Field>
        </fieldset>
        <button type="submit" disabled={busy}>
          {busy ? t('report.submitting') : t('followUp.submit')}
        </button>
        <div aria-live="polite">
          <ErrorNotice error={failure} />
        </div>
      </form>
    </>
  );
}
