import { adminMessageForAppleError } from '../errors/apple-error-mapping';
import type { AppleEventFailure, AppleEventStatus, AppleEventStatusValue, AppleEventType } from '../wire/apple-event';

export type EventState = AppleEventStatusValue;
export type EventType = AppleEventType;

/** The ids one failure of an event applies to, read from `failures[].errorInfo`. */
export interface EventFailure {
  errorNumber: number;
  /** One sentence for the admin, from our error table. */
  message: string;
  /** Apple's own wording, kept for the log. */
  appleMessage: string | null;
  assets: { adamId: string; pricingParam: string | null }[];
  clientUserIds: string[];
  serialNumbers: string[];
}

export interface EventStatus {
  eventId: string;
  state: EventState;
  type: EventType;
  numCompleted: number;
  numRequested: number;
  failures: EventFailure[];
}

export function eventStatusFromApple(eventId: string, wire: AppleEventStatus): EventStatus {
  return {
    eventId,
    state: wire.eventStatus,
    type: wire.eventType,
    numCompleted: wire.numCompleted,
    numRequested: wire.numRequested,
    failures: wire.failures.map(eventFailureFromApple),
  };
}

function eventFailureFromApple(wire: AppleEventFailure): EventFailure {
  return {
    errorNumber: wire.errorNumber,
    message: adminMessageForAppleError(wire.errorNumber, wire.errorMessage),
    appleMessage: wire.errorMessage ?? null,
    assets: (wire.errorInfo?.assets ?? []).map((asset) => ({ adamId: asset.adamId, pricingParam: asset.pricingParam ?? null })),
    clientUserIds: wire.errorInfo?.clientUserIds ?? [],
    serialNumbers: wire.errorInfo?.serialNumbers ?? [],
  };
}
