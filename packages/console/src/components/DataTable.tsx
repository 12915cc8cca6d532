import type { ReactNode } from 'react';
import { num } from '../format';

/** One column of a DataTable: its header, and what each row shows under it. */
export interface Column<T> {
  /** The header; null for an empty one. */
  head: ReactNode;
  /** The class of the header and of every cell ('num' right-aligns both). */
  className?: string;
  /** The cells' own class after className, fixed or by row (e.g. a colour when a count is not zero). */
  cellClass?: string | ((row: T) => string | undefined);
  /** The cells' data-testid. */
  testId?: string;
  cell: (row: T) => ReactNode;
}

/** Data attributes of a row (data-testid and the like, which the browser tests read). */
export type RowData = { [k: `data-${string}`]: string | number };

interface Props<T> {
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  rowData?: (row: T) => RowData;
  /** The table's class: "table" and what follows it. */
  className?: string;
  testId?: string;
}

/** A right-aligned count, the rows' field `key`; with a tone, coloured when it is not zero. */
export function countColumn<K extends string>(head: string, key: K, tone?: 'amber' | 'red'): Column<Record<K, number>> {
  return { head, className: 'num', cellClass: tone ? (row) => (row[key] > 0 ? `text-${tone}` : undefined) : undefined, cell: (row) => num(row[key]) };
}

const joined = (...classes: (string | undefined)[]) => classes.filter(Boolean).join(' ') || undefined;

/** A table with a header row and a row per item: the console's tables of records. */
export function DataTable<T>({ columns, rows, rowKey, rowData, className = 'table', testId }: Props<T>) {
  return (
    <table className={className} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} className={c.className}>
              {c.head}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} {...rowData?.(row)}>
            {columns.map((c, i) => (
              <td key={i} className={joined(c.className, typeof c.cellClass === 'function' ? c.cellClass(row) : c.cellClass)} data-testid={c.testId}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
