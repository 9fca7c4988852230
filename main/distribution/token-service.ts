import type Database from 'better-sqlite3';
import type { AppleClient, AppleClientOptions } from '../apple/client/apple-client';
import { realSleep, type Sleep } from '../apple/client/sleep';
import { managedByAnotherMdm, type LocationConfig, type MdmInfo } from '../apple/model/location-config';
import { parseServiceToken } from '../apple/token/token-parser';
import type { AuditLog } from '../audit/audit-log';
import type { SignedInAdmin } from '../auth/signed-in-admin';
import type { Clock } from '../clock/clock';
import type { ScopeReader } from '../directory/admin-scope';
import { DomainError } from '../errors/domain-error';
import { notFoundOrOutOfScope } from '../errors/out-of-scope';
import type { EventBus } from '../events/event-bus';
import { requireKeychain } from '../keychain/require-keychain';
import type { SecretStore } from '../keychain/secret-store';
import type { ServiceRecord, ServiceStore } from './service-store';
import { seesServicesOf } from './service-visibility';
import { ignoreAppleCalls, type AppleCallObserver } from './sync/connectivity-monitor';
import { mayUseToken } from './token-access-rule';
import { isUsable, tokenStatus, type StoredTokenStatus, type TokenStatus } from './token-status';
import type { TokenRecord, TokenStore } from './token-store';
import { requireOrganizationAdmin } from '../directory/organization-admin';

/** Builds an Apple client for one token's secret, telling `onMdmInfo` the MDM its answers name. */
export type AppleClientFactory = (token: string, options?: Pick<AppleClientOptions, 'onMdmInfo'>) => AppleClient;

/** How this app names itself to Apple as a location's MDM: the data folder's id, the product, the version. */
export interface OurMdm {
  id: string;
  name: string;
  metadata: string;
}

export const OUR_MDM_NAME = 'Managed Distribution desktop';

export const secretAccount = (tokenId: number) => `token:${tokenId}`;

/**
 * Another MDM as the admin reads its name: one that calls itself by our name is this app of
 * another computer or data folder (each claims with its own id), not a product to look up.
 */
function namedForAdmins(info: MdmInfo): MdmInfo {
  return info.name === OUR_MDM_NAME ? { ...info, name: ANOTHER_COPY } : info;
}

const ANOTHER_COPY = `another copy of ${OUR_MDM_NAME} (on another computer or data folder)`;

/** The name in a sentence: a product's quoted, another copy of ours as words. */
const quoted = (name: string) => (name === ANOTHER_COPY ? name : `"${name}"`);

export interface TokenView extends Omit<TokenRecord, 'status' | 'refusedAt' | 'refusalCheckedAt'> {
  status: TokenStatus;
  refusal: { refusedAt: string; checkedAt: string | null } | null;
}

export interface AddedToken {
  token: TokenView;
  warnings: string[];
}

/** Runs Apple calls with a token's secret, recording what Apple says of the token. */
export type TokenRun = <T>(call: (client: AppleClient) => Promise<T>) => Promise<T>;

export interface SyncAccess {
  service: ServiceRecord;
  token: TokenRecord;
  run: TokenRun;
}

/** Apple's final word on a token: recorded at the first answer that says so. */
const STATUS_FOR_CODE: Partial<Record<string, StoredTokenStatus>> = {
  TOKEN_REVOKED: 'revoked',
  TOKEN_EXPIRED: 'expired',
};

/**
 * How long after Apple refused a token as not valid (9622, or a 401 without a number) it is
 * asked again. Apple has been seen to answer 9622 once for a good token; marking it invalid
 * on one answer stopped every sync until someone checked it by hand.
 */
export const CONFIRM_REFUSAL_AFTER_MS = 5_000;

/**
 * Tokens of Managed Distribution services: adding one (checked locally, then with Apple),
 * keeping one active per service, revealing and removing, and handing a usable token's
 * Apple client to the features that spend licenses.
 *
 * The secret goes to the OS keychain only; the database keeps a fingerprint and what Apple
 * said about the location.
 */
export class TokenService {
  private readonly checks = new Map<string, AbortController>();
  /** Tokens (service and fingerprint) an Add Token of this process is checking with Apple. */
  private readonly adding = new Set<string>();
  /** Second calls under way after a refusal, one per token however many calls were refused. */
  private readonly confirming = new Map<number, Promise<boolean>>();

  constructor(
    private readonly db: Database.Database,
    private readonly services: ServiceStore,
    private readonly tokens: TokenStore,
    private readonly secrets: SecretStore,
    private readonly scopes: ScopeReader,
    private readonly appleClient: AppleClientFactory,
    private readonly audit: AuditLog,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly ourMdm: OurMdm,
    private readonly appleCalls: AppleCallObserver = ignoreAppleCalls,
    private readonly sleep: Sleep = realSleep,
  ) {}

  view({ refusedAt, refusalCheckedAt, ...token }: TokenRecord): TokenView {
    return {
      ...token,
      status: tokenStatus(token.status, new Date(token.expiresAt), this.clock.now()),
      refusal: refusedAt === null ? null : { refusedAt, checkedAt: refusalCheckedAt },
    };
  }

  /**
   * Adds a pasted token after checking it with Apple.
   *
   * Made active, it claims the location for this app (POST client/config with our mdmInfo),
   * as Apple asks of the MDM that manages a location. When Apple names another MDM there,
   * nothing is stored and the admin is asked first (CONFLICT with `otherMdm` in its
   * details); `takeOver` is their yes, and is audited.
   */
  async addToken(admin: SignedInAdmin, serviceId: number, text: string, makeActive: boolean, checkId: string, takeOver = false): Promise<AddedToken> {
    const service = this.requireDirectAdmin(admin, serviceId, 'add tokens to');
    const parsed = parseServiceToken(text, this.clock.now());
    const alreadyAdded = () => new DomainError('CONFLICT', `This token was already added to "${service.name}".`);
    if (this.tokens.exists(serviceId, parsed.fingerprint)) throw alreadyAdded();
    // Taken before the first await: the same token pasted twice at once is checked with Apple once.
    const key = `${serviceId}:${parsed.fingerprint}`;
    if (this.adding.has(key)) throw new DomainError('CONFLICT', `This token is being added to "${service.name}" already, in another window or tab. Wait for that to finish.`);
    this.adding.add(key);
    try {
      return await this.addChecked(admin, service, parsed, makeActive, checkId, takeOver, alreadyAdded);
    } finally {
      this.adding.delete(key);
    }
  }

  private async addChecked(
    admin: SignedInAdmin,
    service: ServiceRecord,
    parsed: ReturnType<typeof parseServiceToken>,
    makeActive: boolean,
    checkId: string,
    takeOver: boolean,
    alreadyAdded: () => DomainError,
  ): Promise<AddedToken> {
    const serviceId = service.id;
    // The token is kept only in the keychain: without one, it must not reach Apple at all.
    await requireKeychain(this.secrets, 'The token was not added, and nothing was sent to Apple.');

    // The service is marked only once the token is stored: a token of another location must not mark it.
    const client = this.appleClient(parsed.token);
    const config = await this.checkWithApple(client, checkId);
    this.requireSameLocation(admin, service, config.uId, config.locationName);
    const other = this.otherMdmOf(config);
    if (makeActive) {
      if (other && !takeOver) throw this.askToTakeOver(other);
      await this.tracked(() => client.updateClientConfig({ mdmInfo: this.ourMdm }));
    }
    const warnings = [parsed.warning, other && !makeActive ? this.otherMdmWarning(other.name) : null].filter((w): w is string => w !== null);

    // IMMEDIATE: the checks read under the write lock, so another app process on this data
    // folder cannot add the same token or claim the location between them and the insert.
    const tokenId = this.db.transaction(() => {
      // Checked again inside the transaction: another window may have claimed the location, or added the token, meanwhile.
      if (this.tokens.exists(serviceId, parsed.fingerprint)) throw alreadyAdded();
      this.requireSameLocation(admin, this.services.byId(serviceId)!, config.uId, config.locationName);
      if (service.locationUid === null) this.services.setLocation(serviceId, config.uId, config.locationName);
      const id = this.tokens.create({
        serviceId,
        fingerprint: parsed.fingerprint,
        orgName: parsed.orgName,
        locationName: config.locationName,
        locationUid: config.uId,
        country: config.countryCode,
        expiresAt: parsed.expiresAt,
        otherMdm: other?.name ?? null,
        addedBy: admin.id,
        at: this.clock.now(),
      });
      if (makeActive) this.tokens.makeActive(id, serviceId);
      return id;
    }).immediate();

    try {
      await this.secrets.set(secretAccount(tokenId), parsed.token);
    } catch (error) {
      this.db.transaction(() => {
        this.tokens.delete(tokenId);
        if (service.locationUid === null) this.services.setLocation(serviceId, null, null);
      })();
      throw error;
    }
    this.audit.record(admin.id, 'token.add', `token:${tokenId}`, {
      serviceId,
      fingerprint: parsed.fingerprint,
      location: config.locationName,
      active: makeActive,
    });
    if (makeActive && other) this.auditTakeOver(admin, tokenId, serviceId, other);
    const named = makeActive ? { ...this.ourMdm } : other;
    if (named) this.sawMdm(serviceId, named);
    this.changed(serviceId);
    return { token: this.view(this.tokens.byId(tokenId)!), warnings };
  }

  /** Stops an Apple check still running for the Add Token dialog. */
  cancelCheck(checkId: string): void {
    this.checks.get(checkId)?.abort();
  }

  /**
   * Makes a token the service's active one, claiming the location for this app first.
   *
   * As when adding: if Apple names another MDM, the admin is asked (`takeOver`) before the
   * location is taken over.
   */
  async makeActive(admin: SignedInAdmin, tokenId: number, takeOver = false): Promise<TokenView> {
    const token = this.requireVisibleToken(admin, tokenId);
    this.requireDirectAdmin(admin, token.serviceId, 'change the active token of');
    const status = this.view(token).status;
    if (!isUsable(status)) throw new DomainError('CONFLICT', `A token that is ${status} cannot be made active. Add a new token instead.`);
    const other = this.otherMdmOf(await this.withStatusTracking(token, (client) => client.getClientConfig()));
    if (other && !takeOver) throw this.askToTakeOver(other);
    await this.withStatusTracking(token, (client) => client.updateClientConfig({ mdmInfo: this.ourMdm }));
    // While Apple answered, the token may have been removed: the service must not be left without an active token.
    this.db.transaction(() => {
      this.requireToken(tokenId);
      this.tokens.makeActive(tokenId, token.serviceId);
    })();
    this.audit.record(admin.id, 'token.activate', `token:${tokenId}`, { serviceId: token.serviceId });
    if (other) this.auditTakeOver(admin, tokenId, token.serviceId, other);
    this.changed(token.serviceId);
    return this.view(this.tokens.byId(tokenId)!);
  }

  /** The secret, for View Token's Reveal and Copy; every reveal is audited. */
  async reveal(admin: SignedInAdmin, tokenId: number): Promise<string> {
    const token = this.requireVisibleToken(admin, tokenId);
    this.requireDirectAdmin(admin, token.serviceId, 'reveal the tokens of');
    const secret = await this.secrets.get(secretAccount(tokenId));
    if (secret === null) {
      throw new DomainError('NOT_FOUND', 'The token is no longer in the system keychain. Add it again from the downloaded .vpptoken file.');
    }
    this.audit.record(admin.id, 'token.reveal', `token:${tokenId}`, { fingerprint: token.fingerprint });
    return secret;
  }

  /** Asks Apple about the token again and records what it says. */
  async recheck(admin: SignedInAdmin, tokenId: number): Promise<TokenView> {
    const token = this.requireVisibleToken(admin, tokenId);
    this.requireDirectAdmin(admin, token.serviceId, 'check the tokens of');
    const since = this.clock.now();
    const config = await this.withStatusTracking(token, (client) => client.getClientConfig());
    this.tokens.accepted(tokenId, since, this.clock.now());
    this.requireToken(tokenId);
    this.audit.record(admin.id, 'token.check', `token:${tokenId}`, { location: config.locationName });
    this.changed(token.serviceId);
    return this.view(this.tokens.byId(tokenId)!);
  }

  /** Removing is guarded: only a direct admin of the organization, typing the service's name. */
  async remove(admin: SignedInAdmin, tokenId: number, confirmation: string): Promise<void> {
    const token = this.requireVisibleToken(admin, tokenId);
    const service = this.services.byId(token.serviceId)!;
    requireOrganizationAdmin(this.scopes.of(admin.id), 'remove a token');
    if (confirmation.trim() !== service.name) {
      throw new DomainError('VALIDATION', `Type the service name "${service.name}" to confirm.`, [{ path: 'confirmation', message: `Type "${service.name}" exactly.` }]);
    }
    this.tokens.delete(tokenId);
    await this.secrets.delete(secretAccount(tokenId));
    this.audit.record(admin.id, 'token.remove', `token:${tokenId}`, { serviceId: service.id, fingerprint: token.fingerprint, location: token.locationName });
    this.changed(service.id);
  }

  /**
   * The Apple client of a token this admin may use at this level, for installs and
   * invitations. Only the active, usable token of its service qualifies.
   */
  async clientFor(admin: SignedInAdmin, tokenId: number, atGroupId: number): Promise<{ token: TokenRecord; service: ServiceRecord; run: TokenRun }> {
    const scope = this.scopes.of(admin.id);
    scope.requireGroup(atGroupId);
    const token = this.requireVisibleToken(admin, tokenId);
    const service = this.services.byId(token.serviceId)!;
    if (!mayUseToken(scope.tree, scope.directGroupIds, service.groupId, atGroupId)) {
      throw new DomainError('FORBIDDEN', `You may use the tokens of "${service.groupName}" only if you are its direct admin, and only there or below it.`);
    }
    if (!token.active) throw new DomainError('CONFLICT', `This token is not the active token of "${service.name}".`);
    this.requireUsable(token, service);
    return { token, service, run: (call) => this.withStatusTracking(token, call) };
  }

  /**
   * The active token of a service, for reading its licenses and Apple users into the cache.
   *
   * Sync only reads, so managing the service's group is enough; the stricter use rule guards
   * spending licenses. The automatic sync passes no admin. As with every call, a revoked,
   * expired or invalid verdict from Apple is recorded on the token.
   */
  syncAccess(admin: SignedInAdmin | null, serviceId: number): SyncAccess {
    const service = admin ? this.visibleService(admin, serviceId) : this.services.byId(serviceId);
    if (!service) throw notFoundOrOutOfScope('service');
    if (admin && !this.scopes.of(admin.id).canManage(service.groupId)) {
      throw new DomainError('FORBIDDEN', `"${service.name}" is kept in "${service.groupName}": only its admins, and those of the groups above it, sync it.`);
    }
    const token = this.tokens.ofServices([serviceId]).find((t) => t.active);
    if (!token) throw new DomainError('CONFLICT', `"${service.name}" has no active token to sync with. Add one on the Managed Distribution page.`);
    this.requireUsable(token, service);
    return { service, token, run: (call) => this.withStatusTracking(token, call) };
  }

  /**
   * Runs an Apple call with the token's secret; Apple's verdict on the token is recorded.
   *
   * Revoked and expired are recorded at once. "Not valid" is not taken from one answer: the
   * token is asked again CONFIRM_REFUSAL_AFTER_MS later (client/config) and marked invalid
   * only if Apple refuses it again. If Apple accepts it then, the refused call is made once
   * more; either way the token keeps the times, for the service card to say what happened.
   */
  private async withStatusTracking<T>(token: TokenRecord, call: (client: AppleClient) => Promise<T>): Promise<T> {
    const secret = await this.secrets.get(secretAccount(token.id));
    if (secret === null) {
      throw new DomainError('NOT_FOUND', 'The token is no longer in the system keychain. Add it again from the downloaded .vpptoken file.');
    }
    const client = this.appleClient(secret, { onMdmInfo: (info) => this.sawMdm(token.serviceId, info) });
    try {
      return await this.attempt(token, () => call(client));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'TOKEN_INVALID') throw error;
      if (!(await this.stillAccepted(token, client))) throw error;
      return await this.attempt(token, () => call(client));
    }
  }

  /** One call: connectivity noted, and a revoked or expired verdict recorded on the token. */
  private async attempt<T>(token: TokenRecord, call: () => Promise<T>): Promise<T> {
    try {
      const result = await call();
      this.appleCalls.answered();
      return result;
    } catch (error) {
      this.appleCalls.failed(error);
      const status = error instanceof DomainError ? STATUS_FOR_CODE[error.code] : undefined;
      if (status) this.markStatus(token, status);
      throw error;
    }
  }

  /** Whether Apple accepts the token when asked again after refusing it; marked invalid if not. */
  private stillAccepted(token: TokenRecord, client: AppleClient): Promise<boolean> {
    let check = this.confirming.get(token.id);
    if (!check) {
      check = this.askAgain(token, client).finally(() => this.confirming.delete(token.id));
      this.confirming.set(token.id, check);
    }
    return check;
  }

  private async askAgain(token: TokenRecord, client: AppleClient): Promise<boolean> {
    const refusedAt = this.clock.now();
    this.tokens.refused(token.id, refusedAt);
    this.changed(token.serviceId);
    await this.sleep(CONFIRM_REFUSAL_AFTER_MS);
    try {
      await this.attempt(token, () => client.getClientConfig());
    } catch (error) {
      if (error instanceof DomainError && error.code === 'TOKEN_INVALID') {
        const confirmedAt = this.clock.now();
        this.tokens.refusalChecked(token.id, 'invalid', confirmedAt);
        this.audit.record(null, 'token.status', `token:${token.id}`, { status: 'invalid', refusedAt: refusedAt.toISOString(), refusedAgainAt: confirmedAt.toISOString() });
        this.changed(token.serviceId);
      }
      // Unreachable, or revoked or expired (recorded by attempt): not accepted, not confirmed invalid either.
      return false;
    }
    const acceptedAt = this.clock.now();
    this.tokens.refusalChecked(token.id, 'valid', acceptedAt);
    this.audit.record(null, 'token.refusedOnce', `token:${token.id}`, { refusedAt: refusedAt.toISOString(), acceptedAt: acceptedAt.toISOString() });
    this.changed(token.serviceId);
    return true;
  }

  private markStatus(token: TokenRecord, status: StoredTokenStatus): void {
    this.tokens.setStatus(token.id, status, this.clock.now());
    this.audit.record(null, 'token.status', `token:${token.id}`, { status });
    this.changed(token.serviceId);
  }

  private async checkWithApple(client: AppleClient, checkId: string): Promise<LocationConfig> {
    const abort = new AbortController();
    this.checks.set(checkId, abort);
    try {
      return await this.tracked(() => client.getClientConfig(abort.signal));
    } catch (error) {
      if (abort.signal.aborted) throw new DomainError('APPLE_UNAVAILABLE', 'The check with Apple was cancelled. Nothing was stored.');
      throw error;
    } finally {
      this.checks.delete(checkId);
    }
  }

  /** An Apple call of a token not stored yet: only connectivity is recorded. */
  private async tracked<T>(call: () => Promise<T>): Promise<T> {
    try {
      const result = await call();
      this.appleCalls.answered();
      return result;
    } catch (error) {
      this.appleCalls.failed(error);
      throw error;
    }
  }

  private otherMdmOf(config: LocationConfig): MdmInfo | null {
    return managedByAnotherMdm(config, this.ourMdm.id) && config.mdmInfo ? namedForAdmins(config.mdmInfo) : null;
  }

  /**
   * What an answer said of the location's MDM, kept on the service: another one is marked
   * (and audited the first time), ours again clears the mark.
   */
  private sawMdm(serviceId: number, mdmInfo: MdmInfo): void {
    const service = this.services.byId(serviceId);
    if (!service) return;
    const ours = mdmInfo.id === this.ourMdm.id;
    if (ours && service.otherMdmName === null) return;
    const name = namedForAdmins(mdmInfo).name;
    this.services.setOtherMdm(serviceId, ours ? null : name, ours ? null : this.clock.now());
    if (service.otherMdmName === (ours ? null : name)) return;
    this.audit.record(null, ours ? 'service.mdmReclaimed' : 'service.otherMdm', `service:${serviceId}`, ours ? {} : { mdmId: mdmInfo.id, mdmName: name });
    this.changed(serviceId);
  }

  private askToTakeOver(other: MdmInfo): DomainError {
    return new DomainError(
      'CONFLICT',
      `Apple says ${quoted(other.name)} manages this location. Take it over to make this token active here, or add it without Make Active.`,
      { otherMdm: other.name },
    );
  }

  private auditTakeOver(admin: SignedInAdmin, tokenId: number, serviceId: number, other: MdmInfo): void {
    this.audit.record(admin.id, 'token.takeOver', `token:${tokenId}`, { serviceId, fromMdmId: other.id, fromMdmName: other.name });
  }

  private requireSameLocation(admin: SignedInAdmin, service: ServiceRecord, uId: string, locationName: string): void {
    if (service.locationUid !== null && service.locationUid !== uId) {
      throw new DomainError(
        'CONFLICT',
        `This token is for the Apple location "${locationName}", but "${service.name}" stands for "${service.locationName}". ` +
          'Add it to the service of that location, or create a new service for it.',
      );
    }
    const owner = this.services.byLocation(uId);
    if (owner && owner.id !== service.id && !seesServicesOf(this.scopes.of(admin.id), owner.groupId)) {
      throw new DomainError('CONFLICT', `The Apple location "${locationName}" already belongs to a service of another part of the organization. One location can have only one service; ask an admin of the organization.`);
    }
    if (owner && owner.id !== service.id) {
      throw new DomainError(
        'CONFLICT',
        `The Apple location "${locationName}" already belongs to the service "${owner.name}" in "${owner.groupName}". One location can have only one service.`,
      );
    }
  }

  private otherMdmWarning(mdmName: string): string {
    return `Apple says another MDM server (${quoted(mdmName)}) manages this location. Only one server should manage a location at a time; check with whoever runs ${quoted(mdmName)} before installing apps from here.`;
  }

  private requireUsable(token: TokenRecord, service: ServiceRecord): void {
    const status = this.view(token).status;
    if (isUsable(status)) return;
    const code = status === 'revoked' ? 'TOKEN_REVOKED' : status === 'expired' ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID';
    throw new DomainError(code, `The active token of "${service.name}" is ${status}. Add a new token.`);
  }

  /** The service, if this admin sees it (see seesServicesOf); otherwise answered as one that does not exist. */
  visibleService(admin: SignedInAdmin, serviceId: number): ServiceRecord {
    const service = this.services.byId(serviceId);
    if (!service || !seesServicesOf(this.scopes.of(admin.id), service.groupId)) throw notFoundOrOutOfScope('service');
    return service;
  }

  /** The token, if this admin sees its service; otherwise answered as one that does not exist. */
  private requireVisibleToken(admin: SignedInAdmin, tokenId: number): TokenRecord {
    const token = this.tokens.byId(tokenId);
    const service = token ? this.services.byId(token.serviceId) : null;
    if (!token || !service || !seesServicesOf(this.scopes.of(admin.id), service.groupId)) throw notFoundOrOutOfScope('token');
    return token;
  }

  private requireToken(tokenId: number): TokenRecord {
    const token = this.tokens.byId(tokenId);
    if (!token) throw notFoundOrOutOfScope('token');
    return token;
  }

  private requireDirectAdmin(admin: SignedInAdmin, serviceId: number, action: string): ServiceRecord {
    const service = this.visibleService(admin, serviceId);
    if (!this.scopes.of(admin.id).directGroupIds.includes(service.groupId)) {
      throw new DomainError('FORBIDDEN', `Only a direct admin of "${service.groupName}" can ${action} "${service.name}".`);
    }
    return service;
  }

  private changed(serviceId: number): void {
    this.bus.emit('distribution.changed', { serviceIds: [serviceId] });
  }
}
