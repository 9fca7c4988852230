import { randomInt } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppleAsset } from '../wire/apple-asset';
import type { AppleAssignment } from '../wire/apple-assignment';
import type { AppleMdmInfo } from '../wire/apple-client-config';
import type { AppleServiceLimits } from '../wire/apple-service-config';
import type { AppleUser } from '../wire/apple-user';
import { generateLocation, type GeneratedCounts, type GenerateOptions } from './generator/location-generator';
import { acceptInvitation, type AcceptedInvitation } from './invitation-acceptance';
import type { CatalogEntry } from './sandbox-catalog';
import type { FaultOptions, SandboxFault } from './sandbox-faults';
import { API_BASE_PATH } from './sandbox-routes';
import { createSandboxServer } from './sandbox-server';
import type { RecordedRequest, TrafficStats } from './sandbox-traffic';
import { defaultSandboxLimits, SandboxWorld } from './sandbox-world';
import { AssetStore, type SandboxAssetSpec } from './state/asset-store';
import { SandboxLocation, type SandboxLocationInfo } from './state/sandbox-location';
import { UserStore } from './state/user-store';

export interface AppleSandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Rows per page; Apple's is "several hundred", the sandbox's default 1000. */
  pageSize?: number;
  /** How long events stay PENDING (default 0: done by the next request). */
  eventDelayMs?: number;
  limits?: Partial<AppleServiceLimits>;
  /** The sandbox's clock, for token expiry and event delays. */
  now?: () => Date;
}

export interface LocationSpec {
  name?: string;
  uId?: string;
  orgName?: string;
  countryCode?: string;
}

const yearMillis = 365 * 24 * 60 * 60 * 1000;

/**
 * Apple's Apps and Books service, simulated on 127.0.0.1.
 *
 * It is the only Apple that tests and demo mode talk to. State lives per location; clients reach it over real HTTP at `baseUrl` (the v2 API) and
 * `lookupBaseUrl` (the public lookup), while tests and demo mode drive it through these
 * methods: tokens, data, invitations, faults and traffic.
 */
export class AppleSandbox {
  private nextLocation = 1;

  private constructor(
    private readonly world: SandboxWorld,
    private readonly server: Server,
  ) {}

  static async start(options: AppleSandboxOptions = {}): Promise<AppleSandbox> {
    const world = new SandboxWorld(
      {
        pageSize: options.pageSize ?? 1000,
        eventDelayMs: options.eventDelayMs ?? 0,
        limits: { ...defaultSandboxLimits, ...options.limits },
      },
      options.now ?? (() => new Date()),
    );
    const server = createSandboxServer(world);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    world.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return new AppleSandbox(world, server);
  }

  get origin(): string {
    return this.world.origin;
  }

  /** Where the v2 client points instead of `https://vpp.itunes.apple.com/mdm/v2`. */
  get baseUrl(): string {
    return `${this.world.origin}${API_BASE_PATH}`;
  }

  /** Where the public lookup points instead of `https://itunes.apple.com`; service config names the content metadata lookup. */
  get lookupBaseUrl(): string {
    return this.world.origin;
  }

  createLocation(spec: LocationSpec = {}): SandboxLocationInfo {
    const number = this.nextLocation++;
    const info: SandboxLocationInfo = {
      id: `location-${number}`,
      name: spec.name ?? `Sandbox Location ${number}`,
      uId: spec.uId ?? String(2049025000000000 + randomInt(1_000_000_000)),
      orgName: spec.orgName ?? `ORG${10000 + number}`,
      countryCode: spec.countryCode ?? 'US',
      defaultPlatform: 'volumestore',
      websiteUrl: `${this.world.origin}/sandbox`,
    };
    this.world.locations.set(info.id, new SandboxLocation(info));
    return info;
  }

  /** An sToken for the location in Apple's `.vpptoken` format; valid for a year unless told otherwise. */
  mintToken(locationId: string, options: { expiresAt?: Date } = {}): string {
    const location = this.world.location(locationId);
    const expiresAt = options.expiresAt ?? new Date(this.world.now().getTime() + yearMillis);
    return this.world.tokens.mint(locationId, location.info.orgName, expiresAt);
  }

  /** From now on Apple answers this token with 9625. */
  revokeToken(sToken: string): void {
    this.world.tokens.revoke(sToken);
  }

  /** From now on Apple answers this token with 9621. */
  expireToken(sToken: string): void {
    this.world.tokens.expire(sToken, this.world.now());
  }

  /**
   * Adds one license pool, and optionally its store entry; a `custom` (B2B) app is known only
   * to this location's content metadata lookup, not to the public lookup.
   */
  addAsset(locationId: string, asset: SandboxAssetSpec, metadata?: Omit<CatalogEntry, 'adamId' | 'customFor'> & { custom?: boolean }): void {
    this.world.location(locationId).assets.add(asset);
    if (!metadata) return;
    const { custom, ...entry } = metadata;
    this.world.catalog.add({ adamId: asset.adamId, ...entry, ...(custom ? { customFor: locationId } : {}) });
  }

  /** What the sandbox's store knows of a title; a custom app names the location it was made for. */
  catalogEntry(adamId: string): CatalogEntry | undefined {
    return this.world.catalog.get(adamId);
  }

  generate(locationId: string, options: GenerateOptions): GeneratedCounts {
    return generateLocation(this.world.location(locationId), this.world.catalog, options);
  }

  /** The person behind an invitation accepts it with their Apple ID. */
  acceptInvitation(inviteCode: string): AcceptedInvitation | null {
    return acceptInvitation(this.world, inviteCode);
  }

  /** Another MDM server claims the location, as when a second MDM takes it over. */
  setForeignMdm(locationId: string, mdmInfo: AppleMdmInfo): void {
    this.world.location(locationId).mdmInfo = mdmInfo;
  }

  /** The MDM that last claimed the location (POST client/config), as Apple would name it. */
  mdmInfoOf(locationId: string): AppleMdmInfo | null {
    return this.world.location(locationId).mdmInfo ?? null;
  }

  /** Forgets every `versionId` handed out, so incremental reads get 9721. */
  forgetVersionIds(locationId: string): void {
    this.world.location(locationId).versions.forgetAll();
  }

  /** The next `count` events stay PENDING for ever, until the client sends the request again. */
  stallNextEvents(count: number): void {
    this.world.stalledEvents = count;
  }

  setEventDelayMs(delayMs: number): void {
    this.world.settings.eventDelayMs = delayMs;
  }

  setPageSize(pageSize: number): void {
    this.world.settings.pageSize = pageSize;
  }

  injectFaults(fault: SandboxFault, options?: FaultOptions): void {
    this.world.faults.inject(fault, options);
  }

  clearFaults(): void {
    this.world.faults.clear();
  }

  trafficStats(): TrafficStats {
    return this.world.traffic.snapshot();
  }

  recordedRequests(): RecordedRequest[] {
    return this.world.traffic.requests();
  }

  resetTraffic(): void {
    this.world.traffic.reset();
  }

  /** The location's assets as Apple would list them, after due events. */
  assetsOf(locationId: string): AppleAsset[] {
    return this.world.settledLocation(locationId).assets.rows.map(AssetStore.toApple);
  }

  usersOf(locationId: string): AppleUser[] {
    return this.world.settledLocation(locationId).users.rows.map(UserStore.toApple);
  }

  /** Every live assignment, in the order a full read pages through them. */
  assignmentsOf(locationId: string): AppleAssignment[] {
    const { assets, users, assignments } = this.world.settledLocation(locationId);
    const rows: AppleAssignment[] = [];
    for (let row = 0; row < assignments.length; row++) {
      if (!assignments.isLive(row)) continue;
      const asset = assets.at(assignments.assetOf(row));
      const holder = assignments.holderOf(row);
      const base = { adamId: asset.adamId, pricingParam: asset.pricingParam };
      rows.push(
        holder.kind === 'user'
          ? { ...base, clientUserId: users.at(holder.index).clientUserId }
          : { ...base, serialNumber: assignments.serialAt(holder.index) },
      );
    }
    return rows;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }
}

/** Starts a sandbox; see AppleSandbox. */
export function startAppleSandbox(options?: AppleSandboxOptions): Promise<AppleSandbox> {
  return AppleSandbox.start(options);
}
