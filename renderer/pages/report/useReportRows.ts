import { useCallback, useState } from 'react';
import type { ChannelInput, Result } from '../../../preload/contract';
import { api } from '../../bridge/api';
import { useWindowedRows } from '../../hooks/useWindowedRows';
import { finishExport } from './export-result';

type Page<R> = { total: number; rows: R[] };

/**
 * A report list read one window at a time. Report rows have no id of their own, so each
 * gets its position in the list, which is what the table needs to tell rows apart.
 */
export function useReportRows<R>(key: string, version: number, fetch: (offset: number, limit: number) => Promise<Result<Page<R>>>) {
  const fetchPage = useCallback(
    async (offset: number, limit: number): Promise<Result<Page<R & { id: number }>>> => {
      const result = await fetch(offset, limit);
      return result.ok ? { ok: true, value: { total: result.value.total, rows: result.value.rows.map((row, i) => ({ ...row, id: offset + i + 1 })) } } : result;
    },
    // `key` names everything `fetch` reads, so the callback is renewed exactly when the query changes.
    [key],
  );
  return useWindowedRows<R & { id: number }>(key, version, fetchPage);
}

/** Export CSV for a report view: the download or saved file, and what to tell the admin. */
export function useCsvExport() {
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function run(report: ChannelInput<'report.export'>['report']) {
    setMessage(null);
    setError(null);
    const result = await api.report.export({ report });
    if (result.ok) setMessage(finishExport(result.value));
    else setError(result.error.message);
  }
  return { message, error, run };
}
