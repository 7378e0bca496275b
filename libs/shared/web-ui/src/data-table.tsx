import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Column<Row> {
  key: string;
  header: string;
  render: (row: Row) => ReactNode;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
}

/** A plain, dense table with a caption (visually hidden if asked) and an empty state. */
export function DataTable<Row>({ caption, columns, rows, rowKey, hideCaption = false }: { caption: string; columns: Column<Row>[]; rows: Row[]; rowKey: (row: Row) => string; hideCaption?: boolean }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <p className="vigil-muted">{t('ui.table.empty')}</p>;
  return (
    <div className="vigil-table-wrap">
      <table className="vigil-table">
        <caption className={hideCaption ? 'vigil-visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={column.numeric ? 'vigil-numeric' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => (
                <td key={column.key} className={column.numeric ? 'vigil-numeric' : undefined}>
                  {column.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
