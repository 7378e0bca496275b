import { BarChart, DataTable, ErrorNotice, useLoad } from '@vigil/web-ui';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { triageApi, type Figures } from '../api';
import { Page } from './page';

/** Volume by type and source, per day, time to first triage and share escalated. */
export function FiguresPage() {
  const { t, i18n } = useTranslation();
  const figures = useLoad(() => triageApi.figures(), []);
  const locale = i18n.resolvedLanguage === 'fr' ? 'fr-CA' : 'en-CA';
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const data = figures.data;
  const types = data ? byType(data) : [];
  return (
    <Page title={t('staff.figures.title')}>
      <ErrorNotice error={figures.error} />
      {data && (
        <>
          <p>{t('staff.figures.period', { total: number.format(data.total) })}</p>
          <dl className="vigil-facts vigil-panel">
            <dt>{t('staff.figures.triaged')}</dt>
            <dd>{number.format(data.timeToFirstTriage.triaged)}</dd>
            <dt>{t('staff.figures.median')}</dt>
            <dd>{data.timeToFirstTriage.medianMinutes === null ? '—' : number.format(data.timeToFirstTriage.medianMinutes)}</dd>
            <dt>{t('staff.figures.p90')}</dt>
            <dd>{data.timeToFirstTriage.p90Minutes === null ? '—' : number.format(data.timeToFirstTriage.p90Minutes)}</dd>
            <dt>{t('staff.figures.escalatedShare')}</dt>
            <dd>{t('staff.figures.escalatedValue', { count: number.format(data.escalated.count), percent: percent.format(data.escalated.share) })}</dd>
          </dl>
          <BarChart
            title={t('staff.figures.byType')}
            series={[
              { key: 'public', label: t('staff.sources.public') },
              { key: 'industry', label: t('staff.sources.industry') },
            ]}
            groups={types.map(([type, counts]) => ({ label: t(`staff.figures.typeLabels.${type}`, { defaultValue: type }), values: counts }))}
            format={(value) => number.format(value)}
          />
          {/* The chart cuts labels at 26 characters, and the full names differ only at the end
              (the two sextortions): it uses short labels, and this key gives each its full name. */}
          <h2 className="tip-chart-key-title">{t('staff.figures.typesKey')}</h2>
          <dl className="vigil-facts tip-chart-key" data-testid="types-key">
            {types.map(([type]) => (
              <Fragment key={type}>
                <dt>{t(`staff.figures.typeLabels.${type}`, { defaultValue: type })}</dt>
                <dd>{t(`incidentTypes.${type}`, { defaultValue: type })}</dd>
              </Fragment>
            ))}
          </dl>
          <DataTable<[string, number]>
            caption={t('staff.figures.byDay')}
            rows={byDay(data)}
            rowKey={([day]) => day}
            columns={[
              { key: 'day', header: t('staff.figures.day'), render: ([day]) => day },
              { key: 'count', header: t('staff.figures.count'), numeric: true, render: ([, count]) => number.format(count) },
            ]}
          />
        </>
      )}
    </Page>
  );
}

function byType(figures: Figures): Array<[string, Record<string, number>]> {
  const totals = new Map<string, Record<string, number>>();
  for (const row of figures.perDay) {
    const counts = totals.get(row.incidentType) ?? {};
    counts[row.source] = (counts[row.source] ?? 0) + row.count;
    totals.set(row.incidentType, counts);
  }
  return [...totals.entries()].sort(([a], [b]) => a.localeCompare(b));
}

function byDay(figures: Figures): Array<[string, number]> {
  const totals = new Map<string, number>();
  for (const row of figures.perDay) totals.set(row.day, (totals.get(row.day) ?? 0) + row.count);
  return [...totals.entries()].sort(([a], [b]) => b.localeCompare(a));
}
