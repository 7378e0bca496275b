import { BarChart, DataTable, ErrorNotice, useLoad } from '@vigil/web-ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AGE_BANDS, api, GENDERS, PROVINCES, victimsApi, type IdentifiedVictim, type PublishedCount } from '../api';
import { Page } from '../components/page';
import { useFormat } from '../format';
import { chartLabels, chartValue, figureTable, hasPublishedCount } from '../gba-figures';
import { newPseudonym } from '../pseudonym';

/**
 * The victim-identification log: pseudonymous records only (there is no field for a name), their
 * ICSE submission state, and the year's figures by age band × gender (GBA Plus), with small
 * cells suppressed by the server.
 */
export function VictimsPage() {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const canRecord = api.currentUser()?.roles.includes('victim-id-officer') ?? false;
  return (
    <Page title={t('victims.title')}>
      <p className="vigil-muted">{t('victims.intro')}</p>
      <FiguresSection version={version} />
      {canRecord && <RecordForm onRecorded={() => setVersion((count) => count + 1)} />}
      <LogSection version={version} canChange={canRecord} onChanged={() => setVersion((count) => count + 1)} />
    </Page>
  );
}

function FiguresSection({ version }: { version: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [year, setYear] = useState(new Date().getFullYear());
  const figures = useLoad(() => victimsApi.figures(year), [year, version]);
  const show = (count: PublishedCount) => (typeof count === 'number' ? format.number(count) : count);
  const table = figures.data ? figureTable(figures.data, AGE_BANDS, GENDERS) : [];
  return (
    <section aria-labelledby="victim-figures">
      <h2 id="victim-figures">{t('victims.figures.title')}</h2>
      <form
        className="vigil-inline"
        onSubmit={(event) => {
          event.preventDefault();
          const chosen = Number(new FormData(event.currentTarget).get('year'));
          if (Number.isInteger(chosen)) setYear(chosen);
        }}
      >
        <div>
          <label htmlFor="figures-year">{t('victims.figures.year')}</label>
          <input id="figures-year" name="year" type="number" min={2000} max={2100} required defaultValue={year} />
        </div>
        <button type="submit">{t('victims.figures.show')}</button>
      </form>
      <ErrorNotice error={figures.error} />
      {figures.data && (
        <div className="vigil-panel">
          <p>{t('victims.figures.total', { year: figures.data.year, total: show(figures.data.total) })}</p>
          <table className="vigil-table">
            <caption>{t('victims.figures.caption', { year: figures.data.year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('victims.ageBand')}</th>
                {GENDERS.map((gender) => (
                  <th key={gender} scope="col" className="vigil-numeric">
                    {t(`genders.${gender}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.map((row) => (
                <tr key={row.ageBand}>
                  <th scope="row">{row.ageBand}</th>
                  {row.counts.map((count, index) => (
                    <td key={GENDERS[index]} className="vigil-numeric">
                      {show(count)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="vigil-muted">{t('victims.figures.suppression', { threshold: figures.data.suppression.threshold })}</p>
          {hasPublishedCount(table) ? (
            <BarChart
              title={t('victims.figures.chart', { year: figures.data.year })}
              series={GENDERS.map((gender) => ({ key: gender, label: t(`genders.${gender}`) }))}
              groups={table.map((row) => ({ label: row.ageBand, values: Object.fromEntries(GENDERS.map((gender, index) => [gender, chartValue(row.counts[index])])), labels: chartLabels(GENDERS, row.counts) }))}
              format={(value) => format.number(value)}
            />
          ) : (
            <p className="vigil-muted">{t('victims.figures.noChart', { threshold: figures.data.suppression.threshold })}</p>
          )}
        </div>
      )}
    </section>
  );
}

function RecordForm({ onRecorded }: { onRecorded: () => void }) {
  const { t } = useTranslation();
  const [pseudonym, setPseudonym] = useState(() => newPseudonym());
  const [error, setError] = useState<unknown>();
  const [recorded, setRecorded] = useState<string>();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    setError(undefined);
    setRecorded(undefined);
    try {
      const series = text('series')
        .split(/[\n,]/)
        .map((one) => one.trim())
        .filter(Boolean);
      const victim = await victimsApi.record({
        pseudonym,
        ageBand: text('ageBand'),
        gender: text('gender'),
        province: text('province'),
        identifiedOn: text('identifiedOn'),
        identifyingAgency: text('identifyingAgency'),
        ...(text('caseId') ? { caseId: text('caseId') } : {}),
        ...(series.length ? { series } : {}),
      });
      setRecorded(victim.pseudonym);
      form.reset();
      setPseudonym(newPseudonym());
      onRecorded();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <section className="vigil-panel" aria-labelledby="victim-record">
      <h2 id="victim-record">{t('victims.record.title')}</h2>
      <p className="vigil-muted">{t('victims.record.intro')}</p>
      <form className="vigil-stack" onSubmit={(event) => void submit(event)}>
        <label htmlFor="victim-pseudonym">{t('victims.pseudonym')}</label>
        <div className="hub-actions">
          <input id="victim-pseudonym" value={pseudonym} readOnly aria-describedby="victim-pseudonym-help" />
          <button type="button" className="vigil-secondary" onClick={() => setPseudonym(newPseudonym())}>
            {t('victims.record.newPseudonym')}
          </button>
        </div>
        <span />
        <span id="victim-pseudonym-help" className="vigil-muted">
          {t('victims.record.pseudonymHelp')}
        </span>
        <label htmlFor="victim-age">{t('victims.ageBand')}</label>
        <select id="victim-age" name="ageBand" required defaultValue="">
          <option value="" disabled>
            {t('victims.record.choose')}
          </option>
          {AGE_BANDS.map((band) => (
            <option key={band} value={band}>
              {band}
            </option>
          ))}
        </select>
        <label htmlFor="victim-gender">{t('victims.gender')}</label>
        <select id="victim-gender" name="gender" required defaultValue="">
          <option value="" disabled>
            {t('victims.record.choose')}
          </option>
          {GENDERS.map((gender) => (
            <option key={gender} value={gender}>
              {t(`genders.${gender}`)}
            </option>
          ))}
        </select>
        <label htmlFor="victim-province">{t('victims.province')}</label>
        <select id="victim-province" name="province" required defaultValue="">
          <option value="" disabled>
            {t('victims.record.choose')}
          </option>
          {PROVINCES.map((province) => (
            <option key={province} value={province}>
              {t(`provinces.${province}`)}
            </option>
          ))}
        </select>
        <label htmlFor="victim-date">{t('victims.identifiedOn')}</label>
        <input id="victim-date" name="identifiedOn" type="date" required />
        <label htmlFor="victim-agency">{t('victims.agency')}</label>
        <input id="victim-agency" name="identifyingAgency" required minLength={2} maxLength={100} aria-describedby="victim-agency-help" />
        <span />
        <span id="victim-agency-help" className="vigil-muted">
          {t('victims.record.agencyHelp')}
        </span>
        <label htmlFor="victim-case">{t('victims.record.caseId')}</label>
        <input id="victim-case" name="caseId" maxLength={36} />
        <label htmlFor="victim-series">{t('victims.series')}</label>
        <textarea id="victim-series" name="series" rows={2} maxLength={5000} aria-describedby="victim-series-help" />
        <span />
        <span id="victim-series-help" className="vigil-muted">
          {t('victims.record.seriesHelp')}
        </span>
        <span />
        <div>
          <button type="submit">{t('victims.record.submit')}</button>
        </div>
      </form>
      {recorded && (
        <p className="vigil-success" role="status">
          {t('victims.record.done', { pseudonym: recorded })}
        </p>
      )}
      <ErrorNotice error={error} />
    </section>
  );
}

function LogSection({ version, canChange, onChanged }: { version: number; canChange: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const log = useLoad(() => victimsApi.list(), [version]);
  const [accepting, setAccepting] = useState<IdentifiedVictim>();
  const [error, setError] = useState<unknown>();
  const advance = async (victim: IdentifiedVictim, state: 'submitted' | 'accepted', interpolReference?: string) => {
    setError(undefined);
    try {
      await victimsApi.advanceIcse(victim.id, state, interpolReference);
      setAccepting(undefined);
      onChanged();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <section aria-labelledby="victim-log">
      <h2 id="victim-log">{t('victims.log')}</h2>
      <ErrorNotice error={log.error ?? error} />
      {log.data && (
        <DataTable<IdentifiedVictim>
          caption={t('victims.log')}
          hideCaption
          rows={log.data}
          rowKey={(victim) => victim.id}
          columns={[
            { key: 'pseudonym', header: t('victims.pseudonym'), render: (victim) => <code>{victim.pseudonym}</code> },
            { key: 'age', header: t('victims.ageBand'), render: (victim) => victim.ageBand },
            { key: 'gender', header: t('victims.gender'), render: (victim) => t(`genders.${victim.gender}`, { defaultValue: victim.gender }) },
            { key: 'province', header: t('victims.province'), render: (victim) => t(`provinces.${victim.province}`, { defaultValue: victim.province }) },
            { key: 'date', header: t('victims.identifiedOn'), render: (victim) => victim.identifiedOn },
            { key: 'agency', header: t('victims.agency'), render: (victim) => victim.identifyingAgency },
            { key: 'series', header: t('victims.series'), render: (victim) => victim.series.join(', ') || '—' },
            {
              key: 'icse',
              header: t('victims.icse'),
              render: (victim) => (
                <>
                  {t(`victims.icseStates.${victim.icse.state}`)}
                  {victim.icse.interpolReference && <> · {victim.icse.interpolReference}</>}
                  {canChange && victim.icse.state === 'pending' && (
                    <div>
                      <button type="button" className="vigil-secondary" onClick={() => void advance(victim, 'submitted')}>
                        {t('victims.markSubmitted')}
                        <span className="vigil-visually-hidden"> {victim.pseudonym}</span>
                      </button>
                    </div>
                  )}
                  {canChange && victim.icse.state === 'submitted' && (
                    <div>
                      <button type="button" className="vigil-secondary" onClick={() => setAccepting(victim)}>
                        {t('victims.markAccepted')}
                        <span className="vigil-visually-hidden"> {victim.pseudonym}</span>
                      </button>
                    </div>
                  )}
                </>
              ),
            },
          ]}
        />
      )}
      {accepting && (
        <div className="vigil-panel" role="group" aria-labelledby="accept-title">
          <h3 id="accept-title">{t('victims.accept.title', { pseudonym: accepting.pseudonym })}</h3>
          <form
            className="vigil-stack"
            onSubmit={(event) => {
              event.preventDefault();
              void advance(accepting, 'accepted', String(new FormData(event.currentTarget).get('interpolReference') ?? '').trim());
            }}
          >
            <label htmlFor="accept-reference">{t('victims.accept.reference')}</label>
            <input id="accept-reference" name="interpolReference" required maxLength={100} />
            <span />
            <div className="hub-actions">
              <button type="submit">{t('victims.markAccepted')}</button>
              <button type="button" className="vigil-secondary" onClick={() => setAccepting(undefined)}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        </div>
      )}
    </section>
  );
}
