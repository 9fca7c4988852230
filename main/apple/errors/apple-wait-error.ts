import { clockTime, waitLength } from '../../clock/clock-time';
import { AppleApiError } from './apple-api-error';

/**
 * Apple asked (with `Retry-After`) not to be called again before `retryAt`, longer than one
 * call may wait.
 *
 * An admin's call ends with it at once; background work waits for `retryAt` and goes on.
 */
export class AppleWaitError extends AppleApiError {
  constructor(
    readonly retryAt: Date,
    readonly waitMs: number,
    details: { appleErrorNumber: number | null; httpStatus: number | null },
  ) {
    super('APPLE_UNAVAILABLE', appleWaitMessage(waitMs, retryAt), { ...details, appleMessage: null }, { retryAt: retryAt.toISOString() });
    this.name = 'AppleWaitError';
  }
}

/** "Apple asked us to wait 2 minutes; try again after 14:05." */
export function appleWaitMessage(waitMs: number, retryAt: Date): string {
  return `Apple asked us to wait ${waitLength(waitMs)}; try again after ${clockTime(retryAt)}.`;
}

/** How background work that will go on by itself says it: "Apple asked us to wait 2 minutes; the next try is at 14:05." */
export function appleWaitRescheduled(waitMs: number, retryAt: Date): string {
  return `Apple asked us to wait ${waitLength(waitMs)}; the next try is at ${clockTime(retryAt)}.`;
}

/** What background work shows while it waits: "Apple asked us to wait; the next try is at 14:05". */
export function appleWaitPhase(retryAt: Date): string {
  return `Apple asked us to wait; the next try is at ${clockTime(retryAt)}`;
}
