import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export interface BarSeries {
  key: string;
  label: string;
}

export interface BarGroup {
  label: string;
  values: Record<string, number | null | undefined>;
  /** Text shown for a series instead of its formatted value, e.g. a suppressed count ("<5") that draws no bar. */
  labels?: Record<string, string>;
}

const LABEL_WIDTH = 180;
const BAR_AREA = 380;
const VALUE_WIDTH = 80;
const BAR_HEIGHT = 14;
const GROUP_GAP = 10;

/**
 * Horizontal grouped bars in hand-written SVG (no chart library is installed), with a title
 * and description for screen readers and the same figures as a table below it. A missing
 * value (say, no removal yet) draws no bar and reads "—".
 */
export function BarChart({ title, series, groups, format = (value) => String(value) }: { title: string; series: BarSeries[]; groups: BarGroup[]; format?: (value: number) => string }) {
  const { t } = useTranslation();
  const id = useId();
  const max = Math.max(1, ...groups.flatMap((group) => series.map((one) => group.values[one.key] ?? 0)));
  const groupHeight = series.length * BAR_HEIGHT + GROUP_GAP;
  const height = groups.length * groupHeight + GROUP_GAP + 20;
  const width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH;
  const show = (value: number | null | undefined, label?: string) => label ?? (value === null || value === undefined ? '—' : format(value));
  return (
    <figure className="vigil-chart">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <ul className="vigil-chart-legend" aria-hidden="true">
        {series.map((one, index) => (
          <li key={one.key}>
            <svg width="12" height="12">
              <rect width="12" height="12" className={`vigil-series-${index}`} />
            </svg>
            {one.label}
          </li>
        ))}
      </ul>
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }}>
        <desc id={`${id}-desc`}>{groups.map((group) => `${group.label}: ${series.map((one) => `${one.label} ${show(group.values[one.key], group.labels?.[one.key])}`).join(', ')}`).join('; ')}</desc>
        {groups.map((group, groupIndex) => {
          const top = GROUP_GAP + groupIndex * groupHeight;
          return (
            <g key={group.label} transform={`translate(0 ${top})`}>
              <text x={LABEL_WIDTH - 8} y={(series.length * BAR_HEIGHT) / 2 + 4} textAnchor="end" className="vigil-chart-label">
                {group.label.length > 26 ? `${group.label.slice(0, 25)}…` : group.label}
              </text>
              {series.map((one, seriesIndex) => {
                const value = group.values[one.key];
                const barWidth = value ? (value / max) * BAR_AREA : 0;
                const y = seriesIndex * BAR_HEIGHT;
                return (
                  <g key={one.key}>
                    <rect x={LABEL_WIDTH} y={y + 1} width={barWidth} height={BAR_HEIGHT - 2} className={`vigil-series-${seriesIndex}`} />
                    <text x={LABEL_WIDTH + barWidth + 4} y={y + BAR_HEIGHT - 3} className="vigil-chart-value">
                      {show(value, group.labels?.[one.key])}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <details>
        <summary>{t('ui.chart.dataTable')}</summary>
        <table className="vigil-table">
          <caption className="vigil-visually-hidden">{title}</caption>
          <thead>
            <tr>
              <td />
              {series.map((one) => (
                <th key={one.key} scope="col" className="vigil-numeric">
                  {one.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <tr key={group.label}>
                <th scope="row">{group.label}</th>
                {series.map((one) => (
                  <td key={one.key} className="vigil-numeric">
                    {show(group.values[one.key], group.labels?.[one.key])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
