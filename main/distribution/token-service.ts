import type Database from 'better-sqlite3';
import type { AppleClient } from '../apple/client/apple-client';
import { parseServiceToken } from '../apple/token/token-parser';
import type { AuditLog } from '../audit/audit-log';
import type { SignedInAdmin } from '../auth/signed-in-admin';
import type { Clock } from '../clock/clock';
import type { ScopeReader } from '../directory/admin-scope';
import { DomainError } from '../errors/domain-error';
import type { EventBus } from '../events/event-bus';
import type { SecretStore } from '../keychain/secret-store';
import type { ServiceRecord, ServiceStore } from './service-store';
import { ignoreAppleCalls, type AppleCallObserver } from './sync/connectivity-monitor';
import { mayUseToken } from './token-access-rule';
import { isUsable, tokenStatus, type StoredTokenStatus, type TokenStatus } from './token-status';
import type { TokenRecord, TokenStore } from './token-store';
import { requireOrganizationAdmin } from '../directory/organization-admin';

/** Builds an Apple client for one token's secret. */
export type AppleClientFactory = (token: string) => AppleClient;

export const secretAccount = (tokenId: number) => `token:${tokenId}`;

export interface TokenView extends Omit<TokenRecord, 'status'> {
  status: TokenStatus;
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

const STATUS_FOR_CODE: Partial<Record<string, StoredTokenStatus>> = {
  TOKEN_REVOKED: 'revoked',
  TOKEN_EXPIRED: 'expired',
  TOKEN_INVALID: 'invalid',
};

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
    private readonly appleCalls: AppleCallObserver = ignoreAppleCalls,
  ) {}

  view(token: TokenRecord): TokenView {
    return { ...token, status: tokenStatus(token.status, new Date(token.expiresAt), this.clock.now()) };
  }

  async addToken(admin: SignedInAdmin, serviceId: number, text: string, makeActive: boolean, checkId: string): Promise<AddedToken> {
    const service = this.requireDirectAdmin(admin, serviceId, 'add tokens to');
    const parsed = parseServiceToken(text, this.clock.now());
    if (this.tokens.exists(serviceId, parsed.fingerprint)) {
      throw new DomainError('CONFLICT', `This token was already added to "${service.name}".`);
    }

    const config = await this.checkWithApple(parsed.token, checkId);
    this.requireSameLocation(service, config.uId, config.locationName);
    const warnings = [parsed.warning, config.mdmInfo ? this.otherMdmWarning(config.mdmInfo.name) : null].filter((w): w is string => w !== null);

    const tokenId = this.db.transaction(() => {
      // Checked again inside the transaction: another window may have claimed the location meanwhile.
      this.requireSameLocation(this.services.byId(serviceId)!, config.uId, config.locationName);
      if (service.locationUid === null) this.services.setLocation(serviceId, config.uId, config.locationName);
      const id = this.tokens.create({
        serviceId,
        fingerprint: parsed.fingerprint,
        orgName: parsed.orgName,
        locationName: config.locationName,
        locationUid: config.uId,
        country: config.countryCode,
        expiresAt: parsed.expiresAt,
        otherMdm: config.mdmInfo?.name ?? null,
        addedBy: admin.id,
        at: this.clock.now(),
      });
      if (makeActive) this.tokens.makeActive(id, serviceId);
      return id;
    })();

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
    this.changed(serviceId);
    return { token: this.view(this.tokens.byId(tokenId)!), warnings };
  }

  /** Stops an Apple check still running for the Add Token dialog. */
  cancelCheck(checkId: string): void {
    this.checks.get(checkId)?.abort();
  }

  makeActive(admin: SignedInAdmin, tokenId: number): TokenView {
    const token = this.requireToken(tokenId);
    this.requireDirectAdmin(admin, token.serviceId, 'change the active token of');
    const status = this.view(token).status;
    if (!isUsable(status)) throw new DomainError('CONFLICT', `A token that is ${status} cannot be made active. Add a new token instead.`);
    this.tokens.makeActive(tokenId, token.serviceId);
    this.audit.record(admin.id, 'token.activate', `token:${tokenId}`, { serviceId: token.serviceId });
    this.changed(token.serviceId);
    return this.view(this.tokens.byId(tokenId)!);
  }

  /** The secret, for View Token's Reveal and Copy; every reveal is audited. */
  async reveal(admin: SignedInAdmin, tokenId: number): Promise<string> {
    const token = this.requireToken(tokenId);
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
    const token = this.requireToken(tokenId);
    this.requireDirectAdmin(admin, token.serviceId, 'check the tokens of');
    const config = await this.withStatusTracking(token, (client) => client.getClientConfig());
    this.tokens.setStatus(tokenId, 'valid', this.clock.now());
    this.audit.record(admin.id, 'token.check', `token:${tokenId}`, { location: config.locationName });
    this.changed(token.serviceId);
    return this.view(this.tokens.byId(tokenId)!);
  }

  /** Removing is guarded: only a direct admin of the organization, typing the service's name. */
  async remove(admin: SignedInAdmin, tokenId: number, confirmation: string): Promise<void> {
    const token = this.requireToken(tokenId);
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
  async clientFor(admin: SignedInAdmin, tokenId: number, atGroupId: number): Promise<{ token: TokenRecord; run: TokenRun }> {
    const token = this.requireToken(tokenId);
    const service = this.services.byId(token.serviceId)!;
    const scope = this.scopes.of(admin.id);
    if (!mayUseToken(scope.tree, scope.directGroupIds, service.groupId, atGroupId)) {
      throw new DomainError('FORBIDDEN', `You may use the tokens of "${service.groupName}" only if you are its direct admin, and only there or below it.`);
    }
    if (!token.active) throw new DomainError('CONFLICT', `This token is not the active token of "${service.name}".`);
    this.requireUsable(token, service);
    return { token, run: (call) => this.withStatusTracking(token, call) };
  }

  /**
   * The active token of a service, for reading its licenses and Apple users into the cache.
   *
   * Sync only reads, so managing the service's group is enough; the stricter use rule guards
   * spending licenses. The automatic sync passes no admin. As with every call, a revoked,
   * expired or invalid verdict from Apple is recorded on the token.
   */
  syncAccess(admin: SignedInAdmin | null, serviceId: number): SyncAccess {
    const service = this.services.byId(serviceId);
    if (!service) throw new DomainError('NOT_FOUND', 'That service no longer exists.');
    if (admin) this.scopes.of(admin.id).requireGroup(service.groupId);
    const token = this.tokens.ofServices([serviceId]).find((t) => t.active);
    if (!token) throw new DomainError('CONFLICT', `"${service.name}" has no active token to sync with. Add one on the Managed Distribution page.`);
    this.requireUsable(token, service);
    return { service, token, run: (call) => this.withStatusTracking(token, call) };
  }

  /** Runs an Apple call with the token's secret; Apple's verdict on the token is recorded. */
  private async withStatusTracking<T>(token: TokenRecord, call: (client: AppleClient) => Promise<T>): Promise<T> {
    const secret = await this.secrets.get(secretAccount(token.id));
    if (secret === null) {
      throw new DomainError('NOT_FOUND', 'The token is no longer in the system keychain. Add it again from the downloaded .vpptoken file.');
    }
    try {
      const result = await call(this.appleClient(secret));
      this.appleCalls.answered();
      return result;
    } catch (error) {
      this.appleCalls.failed(error);
      const status = error instanceof DomainError ? STATUS_FOR_CODE[error.code] : undefined;
      if (status) {
        this.tokens.setStatus(token.id, status, this.clock.now());
        this.audit.record(null, 'token.status', `token:${token.id}`, { status });
        this.changed(token.serviceId);
      }
      throw error;
    }
  }

  private async checkWithApple(secret: string, checkId: string) {
    const abort = new AbortController();
    this.checks.set(checkId, abort);
    try {
      const config = await this.appleClient(secret).getClientConfig(abort.signal);
      this.appleCalls.answered();
      return config;
    } catch (error) {
      this.appleCalls.failed(error);
      if (abort.signal.aborted) throw new DomainError('APPLE_UNAVAILABLE', 'The check with Apple was cancelled. Nothing was stored.');
      throw error;
    } finally {
      this.checks.delete(checkId);
    }
  }

  private requireSameLocation(service: ServiceRecord, uId: string, locationName: string): void {
    if (service.locationUid !== null && service.locationUid !== uId) {
      throw new DomainError(
        'CONFLICT',
        `This token is for the Apple location "${locationName}", but "${service.name}" stands for "${service.locationName}". ` +
          'Add it to the service of that location, or create a new service for it.',
      );
    }
    const owner = this.services.byLocation(uId);
    if (owner && owner.id !== service.id) {
      throw new DomainError(
        'CONFLICT',
        `The Apple location "${locationName}" already belongs to the service "${owner.name}" in "${owner.groupName}". One location can have only one service.`,
      );
    }
  }

  private otherMdmWarning(mdmName: string): string {
    return `Apple says another MDM server ("${mdmName}") manages this location. Only one server should manage a location at a time; check with whoever runs "${mdmName}" before installing apps from here.`;
  }

  private requireUsable(token: TokenRecord, service: ServiceRecord): void {
    const status = this.view(token).status;
    if (isUsable(status)) return;
    const code = status === 'revoked' ? 'TOKEN_REVOKED' : status === 'expired' ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID';
    throw new DomainError(code, `The active token of "${service.name}" is ${status}. Add a new token.`);
  }

  private requireToken(tokenId: number): TokenRecord {
    const token = this.tokens.byId(tokenId);
    if (!token) throw new DomainError('NOT_FOUND', 'That token no longer exists.');
    return token;
  }

  private requireDirectAdmin(admin: SignedInAdmin, serviceId: number, action: string): ServiceRecord {
    const service = this.services.byId(serviceId);
    if (!service) throw new DomainError('NOT_FOUND', 'That service no longer exists.');
    if (!this.scopes.of(admin.id).directGroupIds.includes(service.groupId)) {
      throw new DomainError('FORBIDDEN', `Only a direct admin of "${service.groupName}" can ${action} "${service.name}".`);
    }
    return service;
  }

  private changed(serviceId: number): void {
    this.bus.emit('distribution.changed', { serviceIds: [serviceId] });
  }
}
