import { ErrorNotice, usePageTitle } from '@vigil/web-ui';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { INCIDENT_TYPES, MEDIA_LIMITS, publicApi, type IncidentType } from '../api';
import { Field, TextInput } from './field';
import { EMPTY_DRAFT, questionsFor, structuredReportOf, validateDraft, type DraftField, type FieldProblem, type ReportDraft } from './report-questions';

const AGE_RANGES = ['unknown', '0-5', '6-11', '12-13', '14-15', '16-17'] as const;
const GENDERS = ['unknown', 'girl', 'boy', 'other'] as const;

export interface Submitted {
  reference: string;
  receivedAt: string;
  /** Shown once on the confirmation; never kept in the browser. */
  followUpSecret: string;
  incidentType: IncidentType;
}

/**
 * The public reporting form: what happened first, then only the questions that type needs.
 * Anonymous by default. Problems are listed in an alert at the top (focused, so it is read
 * out) and repeated at each field they concern.
 */
export function ReportForm({ onSubmitted }: { onSubmitted: (result: Submitted) => void }) {
  const { t, i18n } = useTranslation();
  usePageTitle(t('report.title'), t('app.name'));
  const [draft, setDraft] = useState<ReportDraft>(EMPTY_DRAFT);
  const [files, setFiles] = useState<File[]>([]);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const set = <K extends keyof ReportDraft>(key: K) => (value: ReportDraft[K]) => setDraft((previous) => ({ ...previous, [key]: value }));
  const errorOf = (field: DraftField) => {
    const found = problems.filter((problem) => problem.field === field);
    // One problem a line (a URL box can have several bad lines): the field's error keeps white space (styles.css).
    return found.length ? found.map((problem) => t(problem.key, problem.values)).join('\n') : undefined;
  };
  const language = i18n.resolvedLanguage ?? 'en';
  const type = draft.incidentType || undefined;
  const asked = type ? questionsFor(type) : undefined;
  const megabytes = MEDIA_LIMITS.maxFileBytes / 1024 / 1024;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    const found = validateDraft(draft, files);
    setProblems(found);
    const structured = structuredReportOf(draft, language);
    if (found.length > 0 || !type || !structured) {
      // After React renders the list: focus it so it is read out, and a keyboard user starts there.
      setTimeout(() => summary.current?.focus(), 0);
      return;
    }
    setBusy(true);
    try {
      const result = await publicApi.submit({ ...structured, media: asked?.files ? files : [] });
      onSubmitted({ ...result, incidentType: type });
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t('report.title')}</h1>
      <p>{t('report.intro')}</p>
      <p className="tip-danger">{t('report.danger')}</p>
      <div ref={summary} tabIndex={-1} className="tip-error-summary-region">
        {problems.length > 0 && (
          <div className="tip-error-summary" role="alert">
            <h2>{t('report.errorsTitle')}</h2>
            <ul>
              {problems.map((problem) => (
                <li key={`${problem.field}-${problem.key}-${JSON.stringify(problem.values ?? {})}`}>
                  <a href={`#${problem.field === 'incidentType' ? 'type-csam' : problem.field}`} onClick={(event) => { event.preventDefault(); document.getElementById(problem.field === 'incidentType' ? 'type-csam' : problem.field)?.focus(); }}>
                    {t(problem.key, problem.values)}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <form className="tip-form" onSubmit={(event) => void submit(event)} noValidate>
        <fieldset aria-describedby={errorOf('incidentType') ? 'type-error' : undefined}>
          <legend>{t('report.typeLegend')}</legend>
          {errorOf('incidentType') && (
            <p id="type-error" className="vigil-error">
              {errorOf('incidentType')}
            </p>
          )}
          {INCIDENT_TYPES.map((incidentType) => (
            <div className="tip-choice" key={incidentType}>
              <input type="radio" id={`type-${incidentType}`} name="incidentType" value={incidentType} checked={draft.incidentType === incidentType} onChange={() => set('incidentType')(incidentType)} />
              <label htmlFor={`type-${incidentType}`}>{t(`incidentTypes.${incidentType}`)}</label>
            </div>
          ))}
        </fieldset>

        {type && asked && (
          <>
            {type === 'csam' && (
              <p className="tip-warning" role="note">
                {t('report.csamWarning')}
              </p>
            )}
            {type === 'intimate-images-of-minor' && (
              <p className="tip-warning" role="note">
                {t('report.noFilesWarning')}
              </p>
            )}
            <fieldset>
              <legend>{t('report.whereLegend')}</legend>
              <TextInput id="urls" label={t('report.urls')} hint={asked.urlsRequired ? t('report.urlsRequiredHint') : t('report.urlsHint')} error={errorOf('urls')} value={draft.urls} onChange={set('urls')} multiline required={asked.urlsRequired} />
              <TextInput id="platform" label={t('report.platform')} value={draft.platform} onChange={set('platform')} />
              <TextInput id="usernames" label={t('report.usernames')} hint={t('report.listHint')} value={draft.usernames} onChange={set('usernames')} />
              <TextInput id="emails" label={t('report.emails')} hint={t('report.listHint')} error={errorOf('emails')} value={draft.emails} onChange={set('emails')} />
              <TextInput id="phones" label={t('report.phones')} hint={t('report.listHint')} error={errorOf('phones')} value={draft.phones} onChange={set('phones')} />
            </fieldset>
            <fieldset>
              <legend>{t('report.whenLegend')}</legend>
              <TextInput id="when" type="date" label={t('report.when')} value={draft.when} onChange={set('when')} />
              <TextInput id="whenDetail" label={t('report.whenDetail')} value={draft.whenDetail} onChange={set('whenDetail')} />
            </fieldset>
            <fieldset>
              <legend>{t('report.whatLegend')}</legend>
              <TextInput id="description" label={t('report.description')} error={errorOf('description')} value={draft.description} onChange={set('description')} multiline required />
            </fieldset>
            {asked.child && (
              <fieldset>
                <legend>{t('report.childLegend')}</legend>
                <Field id="childAge" label={t('report.childAge')}>
                  {() => (
                    <select id="childAge" value={draft.childAge} onChange={(event) => set('childAge')(event.target.value)}>
                      {AGE_RANGES.map((range) => (
                        <option key={range} value={range}>
                          {t(`report.ageRanges.${range}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field id="childGender" label={t('report.childGender')}>
                  {() => (
                    <select id="childGender" value={draft.childGender} onChange={(event) => set('childGender')(event.target.value)}>
                      {GENDERS.map((gender) => (
                        <option key={gender} value={gender}>
                          {t(`report.genders.${gender}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              </fieldset>
            )}
            {asked.suspect && (
              <fieldset>
                <legend>{t('report.suspectLegend')}</legend>
                <p id="suspect-note" className="tip-hint">
                  {t('report.suspectIntro')}
                </p>
                <TextInput id="suspectName" label={t('report.suspectName')} value={draft.suspectName} onChange={set('suspectName')} />
                <TextInput id="suspectUsernames" label={t('report.suspectUsernames')} hint={t('report.listHint')} value={draft.suspectUsernames} onChange={set('suspectUsernames')} />
                <TextInput id="suspectEmails" label={t('report.suspectEmails')} hint={t('report.listHint')} error={errorOf('suspectEmails')} value={draft.suspectEmails} onChange={set('suspectEmails')} />
                <TextInput id="suspectPhones" label={t('report.suspectPhones')} hint={t('report.listHint')} error={errorOf('suspectPhones')} value={draft.suspectPhones} onChange={set('suspectPhones')} />
                <TextInput id="suspectAge" label={t('report.suspectAge')} value={draft.suspectAge} onChange={set('suspectAge')} />
                <TextInput id="suspectLocation" label={t('report.suspectLocation')} value={draft.suspectLocation} onChange={set('suspectLocation')} />
              </fieldset>
            )}
            {asked.chats && (
              <fieldset>
                <legend>{t('report.chatLegend')}</legend>
                <TextInput id="chats" label={t('report.chats')} value={draft.chats} onChange={set('chats')} multiline />
              </fieldset>
            )}
            {asked.files && (
              <fieldset>
                <legend>{t('report.filesLegend')}</legend>
                <Field id="media" label={t('report.files')} hint={t('report.filesHint', { count: MEDIA_LIMITS.maxFiles, megabytes })} error={errorOf('media')}>
                  {(describedBy, invalid) => (
                    <input id="media" type="file" multiple accept={MEDIA_LIMITS.types.join(',')} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(event) => setFiles([...(event.target.files ?? [])])} />
                  )}
                </Field>
              </fieldset>
            )}
            <fieldset>
              <legend>{t('report.contactLegend')}</legend>
              <p id="anonymous-note" className="tip-hint">
                {t('report.anonymous')}
              </p>
              <div className="tip-choice">
                <input type="checkbox" id="wantsContact" aria-describedby="anonymous-note" checked={draft.wantsContact} onChange={(event) => set('wantsContact')(event.target.checked)} />
                <label htmlFor="wantsContact">{t('report.wantsContact')}</label>
              </div>
              {draft.wantsContact && (
                <>
                  <TextInput id="contactName" label={t('report.contactName')} value={draft.contactName} onChange={set('contactName')} autoComplete="nickname" />
                  <TextInput id="contactEmail" type="email" label={t('report.contactEmail')} error={errorOf('contactEmail')} value={draft.contactEmail} onChange={set('contactEmail')} autoComplete="email" />
                  <TextInput id="contactPhone" type="tel" label={t('report.contactPhone')} error={errorOf('contactPhone')} value={draft.contactPhone} onChange={set('contactPhone')} autoComplete="tel" />
                </>
              )}
            </fieldset>
          </>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('report.submitting') : t('report.submit')}
        </button>
        <div aria-live="polite">
          <ErrorNotice error={failure} />
        </div>
      </form>
    </>
  );
}
