import type { ApiError } from '../../preload/contract';

/**
 * The run main names when it refuses a second run of the same work (CONFLICT with
 * `details.runId`), so the dialog can offer to open it; null for any other error, or when
 * the admin could not open that run.
 */
export function runningRunOf(error: ApiError | null): string | null {
  if (error?.code !== 'CONFLICT' || typeof error.details !== 'object' || error.details === null) return null;
  const runId = (error.details as { runId?: unknown }).runId;
  return typeof runId === 'string' ? runId : null;
}
