import type { AppleEventFailure, AppleEventStatusValue, AppleEventType } from '../../wire/apple-event';

export interface LicenseWork {
  assets: { adamId: string; pricingParam: string }[];
  clientUserIds: string[];
  serialNumbers: string[];
}

export interface UserWork {
  clientUserId: string;
  email?: string | undefined;
  managedAppleId?: string | undefined;
}

/** A write the sandbox accepted, waiting to be carried out when its time comes. */
export type EventWork =
  | { type: 'ASSOCIATE' | 'DISASSOCIATE'; licenses: LicenseWork }
  | { type: 'REVOKE'; clientUserIds: string[]; serialNumbers: string[] }
  | { type: 'CREATE' | 'UPDATE' | 'RETIRE'; users: UserWork[] };

export interface SandboxEvent {
  eventId: string;
  type: AppleEventType;
  work: EventWork;
  /** Epoch milliseconds; Infinity for an event held PENDING on purpose. */
  dueAt: number;
  state: AppleEventStatusValue;
  numCompleted: number;
  numRequested: number;
  failures: AppleEventFailure[];
}

/** The events of one location; due events are handed out in the order they were accepted. */
export class EventStore {
  private readonly byId = new Map<string, SandboxEvent>();
  private pending: SandboxEvent[] = [];

  add(event: SandboxEvent): void {
    this.byId.set(event.eventId, event);
    this.pending.push(event);
  }

  get(eventId: string): SandboxEvent | undefined {
    return this.byId.get(eventId);
  }

  takeDue(now: number): SandboxEvent[] {
    const due = this.pending.filter((event) => event.dueAt <= now);
    if (due.length > 0) this.pending = this.pending.filter((event) => event.dueAt > now);
    return due;
  }
}
