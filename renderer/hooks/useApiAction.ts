import { useState } from 'react';
import type { ApiError, Result } from '../../preload/contract';
import { fieldErrors } from '../components/field-errors';

/**
 * Runs one API call for a form: busy while it runs, the error (and per-field messages) if it
 * fails, `onDone` with the value if it succeeds.
 */
export function useApiAction<T>(onDone: (value: T) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function run(call: () => Promise<Result<T>>): Promise<void> {
    setBusy(true);
    const result = await call();
    setBusy(false);
    if (result.ok) {
      setError(null);
      onDone(result.value);
    } else {
      setError(result.error);
    }
  }

  const fields = fieldErrors(error);
  /** The message to show above the form: only when no field explains the failure. */
  const formError = error && Object.keys(fields).length === 0 ? error.message : null;
  return { busy, error, fields, formError, run };
}
