import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface Column<R, S extends string> {
  key: string;
  label: string;
  /** The list's sort key for this column, when it can be sorted. */
  sort?: S;
  width: string;
  render(row: R): ReactNode;
}

interface VirtualTableProps<R, S extends string> {
  label: string;
  columns: Column<R, S>[];
  total: number | null;
  rowAt(index: number): R | undefined;
  ensure(first: number, last: number): void;
  sort: S;
  direction: 'asc' | 'desc';
  onSort(sort: S): void;
  onOpen?(row: R): void;
  emptyText: string;
}

const ROW_HEIGHT = 36;
const OVERSCAN = 10;

/**
 * A table that renders only the rows in view, so 50,000 rows scroll like 50.
 *
 * It is a grid for assistive technology: arrow keys move between rows, Enter opens one.
 */
export function VirtualTable<R extends { id: number }, S extends string>(props: VirtualTableProps<R, S>) {
  const { columns, total, rowAt, ensure, sort, direction, onSort, onOpen, label, emptyText } = props;
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(480);
  const [active, setActive] = useState(0);
  const count = total ?? 0;

  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count - 1, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  useEffect(() => {
    if (count > 0) ensure(first, last);
  }, [first, last, count, ensure]);

  function onKeyDown(event: KeyboardEvent) {
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + Math.floor(height / ROW_HEIGHT),
      PageUp: active - Math.floor(height / ROW_HEIGHT),
      Home: 0,
      End: count - 1,
    };
    if (event.key === 'Enter') {
      // Without this the same key press goes on to the first button of the dialog it opens.
      event.preventDefault();
      const row = rowAt(active);
      if (row && onOpen) onOpen(row);
      return;
    }
    const target = moves[event.key];
    if (target === undefined || count === 0) return;
    event.preventDefault();
    const next = Math.max(0, Math.min(count - 1, target));
    setActive(next);
    const element = viewport.current;
    if (element) {
      const top = next * ROW_HEIGHT;
      if (top < element.scrollTop) element.scrollTop = top;
      else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight) element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
    }
  }

  const template = columns.map((c) => c.width).join(' ');
  const rows: ReactNode[] = [];
  for (let index = first; index <= last; index++) {
    const row = rowAt(index);
    rows.push(
      <div
        key={index}
        role="row"
        aria-rowindex={index + 2}
        aria-selected={index === active}
        className={index === active ? 'vt-row active' : 'vt-row'}
        style={{ top: index * ROW_HEIGHT, gridTemplateColumns: template }}
        onClick={() => {
          setActive(index);
          if (row && onOpen) onOpen(row);
        }}
      >
        {columns.map((c) => (
          <div role="gridcell" key={c.key} className="vt-cell">
            {row ? c.render(row) : <span className="vt-loading" />}
          </div>
        ))}
      </div>,
    );
  }

  return (
    <div className="vt" role="grid" aria-label={label} aria-rowcount={count + 1}>
      <div role="row" aria-rowindex={1} className="vt-header" style={{ gridTemplateColumns: template }}>
        {columns.map((c) => (
          <div role="columnheader" key={c.key} aria-sort={c.sort && c.sort === sort ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}>
            {c.sort ? (
              <button type="button" className="vt-sort" onClick={() => onSort(c.sort!)}>
                {c.label}
                {c.sort === sort ? (direction === 'asc' ? ' ▲' : ' ▼') : ''}
              </button>
            ) : (
              c.label
            )}
          </div>
        ))}
      </div>
      <div
        className="vt-viewport"
        ref={viewport}
        tabIndex={0}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
        aria-label={`${label} rows`}
      >
        {total === 0 ? <p className="vt-empty">{emptyText}</p> : null}
        <div className="vt-spacer" style={{ height: count * ROW_HEIGHT }}>
          {rows}
        </div>
      </div>
      <div className="vt-footer" aria-live="polite">
        {total === null ? 'Loading…' : `${total.toLocaleString()} ${total === 1 ? 'row' : 'rows'}`}
      </div>
    </div>
  );
}
