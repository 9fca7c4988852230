import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, Result } from '../../preload/contract';

export const PAGE_SIZE = 100;

export interface WindowedRows<R> {
  total: number | null;
  rowAt(index: number): R | undefined;
  /** Ask for the rows a viewport shows; pages not yet loaded are fetched once. */
  ensure(first: number, last: number): void;
  error: ApiError | null;
}

/**
 * A long list read one window at a time: SQLite sorts and filters, the renderer holds only
 * the pages the admin has scrolled past.
 *
 * `key` names the query (group, search, sort); when it changes, everything is read anew.
 * `version` bumps when the data changed, which reloads the pages already shown.
 */
export function useWindowedRows<R>(
  key: string,
  version: number,
  fetchPage: (offset: number, limit: number) => Promise<Result<{ total: number; rows: R[] }>>,
): WindowedRows<R> {
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [, setTick] = useState(0);
  const pages = useRef(new Map<number, R[]>());
  const pending = useRef(new Set<number>());
  const generation = useRef(0);
  const fetcher = useRef(fetchPage);
  fetcher.current = fetchPage;

  const load = useCallback((page: number) => {
    if (pending.current.has(page)) return;
    pending.current.add(page);
    const mine = generation.current;
    void fetcher.current(page * PAGE_SIZE, PAGE_SIZE).then((result) => {
      if (mine !== generation.current) return;
      pending.current.delete(page);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      pages.current.set(page, result.value.rows);
      setTotal(result.value.total);
      setError(null);
      setTick((t) => t + 1);
    });
  }, []);

  const lastKey = useRef<string | null>(null);
  useEffect(() => {
    const keyChanged = lastKey.current !== key;
    lastKey.current = key;
    generation.current += 1;
    pending.current = new Set();
    // A new query starts from the top; changed data reloads the pages in view, keeping the
    // old rows on screen until the new ones arrive.
    const reload = keyChanged ? [0] : [...pages.current.keys()];
    if (keyChanged) {
      pages.current = new Map();
      setTotal(null);
    }
    for (const page of reload.length > 0 ? reload : [0]) load(page);
  }, [key, version, load]);

  const rowAt = useCallback((index: number) => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], []);
  const ensure = useCallback(
    (first: number, last: number) => {
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
        if (!pages.current.has(page)) load(page);
      }
    },
    [load],
  );

  return { total, error, rowAt, ensure };
}
