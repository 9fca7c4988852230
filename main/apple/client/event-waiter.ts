import type { Clock } from '../../clock/clock';
import { AppleApiError } from '../errors/apple-api-error';
import type { EventStatus } from '../model/event-status';
import type { EventRequest, SubmittedEvent } from '../model/write-requests';
import type { Sleep } from './sleep';

export interface EventWaitSettings {
  /** Apple asks for at least 30 seconds between polls in production. */
  pollIntervalMs: number;
  /** Apple's time limit: a request still PENDING this long after it was sent is sent again. */
  resendAfterMs: number;
  /** Sends again at most this often before giving up. */
  maxResends: number;
}

export const defaultEventWaitSettings: EventWaitSettings = {
  pollIntervalMs: 30_000,
  resendAfterMs: 10 * 60 * 1000,
  maxResends: 2,
};

/** A finished event; `eventId` is the one that finished, which differs from the first after a resend. */
export interface EventOutcome extends EventStatus {
  state: 'COMPLETE' | 'FAILED';
  resends: number;
}

export interface EventWaitDeps {
  status: (eventId: string, signal?: AbortSignal) => Promise<EventStatus>;
  resubmit: (request: EventRequest, signal?: AbortSignal) => Promise<SubmittedEvent>;
  clock: Clock;
  sleep: Sleep;
}

/**
 * Polls /status until the event is COMPLETE or FAILED.
 *
 * Apple asks clients to send a request again when it is still PENDING after its time limit.
 * An event known only by its id cannot be sent again, so it fails at the first time limit.
 */
export async function waitForEvent(
  deps: EventWaitDeps,
  event: SubmittedEvent | string,
  settings: EventWaitSettings,
  signal?: AbortSignal,
): Promise<EventOutcome> {
  let current = typeof event === 'string' ? { eventId: event, request: null } : event;
  let sentAt = deps.clock.now().getTime();
  let resends = 0;
  for (;;) {
    await deps.sleep(settings.pollIntervalMs, signal);
    const status = await deps.status(current.eventId, signal);
    if (status.state !== 'PENDING') return { ...status, state: status.state, resends };
    if (deps.clock.now().getTime() - sentAt < settings.resendAfterMs) continue;
    if (current.request === null || resends >= settings.maxResends) throw stillPending(settings.resendAfterMs * (resends + 1));
    current = await deps.resubmit(current.request, signal);
    sentAt = deps.clock.now().getTime();
    resends++;
  }
}

function stillPending(waitedMs: number): AppleApiError {
  const minutes = Math.round(waitedMs / 60_000);
  return new AppleApiError(
    'APPLE_UNAVAILABLE',
    `Apple has not finished this request after ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}. Check the licenses later and try again if needed.`,
    { appleErrorNumber: null, httpStatus: null, appleMessage: null },
  );
}
