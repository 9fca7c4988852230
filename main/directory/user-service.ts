import type Database from 'better-sqlite3';
import type { AuditLog } from '../audit/audit-log';
import type { SignedInAdmin } from '../auth/signed-in-admin';
import type { Clock } from '../clock/clock';
import { DomainError } from '../errors/domain-error';
import { notFoundOrOutOfScope } from '../errors/out-of-scope';
import type { EventBus } from '../events/event-bus';
import type { AdminScope, ScopeReader } from './admin-scope';
import type { ListWindow, UserFields, UserRecord, UserSort, UserStore } from './user-store';

/** Students and staff: the people licenses and invitations are for. */
export class UserService {
  constructor(
    private readonly db: Database.Database,
    private readonly users: UserStore,
    private readonly scopes: ScopeReader,
    private readonly audit: AuditLog,
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {}

  list(admin: SignedInAdmin, window: ListWindow<UserSort>): { total: number; rows: UserRecord[] } {
    this.scopes.of(admin.id).requireGroup(window.groupId);
    return this.users.list(window);
  }

  create(admin: SignedInAdmin, fields: UserFields): UserRecord {
    this.scopes.of(admin.id).requireGroup(fields.homeGroupId);
    this.requireFreeExternalId(fields.externalId, null);
    const id = this.db.transaction(() => {
      const created = this.users.create(fields, this.clock.now());
      this.audit.record(admin.id, 'user.create', `user:${created}`, { name: fields.name, homeGroupId: fields.homeGroupId });
      return created;
    })();
    this.bus.emit('directory.changed', { groupIds: [fields.homeGroupId] });
    return this.users.byId(id)!;
  }

  update(admin: SignedInAdmin, userId: number, fields: UserFields): UserRecord {
    const scope = this.scopes.of(admin.id);
    const before = this.requireUser(scope, userId);
    scope.requireGroup(fields.homeGroupId);
    this.requireFreeExternalId(fields.externalId, userId);
    this.db.transaction(() => {
      this.users.update(userId, fields, this.clock.now());
      this.audit.record(admin.id, 'user.update', `user:${userId}`, { name: fields.name, homeGroupId: { from: before.homeGroupId, to: fields.homeGroupId } });
    })();
    this.bus.emit('directory.changed', { groupIds: [before.homeGroupId, fields.homeGroupId] });
    return this.users.byId(userId)!;
  }

  delete(admin: SignedInAdmin, userId: number): void {
    const user = this.requireUser(this.scopes.of(admin.id), userId);
    this.db.transaction(() => {
      this.users.delete(userId);
      this.audit.record(admin.id, 'user.delete', `user:${userId}`, { name: user.name });
    })();
    this.bus.emit('directory.changed', { groupIds: [user.homeGroupId] });
  }

  /**
   * The user, if their home group is within this admin's reach. One the admin sees only as a
   * member of a class of theirs is refused by name; one they cannot see at all is answered as
   * one that does not exist.
   */
  requireUser(scope: AdminScope, userId: number): UserRecord {
    const user = this.users.byId(userId);
    const seen = user !== null && (scope.canManage(user.homeGroupId) || this.users.membershipsOf(userId).some((m) => scope.canManage(m.groupId)));
    if (!user || !seen) throw notFoundOrOutOfScope('user');
    if (!scope.canManage(user.homeGroupId)) {
      throw new DomainError('FORBIDDEN', `${user.name} belongs to a group you do not administer.`);
    }
    return user;
  }

  private requireFreeExternalId(externalId: string | null, exceptId: number | null): void {
    if (externalId === null) return;
    const existing = this.users.idByExternalId(externalId);
    if (existing !== null && existing !== exceptId) {
      throw new DomainError('CONFLICT', `Another user already has the roster id "${externalId}".`);
    }
  }
}
