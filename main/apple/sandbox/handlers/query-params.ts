import { SandboxAppleError } from '../sandbox-apple-error';

/** A text filter; an empty value counts as absent, as it does at Apple. */
export function textParam(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name);
  return value === null || value === '' ? undefined : value;
}

export function booleanParam(query: URLSearchParams, name: string): boolean | undefined {
  const value = textParam(query, name);
  if (value === undefined) return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new SandboxAppleError(400, 9602);
}

export function countParam(query: URLSearchParams, name: string): number | undefined {
  const value = textParam(query, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new SandboxAppleError(400, 9602);
  return Number(value);
}

/** The query without `pageIndex`: every page of one read shares it, so it keys the row cache. */
export function queryKey(path: string, query: URLSearchParams): string {
  const entries = [...query.entries()].filter(([name]) => name !== 'pageIndex').sort(([a], [b]) => a.localeCompare(b));
  return `${path}?${new URLSearchParams(entries).toString()}`;
}
