import { isRetryableAppleError } from '../errors/apple-error-mapping';
import { retryAfterMillis } from './retry-after';
import type { RequestFailure } from './request-failure';

export interface RetrySettings {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  /** No retry starts once this much time has passed since the first attempt (waits included). */
  maxTotalMs: number;
  /** First backoff step; each further retry doubles it. */
  baseDelayMs: number;
  /** Cap of one backoff step (a longer `Retry-After` is still honoured within maxTotalMs). */
  maxDelayMs: number;
  /**
   * The longest `Retry-After` one call sits out; a longer one ends the call at once with the
   * time Apple named (AppleWaitError), so an admin is never left in front of a frozen dialog.
   */
  maxHeldWaitMs: number;
}

/**
 * 30 seconds of held wait: as long as one attempt may take (the request timeout), about what
 * an admin watches a "Checking with Apple…" spinner before deciding it hangs. Background work
 * meeting a longer wait is rescheduled for Apple's time instead.
 */
export const defaultRetrySettings: RetrySettings = {
  maxAttempts: 5,
  maxTotalMs: 120_000,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxHeldWaitMs: 30_000,
};

export interface RetryContext {
  /** 1 for the attempt that just failed first. */
  attempt: number;
  elapsedMs: number;
  now: Date;
  /** Uniform in [0, 1): the jitter source. */
  random: () => number;
}

/**
 * How long to wait before trying a failed request again, or null to give up now.
 *
 * Apple asks for backoff on 9646/429 and honoured `Retry-After` on 5xx; one field client's
 * unbounded retry on 9646 ran away with memory and CPU, so both the attempt count and the
 * total time are bounded. 4xx answers other than 429 are the request's fault and never retried.
 */
export function retryDelay(failure: RequestFailure, context: RetryContext, settings: RetrySettings): number | null {
  if (!isRetryable(failure) || context.attempt >= settings.maxAttempts) return null;
  const delay = askedWait(failure, context.now) ?? backoffDelay(context.attempt, settings, context.random);
  return context.elapsedMs + delay > settings.maxTotalMs ? null : delay;
}

/** The wait a retryable failure's `Retry-After` asks for; null without one (a 4xx's is ignored: it is never retried). */
export function askedWait(failure: RequestFailure, now: Date): number | null {
  if (!isRetryable(failure) || !('retryAfter' in failure)) return null;
  return retryAfterMillis(failure.retryAfter, now);
}

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random.
 *
 * The fixed half keeps the wait growing; the random half keeps many clients that failed
 * together from coming back together.
 */
export function backoffDelay(attempt: number, settings: RetrySettings, random: () => number): number {
  const step = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

function isRetryable(failure: RequestFailure): boolean {
  switch (failure.kind) {
    case 'network':
    case 'timeout':
    case 'malformed-answer':
      return true;
    case 'http-status':
      return isRetryableStatus(failure.httpStatus);
    case 'apple-error':
      return isRetryableAppleError(failure.errorNumber) ?? isRetryableStatus(failure.httpStatus);
  }
}

function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}
