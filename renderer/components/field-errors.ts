import type { ApiError } from '../../preload/contract';

/** Field name → message, from a VALIDATION error's details; other errors map to nothing. */
export function fieldErrors(error: ApiError | null): Record<string, string> {
  if (!error || error.code !== 'VALIDATION' || !Array.isArray(error.details)) return {};
  const byField: Record<string, string> = {};
  for (const detail of error.details as { path?: unknown; message?: unknown }[]) {
    if (typeof detail.path === 'string' && typeof detail.message === 'string' && !(detail.path in byField)) {
      byField[detail.path] = detail.message;
    }
  }
  return byField;
}
