import type { z } from 'zod';
import { DomainError } from '../../errors/domain-error';
import { assetFromApple, unlimitedAssetFromApple, type Asset } from '../model/asset';
import { assignmentFromApple, type Assignment } from '../model/assignment';
import { eventStatusFromApple, type EventStatus } from '../model/event-status';
import { locationConfigFromApple, mdmInfoFromApple, type LocationConfig, type MdmInfo } from '../model/location-config';
import { serviceConfigFromApple, type ServiceConfig } from '../model/service-config';
import { vppUserFromApple, type VppUser } from '../model/vpp-user';
import type { EventRequest, LicenseRequest, RevocationRequest, SubmittedEvent, UserChange } from '../model/write-requests';
import { appleAssetsPageSchema } from '../wire/apple-asset';
import { appleAssignmentsPageSchema } from '../wire/apple-assignment';
import { appleClientConfigRequestSchema, appleClientConfigSchema, type AppleClientConfigRequest, type AppleMdmInfo } from '../wire/apple-client-config';
import { appleEventIdAnswerSchema, appleEventStatusSchema } from '../wire/apple-event';
import { appleAssetsRequestSchema, appleRevokeRequestSchema } from '../wire/apple-license-request';
import { appleServiceConfigSchema } from '../wire/apple-service-config';
import { appleUsersPageSchema, appleUsersRequestSchema } from '../wire/apple-user';
import { AppleRequester, type AppleRequest, type QueryValue } from './apple-requester';
import { splitEventRequest } from './batch-splitter';
import { ContentMetadataLookup } from './content-metadata-lookup';
import { defaultEventWaitSettings, waitForEvent, type EventOutcome, type EventWaitSettings } from './event-waiter';
import { MAX_PAGES_IN_FLIGHT, PagedRead, type FetchedPage } from './paged-read';
import { filterQuery, type AssetFilter, type AssignmentFilter, type UserFilter } from './read-filters';
import { SERVICE_CONFIG_TTL_MS, ServiceConfigCache } from './service-config-cache';
import { resolveTransport, type ResolvedTransport, type TransportOptions } from './transport-options';

export const PRODUCTION_BASE_URL = 'https://vpp.itunes.apple.com/mdm/v2';

export interface AppleClientOptions extends TransportOptions {
  /** The normalized sToken (see parseServiceToken), sent unchanged as bearer. */
  token: string;
  /** Apple's v2 base; the sandbox's in demo mode and tests. */
  baseUrl?: string;
  serviceConfigTtlMs?: number;
  events?: Partial<EventWaitSettings>;
  /** Never above Apple's five. */
  maxPagesInFlight?: number;
  /**
   * Told the MDM each answer names as the location's manager (client config, assignments
   * pages, event status...), as Apple asks MDMs to check: another name means another server
   * has taken the location over.
   */
  onMdmInfo?: (mdmInfo: MdmInfo) => void;
}

export type ClientConfigUpdate = AppleClientConfigRequest;

const writePaths: Record<EventRequest['type'], string> = {
  ASSOCIATE: '/assets/associate',
  DISASSOCIATE: '/assets/disassociate',
  REVOKE: '/assets/revoke',
  CREATE: '/users/create',
  UPDATE: '/users/update',
  RETIRE: '/users/retire',
};

/**
 * Apple's Apps and Books v2 API for one token (one location): the only way the app talks to Apple.
 *
 * Answers come back as our domain shapes; every failure is an AppleApiError with a stable
 * code and an admin sentence (FullSyncRequiredError for 9721).
 */
export class AppleClient {
  private readonly requester: AppleRequester;
  private readonly serviceConfig: ServiceConfigCache;
  private readonly eventSettings: EventWaitSettings;
  private readonly maxPagesInFlight: number;
  private readonly transport: ResolvedTransport;
  private readonly token: string;
  private readonly onMdmInfo: (mdmInfo: MdmInfo) => void;

  constructor(options: AppleClientOptions) {
    this.onMdmInfo = options.onMdmInfo ?? (() => undefined);
    this.transport = resolveTransport(options);
    this.token = options.token;
    this.requester = new AppleRequester({
      ...this.transport,
      baseUrl: options.baseUrl ?? PRODUCTION_BASE_URL,
      token: options.token,
      serviceName: "Apple's service",
    });
    this.serviceConfig = new ServiceConfigCache(() => this.readServiceConfig(), this.transport.clock, options.serviceConfigTtlMs ?? SERVICE_CONFIG_TTL_MS);
    this.eventSettings = { ...defaultEventWaitSettings, ...options.events };
    this.maxPagesInFlight = Math.min(MAX_PAGES_IN_FLIGHT, Math.max(1, options.maxPagesInFlight ?? MAX_PAGES_IN_FLIGHT));
  }

  /** Limits, invitation link and error codes; read again at most every five minutes. */
  getServiceConfig(): Promise<ServiceConfig> {
    return this.serviceConfig.get();
  }

  /** The location behind the token; also the check that a pasted token works. */
  async getClientConfig(signal?: AbortSignal): Promise<LocationConfig> {
    const wire = await this.ask({ method: 'GET', path: '/client/config', authenticated: true, answer: appleClientConfigSchema, signal });
    return locationConfigFromApple(wire);
  }

  /** Claims the location for our MDM and sets where notifications go. */
  async updateClientConfig(update: ClientConfigUpdate, signal?: AbortSignal): Promise<LocationConfig> {
    const body = validRequest(appleClientConfigRequestSchema, update);
    const wire = await this.ask({ method: 'POST', path: '/client/config', body, authenticated: true, answer: appleClientConfigSchema, signal });
    return locationConfigFromApple(wire);
  }

  /**
   * The location's content metadata lookup, which names its custom (B2B) apps too; null when
   * service config names none, or names an address the token must not be sent to.
   *
   * Apple asks for the location's `defaultPlatform` as `platform`; without one, `enterprisestore`
   * is the store Apple's page names for custom apps.
   */
  async contentMetadataLookup(signal?: AbortSignal): Promise<ContentMetadataLookup | null> {
    const [service, location] = await Promise.all([this.getServiceConfig(), this.getClientConfig(signal)]);
    const url = service.contentMetadataLookupUrl;
    if (url === null || !mayCarryToken(url)) return null;
    const target = { url, platform: location.defaultPlatform ?? 'enterprisestore', country: (location.countryCode ?? 'US').toLowerCase() };
    return new ContentMetadataLookup(this.transport, target, this.token);
  }

  readAssets(filter: AssetFilter = {}, signal?: AbortSignal): PagedRead<Asset> {
    return this.pagedRead('/assets', filter, appleAssetsPageSchema, (wire) => [
      ...wire.assets.map(assetFromApple),
      ...(wire.unlimitedAssets ?? []).map(unlimitedAssetFromApple),
    ], signal);
  }

  /** With `sinceVersionId`, only changes; a FullSyncRequiredError says the id is no longer usable. */
  readAssignments(filter: AssignmentFilter = {}, signal?: AbortSignal): PagedRead<Assignment> {
    return this.pagedRead('/assignments', filter, appleAssignmentsPageSchema, (wire) => wire.assignments.map(assignmentFromApple), signal);
  }

  /** With `sinceVersionId`, only changes; a FullSyncRequiredError says the id is no longer usable. */
  readUsers(filter: UserFilter = {}, signal?: AbortSignal): PagedRead<VppUser> {
    return this.pagedRead('/users', filter, appleUsersPageSchema, (wire) => wire.users.map(vppUserFromApple), signal);
  }

  createUsers(users: UserChange[], signal?: AbortSignal): Promise<SubmittedEvent> {
    return this.submit({ type: 'CREATE', users }, signal);
  }

  updateUsers(users: UserChange[], signal?: AbortSignal): Promise<SubmittedEvent> {
    return this.submit({ type: 'UPDATE', users }, signal);
  }

  retireUsers(users: UserChange[], signal?: AbortSignal): Promise<SubmittedEvent> {
    return this.submit({ type: 'RETIRE', users }, signal);
  }

  associate(licenses: LicenseRequest, signal?: AbortSignal): Promise<SubmittedEvent> {
    return this.submit({ type: 'ASSOCIATE', licenses }, signal);
  }

  disassociate(licenses: LicenseRequest, signal?: AbortSignal): Promise<SubmittedEvent> {
    return this.submit({ type: 'DISASSOCIATE', licenses }, signal);
  }

  revoke(revocation: RevocationRequest, signal?: AbortSignal): Promise<SubmittedEvent> {
    return this.submit({ type: 'REVOKE', revocation }, signal);
  }

  /** Sends one write as is; Apple refuses it if it exceeds a limit (see submitInBatches). */
  async submit(request: EventRequest, signal?: AbortSignal): Promise<SubmittedEvent> {
    const answer = await this.ask({
      method: 'POST',
      path: writePaths[request.type],
      body: wireBody(request),
      authenticated: true,
      answer: appleEventIdAnswerSchema,
      signal,
    });
    return { eventId: answer.eventId, request };
  }

  /** Sends bulk work as several writes, each within Apple's current limits, one after another. */
  async submitInBatches(request: EventRequest, signal?: AbortSignal): Promise<SubmittedEvent[]> {
    const { limits } = await this.getServiceConfig();
    const submitted: SubmittedEvent[] = [];
    for (const part of splitEventRequest(request, limits)) submitted.push(await this.submit(part, signal));
    return submitted;
  }

  async getEventStatus(eventId: string, signal?: AbortSignal): Promise<EventStatus> {
    const wire = await this.ask({ method: 'GET', path: '/status', query: { eventId }, authenticated: true, answer: appleEventStatusSchema, signal });
    return eventStatusFromApple(eventId, wire);
  }

  /** Polls until the event finishes; per-id failures are in the outcome, not thrown. */
  waitForEvent(event: SubmittedEvent | string, signal?: AbortSignal): Promise<EventOutcome> {
    const deps = {
      status: (eventId: string, s?: AbortSignal) => this.getEventStatus(eventId, s),
      resubmit: (request: EventRequest, s?: AbortSignal) => this.submit(request, s),
      clock: this.transport.clock,
      sleep: this.transport.sleep,
    };
    return waitForEvent(deps, event, this.eventSettings, signal);
  }

  private async readServiceConfig(): Promise<ServiceConfig> {
    const wire = await this.requester.send({ method: 'GET', path: '/service/config', authenticated: false, answer: appleServiceConfigSchema });
    return serviceConfigFromApple(wire);
  }

  /** A request with the token; the MDM its answer names is passed on. */
  private async ask<T extends { mdmInfo?: AppleMdmInfo | undefined }>(request: AppleRequest<T>): Promise<T> {
    const answer = await this.requester.send(request);
    const mdmInfo = mdmInfoFromApple(answer.mdmInfo);
    if (mdmInfo) this.onMdmInfo(mdmInfo);
    return answer;
  }

  private pagedRead<
    W extends { currentPageIndex: number; totalPages: number; nextPageIndex?: number | undefined; versionId?: string | undefined; mdmInfo?: AppleMdmInfo | undefined },
    T,
  >(
    path: string,
    filter: AssetFilter | AssignmentFilter | UserFilter,
    schema: z.ZodType<W>,
    items: (wire: W) => T[],
    signal?: AbortSignal,
  ): PagedRead<T> {
    const fetchPage = async (pageIndex: number | undefined, pageSignal: AbortSignal): Promise<FetchedPage<T>> => {
      const query: Record<string, QueryValue> = { ...filterQuery(filter), pageIndex };
      const wire = await this.ask({ method: 'GET', path, query, authenticated: true, answer: schema, signal: pageSignal });
      return {
        items: items(wire),
        pageIndex: wire.currentPageIndex,
        totalPages: wire.totalPages,
        versionId: wire.versionId ?? null,
        nextPageIndex: wire.nextPageIndex ?? null,
      };
    };
    return new PagedRead(fetchPage, this.maxPagesInFlight, signal);
  }
}

function wireBody(request: EventRequest): unknown {
  switch (request.type) {
    case 'ASSOCIATE':
    case 'DISASSOCIATE':
      return validRequest(appleAssetsRequestSchema, request.licenses);
    case 'REVOKE':
      return validRequest(appleRevokeRequestSchema, request.revocation);
    case 'CREATE':
    case 'UPDATE':
    case 'RETIRE':
      return validRequest(appleUsersRequestSchema, { users: request.users });
  }
}

/** The sToken goes as a cookie only over HTTPS, or to this machine (the sandbox). */
function mayCarryToken(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && (parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost'));
  } catch {
    return false;
  }
}

/** Refuses a malformed request before it reaches Apple, naming the first bad field. */
function validRequest<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new DomainError('VALIDATION', `The request to Apple is not valid (${where}${issue?.message ?? 'unknown problem'}).`);
}
