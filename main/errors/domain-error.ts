import type { ErrorCode } from '../../preload/error-codes';

/**
 * A failure the admin should read: a stable code plus one sentence saying what happened and
 * what to do next.
 *
 * Domain code throws these; the IPC dispatcher turns them into `{ ok: false, error }`.
 * Anything else thrown is a bug and reaches the renderer only as INTERNAL.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
