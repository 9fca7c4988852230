import { describe, expect, it } from 'vitest';
import { AppleApiError } from '../../../../main/apple/errors/apple-api-error';
import { AppleWaitError } from '../../../../main/apple/errors/apple-wait-error';
import { DomainError } from '../../../../main/errors/domain-error';
import {
  describeSyncFailure,
  SYNC_CANCELLED_MESSAGE,
  SYNC_INTERNAL_MESSAGE,
  SyncCancelledError,
} from '../../../../main/distribution/sync/sync-failure';

describe('why a sync failed, in the admin’s words', () => {
  it('anything thrown after a cancel is the cancel', () => {
    const failure = describeSyncFailure(new TypeError('The database connection is not open'), true);
    expect(failure).toMatchObject({ code: 'CANCELLED', message: SYNC_CANCELLED_MESSAGE });
    expect(failure.error).toBeInstanceOf(SyncCancelledError);
  });

  it('Apple’s refusals keep their code and sentence', () => {
    const revoked = new AppleApiError('TOKEN_REVOKED', 'The sToken has been revoked.', { appleErrorNumber: 9625, httpStatus: 401, appleMessage: null });
    expect(describeSyncFailure(revoked, false)).toEqual({ code: 'TOKEN_REVOKED', message: 'The sToken has been revoked.', error: revoked, retryAt: null });
  });

  it('a Retry-After longer than a call holds says when the sync goes on by itself', () => {
    const retryAt = new Date(2026, 2, 2, 14, 5);
    const failure = describeSyncFailure(new AppleWaitError(retryAt, 300_000, { appleErrorNumber: null, httpStatus: 503 }), false);
    expect(failure).toMatchObject({ code: 'APPLE_UNAVAILABLE', message: 'Apple asked us to wait 5 minutes; the next try is at 14:05.', retryAt });
    expect(failure.error).toMatchObject({ code: 'APPLE_UNAVAILABLE', message: failure.message });
  });

  it('a bug is INTERNAL for the admin, and the original error goes on to be logged', () => {
    const bug = new RangeError('oops');
    expect(describeSyncFailure(bug, false)).toEqual({ code: 'INTERNAL', message: SYNC_INTERNAL_MESSAGE, error: bug, retryAt: null });
    expect(describeSyncFailure(new DomainError('NOT_FOUND', 'Gone.'), false)).toMatchObject({ code: 'NOT_FOUND', message: 'Gone.' });
  });
});
