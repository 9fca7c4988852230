import type Database from 'better-sqlite3';
import type { AuditLog } from '../audit/audit-log';
import type { SignedInAdmin } from '../auth/signed-in-admin';
import type { Clock } from '../clock/clock';
import type { ScopeReader } from '../directory/admin-scope';
import { DomainError } from '../errors/domain-error';
import type { EventBus } from '../events/event-bus';
import type { ServiceRecord, ServiceStore } from './service-store';
import { mayUseToken } from './token-access-rule';
import type { TokenService, TokenView } from './token-service';
import { isUsable } from './token-status';
import type { TokenStore } from './token-store';
import { isOrganizationAdmin } from '../directory/organization-admin';

export interface ServiceView extends Omit<ServiceRecord, 'otherMdmName' | 'otherMdmSeenAt'> {
  /** Kept in an ancestor group: shown read-only, with that group named. */
  inherited: boolean;
  tokens: TokenView[];
  activeTokenId: number | null;
  /** The signed-in admin is a direct admin of the service's group: may add and activate tokens. */
  directAdmin: boolean;
  /** The active token may be used at the level being viewed (the access rule). */
  usableHere: boolean;
  /** The signed-in admin is a direct admin of the organization: may remove tokens. */
  mayRemoveTokens: boolean;
  /** Another MDM Apple names as the location's manager, and when that was last read. */
  otherMdm: { name: string; seenAt: string } | null;
}

export interface UsableToken {
  tokenId: number;
  serviceId: number;
  serviceName: string;
  groupName: string;
  locationName: string;
}

/** The Managed Distribution page's services: those of a level and of the levels above it. */
export class ServiceCatalog {
  constructor(
    private readonly db: Database.Database,
    private readonly services: ServiceStore,
    private readonly tokens: TokenStore,
    private readonly tokenService: TokenService,
    private readonly scopes: ScopeReader,
    private readonly audit: AuditLog,
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {}

  listAt(admin: SignedInAdmin, groupId: number): ServiceView[] {
    const scope = this.scopes.of(admin.id);
    scope.requireGroup(groupId);
    const branch = scope.tree.ancestorsOf(groupId);
    const services = this.services.inGroups(branch);
    const tokens = this.tokens.ofServices(services.map((s) => s.id)).map((t) => this.tokenService.view(t));
    return services
      .sort((a, b) => branch.indexOf(b.groupId) - branch.indexOf(a.groupId) || a.name.localeCompare(b.name))
      .map(({ otherMdmName, otherMdmSeenAt, ...service }) => {
        const own = tokens.filter((t) => t.serviceId === service.id);
        const active = own.find((t) => t.active) ?? null;
        return {
          ...service,
          otherMdm: otherMdmName !== null && otherMdmSeenAt !== null ? { name: otherMdmName, seenAt: otherMdmSeenAt } : null,
          inherited: service.groupId !== groupId,
          tokens: own,
          activeTokenId: active?.id ?? null,
          directAdmin: scope.directGroupIds.includes(service.groupId),
          usableHere: active !== null && isUsable(active.status) && mayUseToken(scope.tree, scope.directGroupIds, service.groupId, groupId),
          mayRemoveTokens: isOrganizationAdmin(scope),
        };
      });
  }

  /** "Which tokens can I use here": active, usable tokens the access rule allows at this level. */
  usableAt(admin: SignedInAdmin, groupId: number): UsableToken[] {
    return this.listAt(admin, groupId)
      .filter((s) => s.usableHere)
      .map((s) => ({
        tokenId: s.activeTokenId!,
        serviceId: s.id,
        serviceName: s.name,
        groupName: s.groupName,
        locationName: s.locationName ?? '',
      }));
  }

  create(admin: SignedInAdmin, groupId: number, name: string): ServiceView {
    this.scopes.of(admin.id).requireGroup(groupId);
    if (this.services.nameTaken(groupId, name)) {
      throw new DomainError('CONFLICT', `This group already has a service named "${name}".`, [{ path: 'name', message: 'Choose another name.' }]);
    }
    const id = this.db.transaction(() => {
      const created = this.services.create(groupId, name, admin.id, this.clock.now());
      this.audit.record(admin.id, 'service.create', `service:${created}`, { groupId, name });
      return created;
    })();
    this.bus.emit('distribution.changed', { serviceIds: [id] });
    return this.listAt(admin, groupId).find((s) => s.id === id)!;
  }
}
