import { BarChart, ErrorNotice, useLoad } from '@vigil/web-ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { figuresApi, REFERRAL_SOURCES, type ReferralFigures } from '../api';
import { Page } from '../components/page';
import { apiRange, defaultRange, periodLabel, publishedValue, type FiguresRange } from '../figures-range';
import { useFormat } from '../format';

/**
 * The program's figures: referrals in by source, packages and leads sent, referrals found not
 * actionable, hours from intake to first dissemination, victims identified (small counts
 * suppressed by the server). Charts, and every number in a table.
 */
export function FiguresPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState<FiguresRange>(() => defaultRange(new Date()));
  const figures = useLoad(() => {
    const { from, to } = apiRange(range);
    return figuresApi.get(from, to);
  }, [range.first, range.last]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setRange({ first: String(data.get('first')), last: String(data.get('last')) });
  };
  return (
    <Page title={t('figures.title')}>
      <p className="vigil-muted">{t('figures.intro')}</p>
      <form className="vigil-inline" onSubmit={submit} aria-label={t('figures.range')}>
        <div>
          <label htmlFor="figures-first">{t('figures.first')}</label>
          <input id="figures-first" name="first" type="date" required defaultValue={range.first} />
        </div>
        <div>
          <label htmlFor="figures-last">{t('figures.last')}</label>
          <input id="figures-last" name="last" type="date" required defaultValue={range.last} />
        </div>
        <button type="submit">{t('figures.show')}</button>
      </form>
      <p className="vigil-muted">{t('figures.rangeHelp')}</p>
      <ErrorNotice error={figures.error} />
      {figures.data && <Figures data={figures.data} />}
    </Page>
  );
}

function Figures({ data }: { data: ReferralFigures }) {
  const { t } = useTranslation();
  const format = useFormat();
  const locale = format.language === 'fr' ? 'fr-CA' : 'en-CA';
  const hours = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const published = (count: number | string) => (typeof count === 'number' ? format.number(count) : count);
  const label = (period: string) => periodLabel(period, locale);
  const per = t(data.granularity === 'day' ? 'figures.perDay' : 'figures.perMonth');
  const sources = REFERRAL_SOURCES.map((source) => ({ key: source, label: t(`sources.${source}`) }));
  return (
    <>
      <section aria-labelledby="figures-totals">
        <h2 id="figures-totals">{t('figures.totals')}</h2>
        <dl className="vigil-facts vigil-panel" data-testid="figures-totals">
          <dt>{t('figures.received')}</dt>
          <dd data-testid="figures-received">{format.number(data.totals.receivedTotal)}</dd>
          {sources.map((source) => (
            <FactRow key={source.key} term={t('figures.receivedFrom', { source: source.label })} value={format.number(data.totals.received[source.key] ?? 0)} />
          ))}
          <dt>{t('figures.packagesSent')}</dt>
          <dd data-testid="figures-packages-sent">{format.number(data.totals.packagesSent)}</dd>
          <dt>{t('figures.leadsSent')}</dt>
          <dd data-testid="figures-leads-sent">{format.number(data.totals.leadsSent)}</dd>
          <dt>{t('figures.notActionable')}</dt>
          <dd>{t('figures.notActionableOf', { count: format.number(data.totals.notActionable), decisions: format.number(data.totals.triageDecisions) })}</dd>
          <dt>{t('figures.medianHours')}</dt>
          <dd>{data.intakeToDissemination.medianHours === null ? '—' : hours.format(data.intakeToDissemination.medianHours)}</dd>
          <dt>{t('figures.p90Hours')}</dt>
          <dd>{data.intakeToDissemination.p90Hours === null ? '—' : hours.format(data.intakeToDissemination.p90Hours)}</dd>
          <dt>{t('figures.disseminated')}</dt>
          <dd>{format.number(data.intakeToDissemination.disseminated)}</dd>
          <dt>{t('figures.victimsIdentified')}</dt>
          <dd>{published(data.totals.victimsIdentified)}</dd>
        </dl>
        <p className="vigil-muted">{t('figures.suppression')}</p>
      </section>

      <section aria-labelledby="figures-charts">
        <h2 id="figures-charts">{t('figures.charts', { per })}</h2>
        <BarChart
          title={t('figures.receivedChart', { per })}
          series={sources}
          groups={data.periods.map((row) => ({ label: label(row.period), values: row.received }))}
          format={(value) => format.number(value)}
        />
        <BarChart
          title={t('figures.sentChart', { per })}
          series={[
            { key: 'packagesSent', label: t('figures.packagesSent') },
            { key: 'leadsSent', label: t('figures.leadsSent') },
            { key: 'notActionable', label: t('figures.notActionable') },
          ]}
          groups={data.periods.map((row) => ({ label: label(row.period), values: { packagesSent: row.packagesSent, leadsSent: row.leadsSent, notActionable: row.notActionable } }))}
          format={(value) => format.number(value)}
        />
        <BarChart
          title={t('figures.victimsChart', { per })}
          series={[{ key: 'victims', label: t('figures.victimsIdentified') }]}
          groups={data.periods.map((row) => {
            const shown = publishedValue(row.victimsIdentified);
            return { label: label(row.period), values: { victims: shown.value }, ...(shown.label ? { labels: { victims: shown.label } } : {}) };
          })}
          format={(value) => format.number(value)}
        />
      </section>

      <section aria-labelledby="figures-table">
        <h2 id="figures-table">{t('figures.tableTitle')}</h2>
        <div className="hub-table-scroll">
          <table className="vigil-table" data-testid="figures-table">
            <caption>{t('figures.tableCaption', { per })}</caption>
            <thead>
              <tr>
                <th scope="col">{t(data.granularity === 'day' ? 'figures.day' : 'figures.month')}</th>
                {sources.map((source) => (
                  <th key={source.key} scope="col" className="vigil-numeric">
                    {source.label}
                  </th>
                ))}
                <th scope="col" className="vigil-numeric">{t('figures.received')}</th>
                <th scope="col" className="vigil-numeric">{t('figures.packagesSent')}</th>
                <th scope="col" className="vigil-numeric">{t('figures.leadsSent')}</th>
                <th scope="col" className="vigil-numeric">{t('figures.notActionable')}</th>
                <th scope="col" className="vigil-numeric">{t('figures.victimsIdentified')}</th>
              </tr>
            </thead>
            <tbody>
              {data.periods.map((row) => (
                <tr key={row.period}>
                  <th scope="row">{label(row.period)}</th>
                  {sources.map((source) => (
                    <td key={source.key} className="vigil-numeric">
                      {format.number(row.received[source.key] ?? 0)}
                    </td>
                  ))}
                  <td className="vigil-numeric">{format.number(row.receivedTotal)}</td>
                  <td className="vigil-numeric">{format.number(row.packagesSent)}</td>
                  <td className="vigil-numeric">{format.number(row.leadsSent)}</td>
                  <td className="vigil-numeric">{format.number(row.notActionable)}</td>
                  <td className="vigil-numeric">{published(row.victimsIdentified)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

function FactRow({ term, value }: { term: string; value: string }) {
  return (
    <>
      <dt className="hub-fact-indented">{term}</dt>
      <dd>{value}</dd>
    </>
  );
}
