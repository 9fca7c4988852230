import type { AppleServiceLimits } from '../wire/apple-service-config';
import { SandboxCatalog } from './sandbox-catalog';
import { FaultQueue } from './sandbox-faults';
import { TokenRegistry } from './sandbox-tokens';
import { TrafficRecorder } from './sandbox-traffic';
import type { SandboxLocation } from './state/sandbox-location';

export interface SandboxSettings {
  /** Rows per page of /assets, /assignments and /users. */
  pageSize: number;
  /** How long an event stays PENDING before it is carried out. */
  eventDelayMs: number;
  limits: AppleServiceLimits;
}

/** Apple's example limits, which the sandbox enforces unless a test sets others. */
export const defaultSandboxLimits: AppleServiceLimits = {
  maxAssets: 25,
  maxUsers: 100,
  maxClientUserIds: 1000,
  maxSerialNumbers: 1000,
  maxRevokeClientUserIds: 100,
  maxRevokeSerialNumbers: 100,
  maxNotificationLength: 512,
  maxMdmNameLength: 100,
  maxMdmMetadataLength: 255,
  maxMdmIdLength: 100,
};

/** Everything the sandbox server knows: locations, tokens, catalog, faults and traffic. */
export class SandboxWorld {
  readonly locations = new Map<string, SandboxLocation>();
  readonly tokens = new TokenRegistry();
  readonly catalog = new SandboxCatalog();
  readonly faults = new FaultQueue();
  readonly traffic = new TrafficRecorder();
  /** The next this-many events stay PENDING until Apple's time limit makes the client resend. */
  stalledEvents = 0;
  origin = '';

  constructor(
    readonly settings: SandboxSettings,
    readonly now: () => Date,
  ) {}

  location(locationId: string): SandboxLocation {
    const location = this.locations.get(locationId);
    if (!location) throw new Error(`The sandbox has no location "${locationId}".`);
    return location;
  }

  /** The location after carrying out its due events, for answers and for test inspection. */
  settledLocation(locationId: string): SandboxLocation {
    const location = this.location(locationId);
    location.settle(this.now().getTime());
    return location;
  }
}
