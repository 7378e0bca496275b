import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { INCIDENT_TYPES, OFFENCE_CATEGORIES, type IncidentDraft, type Report, type TriageState } from '../api';
import { useOffenceText } from './offence-text';

/**
 * The analyst's forms for classifying a report, splitting it into incidents, requesting
 * takedown of its URLs and recording a forward to a foreign hotline. Each returns true from
 * `onSubmit` when the server accepted it; the report page then reloads and shows the result.
 */
type Submit<A extends unknown[]> = (...args: A) => Promise<boolean>;

export function ClassificationForm({ report, current, onSubmit }: { report: Report; current: TriageState['classification']; onSubmit: Submit<[string, string[]]> }) {
  const { t } = useTranslation();
  const [incidentType, setIncidentType] = useState<string>(current?.incidentType ?? report.incidentType);
  const [offences, setOffences] = useState<string[]>(current?.offences ?? []);
  const send = (event: FormEvent) => {
    event.preventDefault();
    void onSubmit(incidentType, offences);
  };
  // The server keeps the type when it is the report's own (confirmed) and changes the report's otherwise.
  const confirming = incidentType === report.incidentType;
  return (
    <form className="tip-action-wide" onSubmit={send}>
      <fieldset>
        <legend>{t('staff.report.classifyLegend')}</legend>
        <IncidentTypeSelect id="classify-type" value={incidentType} onChange={setIncidentType} />
        <OffenceChoices idPrefix="classify" value={offences} onChange={setOffences} />
        <button type="submit">{confirming ? t('staff.report.confirmClassification') : t('staff.report.correctClassification')}</button>
      </fieldset>
    </form>
  );
}

export function SplitForm({ report, current, onSubmit }: { report: Report; current: TriageState['incidents']; onSubmit: Submit<[IncidentDraft[]]> }) {
  const { t } = useTranslation();
  const blank = (): IncidentDraft => ({ incidentType: report.incidentType, description: '', urls: [], offences: [] });
  const [incidents, setIncidents] = useState<IncidentDraft[]>(() =>
    current.length ? current.map(({ incidentType, description, urls, offences }) => ({ incidentType, description, urls, offences })) : [{ ...blank(), urls: report.urls }, blank()],
  );
  const change = (index: number, patch: Partial<IncidentDraft>) => setIncidents((all) => all.map((incident, at) => (at === index ? { ...incident, ...patch } : incident)));
  const send = (event: FormEvent) => {
    event.preventDefault();
    void onSubmit(incidents);
  };
  return (
    <form className="tip-action-wide" onSubmit={send}>
      <fieldset>
        <legend>{t('staff.report.splitLegend')}</legend>
        {incidents.map((incident, index) => (
          <fieldset key={index} className="tip-incident">
            <legend>{t('staff.report.incidentNumber', { number: index + 1 })}</legend>
            <IncidentTypeSelect id={`split-${index}-type`} value={incident.incidentType} onChange={(incidentType) => change(index, { incidentType: incidentType as IncidentDraft['incidentType'] })} />
            <div className="vigil-field">
              <label htmlFor={`split-${index}-description`}>{t('staff.report.incidentDescription')}</label>
              <textarea id={`split-${index}-description`} rows={2} maxLength={5000} value={incident.description} onChange={(event) => change(index, { description: event.target.value })} />
            </div>
            {report.urls.length > 0 && <UrlChoices idPrefix={`split-${index}`} legend={t('staff.report.incidentUrls')} urls={report.urls} value={incident.urls} onChange={(urls) => change(index, { urls })} />}
            <OffenceChoices idPrefix={`split-${index}`} value={incident.offences} onChange={(offences) => change(index, { offences: offences as IncidentDraft['offences'] })} />
            {incidents.length > 1 && (
              <button type="button" className="vigil-secondary" onClick={() => setIncidents((all) => all.filter((_, at) => at !== index))}>
                {t('staff.report.removeIncident', { number: index + 1 })}
              </button>
            )}
          </fieldset>
        ))}
        <button type="button" className="vigil-secondary" onClick={() => setIncidents((all) => [...all, blank()])}>
          {t('staff.report.addIncident')}
        </button>
        <button type="submit">{t('staff.report.split')}</button>
      </fieldset>
    </form>
  );
}

export function TakedownForm({ report, onSubmit }: { report: Report; onSubmit: Submit<[string[], string | undefined]> }) {
  const { t } = useTranslation();
  const [urls, setUrls] = useState<string[]>(report.urls);
  const [classification, setClassification] = useState('');
  const [missing, setMissing] = useState(false);
  const send = async (event: FormEvent) => {
    event.preventDefault();
    // The API takes an empty list as "all of them": never send one by accident.
    setMissing(urls.length === 0);
    if (urls.length === 0) return;
    if (await onSubmit(urls, classification.trim() || undefined)) setClassification('');
  };
  return (
    <form onSubmit={(event) => void send(event)}>
      <fieldset>
        <legend>{t('staff.report.takedownLegend')}</legend>
        {report.urls.length === 0 ? (
          <p className="vigil-muted">{t('staff.report.noUrlsToTakeDown')}</p>
        ) : (
          <>
            <UrlChoices idPrefix="takedown" legend={t('staff.report.takedownUrls')} urls={report.urls} value={urls} onChange={setUrls} />
            {missing && (
              <p role="alert" className="vigil-error">
                {t('staff.report.takedownNeedsUrl')}
              </p>
            )}
            <div className="vigil-field">
              <label htmlFor="takedown-classification">{t('staff.report.takedownClassification')}</label>
              <p id="takedown-classification-hint" className="tip-hint">
                {t('staff.report.takedownClassificationHint')}
              </p>
              <input id="takedown-classification" aria-describedby="takedown-classification-hint" maxLength={100} value={classification} onChange={(event) => setClassification(event.target.value)} />
            </div>
            <button type="submit">{t('staff.report.requestTakedown')}</button>
          </>
        )}
      </fieldset>
    </form>
  );
}

export function ForwardForm({ onSubmit }: { onSubmit: Submit<[string, string, string | undefined]> }) {
  const { t } = useTranslation();
  const [country, setCountry] = useState('');
  const [hotline, setHotline] = useState('');
  const [note, setNote] = useState('');
  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (await onSubmit(country.trim().toUpperCase(), hotline.trim(), note.trim() || undefined)) {
      setCountry('');
      setHotline('');
      setNote('');
    }
  };
  return (
    <form onSubmit={(event) => void send(event)}>
      <fieldset>
        <legend>{t('staff.report.forwardLegend')}</legend>
        <div className="vigil-field">
          <label htmlFor="forward-country">{t('staff.report.forwardCountry')}</label>
          <p id="forward-country-hint" className="tip-hint">
            {t('staff.report.forwardCountryHint')}
          </p>
          <input id="forward-country" aria-describedby="forward-country-hint" required minLength={2} maxLength={2} pattern="[A-Za-z]{2}" autoComplete="off" value={country} onChange={(event) => setCountry(event.target.value)} />
        </div>
        <div className="vigil-field">
          <label htmlFor="forward-hotline">{t('staff.report.forwardHotline')}</label>
          <input id="forward-hotline" required maxLength={200} value={hotline} onChange={(event) => setHotline(event.target.value)} />
        </div>
        <div className="vigil-field">
          <label htmlFor="forward-note">{t('staff.report.forwardNote')}</label>
          <textarea id="forward-note" rows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />
        </div>
        <button type="submit">{t('staff.report.forward')}</button>
      </fieldset>
    </form>
  );
}

function IncidentTypeSelect({ id, value, onChange }: { id: string; value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="vigil-field">
      <label htmlFor={id}>{t('staff.report.incidentType')}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {INCIDENT_TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`incidentTypes.${type}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

function OffenceChoices({ idPrefix, value, onChange }: { idPrefix: string; value: string[]; onChange: (value: string[]) => void }) {
  const { t } = useTranslation();
  const offence = useOffenceText();
  return (
    <fieldset className="tip-choices">
      <legend>{t('staff.report.offences')}</legend>
      {OFFENCE_CATEGORIES.map((code, index) => (
        <div key={code} className="tip-choice">
          <input id={`${idPrefix}-offence-${index}`} type="checkbox" checked={value.includes(code)} onChange={(event) => onChange(toggle(value, code, event.target.checked))} />
          <label htmlFor={`${idPrefix}-offence-${index}`}>
            {offence.withLabel(code)}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

function UrlChoices({ idPrefix, legend, urls, value, onChange }: { idPrefix: string; legend: string; urls: string[]; value: string[]; onChange: (value: string[]) => void }) {
  return (
    <fieldset className="tip-choices">
      <legend>{legend}</legend>
      {urls.map((url, index) => (
        <div key={url} className="tip-choice">
          <input id={`${idPrefix}-url-${index}`} type="checkbox" checked={value.includes(url)} onChange={(event) => onChange(toggle(value, url, event.target.checked))} />
          <label htmlFor={`${idPrefix}-url-${index}`}>
            <code>{url}</code>
          </label>
        </div>
      ))}
    </fieldset>
  );
}

function toggle(values: string[], value: string, on: boolean): string[] {
  return on ? [...new Set([...values, value])] : values.filter((one) => one !== value);
}
