// A plain table with an optional text filter: every routes, ARP and hop list in the console is one.
import type { ReactNode } from 'react';

export interface Column<T> {
  title: string;
  cell: (row: T) => ReactNode;
  className?: string;
}

interface Props<T> {
  rows: readonly T[];
  columns: readonly Column<T>[];
  /** Text the filter matches against; a row is kept when it contains every word of the filter. */
  text?: (row: T) => string;
  filter?: string;
  testId?: string;
  rowClass?: (row: T) => string;
  empty?: string;
}

export function matches(text: string, filter: string | undefined): boolean {
  if (filter === undefined || filter.trim() === '') return true;
  const hay = text.toLowerCase();
  return filter.toLowerCase().split(/\s+/).filter(Boolean).every((w) => hay.includes(w));
}

export function Table<T>({ rows, columns, text, filter, testId, rowClass, empty = 'nothing' }: Props<T>) {
  const shown = text ? rows.filter((r) => matches(text(r), filter)) : rows;
  return (
    <table className="grid">
      <thead>
        <tr>{columns.map((c) => <th key={c.title} className={c.className}>{c.title}</th>)}</tr>
      </thead>
      <tbody>
        {shown.length === 0 ? (
          <tr><td colSpan={columns.length} className="empty">{rows.length === 0 ? empty : 'no row matches the filter'}</td></tr>
        ) : shown.map((r, i) => (
          <tr key={i} data-testid={testId} className={rowClass?.(r)}>
            {columns.map((c) => <td key={c.title} className={c.className}>{c.cell(r)}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
