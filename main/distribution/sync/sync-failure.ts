import { AppleWaitError, appleWaitRescheduled } from '../../apple/errors/apple-wait-error';
import { DomainError } from '../../errors/domain-error';

export const SYNC_CANCELLED_MESSAGE = 'The sync was cancelled. The report still shows the last completed sync.';
export const SYNC_INTERNAL_MESSAGE =
  'The sync stopped because of an error inside the app. The details were written to its log. The report still shows the last completed sync.';

/**
 * The admin cancelled the sync.
 *
 * A job shows only its message (and its state, cancelled), so the code is never seen; being a
 * DomainError keeps the job registry from logging a cancel as a bug.
 */
export class SyncCancelledError extends DomainError {
  constructor() {
    super('CONFLICT', SYNC_CANCELLED_MESSAGE);
    this.name = 'SyncCancelledError';
  }
}

/** What `sync_state` records of a failed attempt, and what the job fails with. */
export interface SyncFailure {
  /** Our error code, or CANCELLED. */
  code: string;
  message: string;
  /** Thrown out of the job: the admin's sentence, or the original error of a bug so it gets logged. */
  error: unknown;
  /** Apple's Retry-After time: the sync is tried again then, on its own. */
  retryAt: Date | null;
}

/**
 * Why a sync ended without a swap, in the admin's words.
 *
 * After a cancel anything may be thrown (an aborted request, a write to a closing database):
 * it all means "cancelled". Apple's and our own refusals keep their code and sentence; a
 * Retry-After longer than a call holds says when the sync goes on by itself.
 */
export function describeSyncFailure(error: unknown, cancelled: boolean): SyncFailure {
  if (cancelled) return { code: 'CANCELLED', message: SYNC_CANCELLED_MESSAGE, error: new SyncCancelledError(), retryAt: null };
  if (error instanceof AppleWaitError) {
    const message = appleWaitRescheduled(error.waitMs, error.retryAt);
    return { code: error.code, message, error: new DomainError(error.code, message, error.details), retryAt: error.retryAt };
  }
  if (error instanceof DomainError) return { code: error.code, message: error.message, error, retryAt: null };
  return { code: 'INTERNAL', message: SYNC_INTERNAL_MESSAGE, error, retryAt: null };
}
