import type { AppleMdmInfo } from '../../wire/apple-client-config';
import { AssetStore } from './asset-store';
import { AssignmentTable } from './assignment-table';
import { processEvent } from './event-processor';
import { EventStore } from './event-store';
import { QueryCache } from './query-cache';
import { UserStore } from './user-store';
import { VersionClock } from './version-clock';

export interface SandboxLocationInfo {
  id: string;
  name: string;
  /** Apple's library id, answered as `uId`. */
  uId: string;
  orgName: string;
  countryCode: string;
  defaultPlatform: string;
  websiteUrl: string;
}

/** One Apple location (one token's world): its licenses, users, assignments and events. */
export class SandboxLocation {
  readonly assets = new AssetStore();
  readonly users = new UserStore();
  readonly assignments = new AssignmentTable();
  readonly events = new EventStore();
  readonly versions = new VersionClock();
  readonly queries = new QueryCache();
  mdmInfo: AppleMdmInfo | undefined;
  notificationUrl: string | undefined;
  notificationAuthToken: string | undefined;
  subscribedNotificationTypes: string[] | undefined;

  constructor(readonly info: SandboxLocationInfo) {}

  /** Carries out every event whose time has come, so each answer reflects them. */
  settle(now: number): void {
    for (const event of this.events.takeDue(now)) processEvent(this, event);
  }
}
