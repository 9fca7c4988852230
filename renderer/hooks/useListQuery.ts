import { useCallback, useState } from 'react';

/** Search text and sort order of one list, and a key that names them. */
export function useListQuery<S extends string>(initialSort: S) {
  const [search, setSearchState] = useState('');
  const [sort, setSort] = useState<S>(initialSort);
  const [direction, setDirection] = useState<'asc' | 'desc'>('asc');
  const setSearch = useCallback((text: string) => setSearchState(text), []);
  const toggleSort = useCallback(
    (next: S) => {
      if (next === sort) setDirection((d) => (d === 'asc' ? 'desc' : 'asc'));
      else {
        setSort(next);
        setDirection('asc');
      }
    },
    [sort],
  );
  return { search, sort, direction, setSearch, toggleSort, key: `${search}|${sort}|${direction}` };
}
