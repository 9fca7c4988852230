import { SandboxAppleError } from '../sandbox-apple-error';
import { countParam } from './query-params';

export interface PageWindow {
  start: number;
  end: number;
  fields: { currentPageIndex: number; nextPageIndex?: number; totalPages: number; size: number };
}

/**
 * The rows of the requested page and Apple's paging fields.
 *
 * `nextPageIndex` appears only while pages remain; an index past the last page is 9650.
 */
export function pageWindow(rowCount: number, query: URLSearchParams, pageSize: number): PageWindow {
  const pageIndex = countParam(query, 'pageIndex') ?? 0;
  const totalPages = Math.ceil(rowCount / pageSize);
  if (pageIndex >= Math.max(totalPages, 1)) throw new SandboxAppleError(400, 9650);
  const start = pageIndex * pageSize;
  const end = Math.min(rowCount, start + pageSize);
  const more = pageIndex + 1 < totalPages;
  return {
    start,
    end,
    fields: { currentPageIndex: pageIndex, ...(more ? { nextPageIndex: pageIndex + 1 } : {}), totalPages, size: end - start },
  };
}
