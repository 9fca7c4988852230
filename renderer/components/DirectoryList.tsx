import { useCallback } from 'react';
import type { Result } from '../../preload/contract';
import { useListQuery } from '../hooks/useListQuery';
import { useWindowedRows } from '../hooks/useWindowedRows';
import { useTree } from '../store/tree-store';
import { ErrorBanner } from './ErrorBanner';
import { SearchBox } from './SearchBox';
import { VirtualTable, type Column } from './VirtualTable';

export interface ListQuery<S extends string> {
  search: string;
  sort: S;
  direction: 'asc' | 'desc';
  offset: number;
  limit: number;
}

interface DirectoryListProps<R extends { id: number }, S extends string> {
  /** Plural noun, as the tab and table are named: "Users", "Devices". */
  label: string;
  addLabel: string;
  emptyText: string;
  groupId: number;
  columns: Column<R, S>[];
  initialSort: S;
  fetch(groupId: number, query: ListQuery<S>): Promise<Result<{ total: number; rows: R[] }>>;
  onAdd(): void;
  onOpen(row: R): void;
}

/**
 * A directory list at one level: search, an Add button, and the sorted, windowed table,
 * read again whenever the directory changes.
 */
export function DirectoryList<R extends { id: number }, S extends string>(props: DirectoryListProps<R, S>) {
  const { label, addLabel, emptyText, groupId, columns, initialSort, fetch, onAdd, onOpen } = props;
  const version = useTree((s) => s.version);
  const query = useListQuery<S>(initialSort);
  const fetchPage = useCallback(
    (offset: number, limit: number) => fetch(groupId, { search: query.search, sort: query.sort, direction: query.direction, offset, limit }),
    [fetch, groupId, query.search, query.sort, query.direction],
  );
  const rows = useWindowedRows(`${groupId}|${query.key}`, version, fetchPage);

  return (
    <>
      <div className="toolbar">
        <SearchBox label={`Search ${label.toLowerCase()}`} onSearch={query.setSearch} />
        <span className="spacer" />
        <button type="button" onClick={onAdd}>
          {addLabel}
        </button>
      </div>
      <ErrorBanner message={rows.error?.message} />
      <VirtualTable
        label={label}
        columns={columns}
        {...rows}
        sort={query.sort}
        direction={query.direction}
        onSort={query.toggleSort}
        onOpen={onOpen}
        emptyText={emptyText}
      />
    </>
  );
}
