import type Database from 'better-sqlite3';
import type { AuditLog } from '../audit/audit-log';
import { hashPassword } from '../auth/password-hash';
import { requireAcceptablePassword } from '../auth/password-policy';
import type { SessionStore } from '../auth/session-store';
import type { SignedInAdmin } from '../auth/signed-in-admin';
import type { Clock } from '../clock/clock';
import { DomainError } from '../errors/domain-error';
import { notFoundOrOutOfScope } from '../errors/out-of-scope';
import type { AdminScope, ScopeReader } from './admin-scope';
import type { AdminStore, AdminWithGroups } from './admin-store';
import type { GroupStore } from './group-store';
import { isOrganizationAdmin } from './organization-admin';

export interface AdminView extends AdminWithGroups {
  manageable: boolean;
}

export interface AdminFields {
  name: string;
  email: string;
  directGroupIds: number[];
}

/** Admin accounts and the groups each directly administers. */
export class AdminService {
  constructor(
    private readonly db: Database.Database,
    private readonly admins: AdminStore,
    private readonly groups: GroupStore,
    private readonly scopes: ScopeReader,
    private readonly sessions: SessionStore,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** Admins with a direct group at or below `groupId`. */
  list(actor: SignedInAdmin, groupId: number): AdminView[] {
    const scope = this.scopes.of(actor.id);
    scope.requireGroup(groupId);
    const below = new Set(scope.tree.subtreeOf(groupId));
    return this.admins
      .allWithGroups()
      .filter((a) => a.directGroups.some((g) => below.has(g.id)))
      .map((a) => ({ ...a, manageable: this.manages(scope, a) }));
  }

  async create(actor: SignedInAdmin, fields: AdminFields & { password: string }): Promise<AdminView> {
    const scope = this.scopes.of(actor.id);
    this.requireGrantable(scope, fields.directGroupIds);
    this.requireFreeEmail(fields.email, null);
    requireAcceptablePassword(fields.password, { email: fields.email, organizationName: this.groups.root()?.name ?? null });
    const passwordHash = await hashPassword(fields.password);
    const id = this.db.transaction(() => {
      // Checked again after the hash: the same email may have been added meanwhile.
      this.requireFreeEmail(fields.email, null);
      const created = this.admins.create(fields.name, fields.email, passwordHash, this.clock.now());
      this.admins.setDirectGroups(created, fields.directGroupIds);
      this.audit.record(actor.id, 'admin.create', `admin:${created}`, { email: fields.email, directGroups: fields.directGroupIds });
      return created;
    })();
    return this.view(scope, id);
  }

  update(actor: SignedInAdmin, adminId: number, fields: AdminFields): AdminView {
    const scope = this.scopes.of(actor.id);
    const before = this.requireManageable(scope, adminId);
    this.requireGrantable(scope, fields.directGroupIds);
    this.requireFreeEmail(fields.email, adminId);
    this.db.transaction(() => {
      this.admins.updateNameAndEmail(adminId, fields.name, fields.email);
      this.admins.setDirectGroups(adminId, fields.directGroupIds);
      this.requireRootAdminRemains();
      this.audit.record(actor.id, 'admin.update', `admin:${adminId}`, {
        email: fields.email,
        directGroups: { from: before.directGroups.map((g) => g.id), to: fields.directGroupIds },
      });
    })();
    return this.view(scope, adminId);
  }

  setDisabled(actor: SignedInAdmin, adminId: number, disabled: boolean): AdminView {
    const scope = this.scopes.of(actor.id);
    this.requireManageable(scope, adminId);
    if (disabled && adminId === actor.id) throw new DomainError('VALIDATION', 'You cannot disable your own account.');
    this.db.transaction(() => {
      this.admins.setDisabled(adminId, disabled);
      this.requireRootAdminRemains();
      this.audit.record(actor.id, disabled ? 'admin.disable' : 'admin.enable', `admin:${adminId}`);
    })();
    if (disabled) this.sessions.endAll(adminId, 'disabled');
    return this.view(scope, adminId);
  }

  /** Sets a new password and signs the admin out everywhere, except the window of an admin resetting their own. */
  async resetPassword(actor: SignedInAdmin, adminId: number, password: string, clientId: string): Promise<void> {
    const scope = this.scopes.of(actor.id);
    const target = this.requireManageable(scope, adminId);
    requireAcceptablePassword(password, { email: target.email, organizationName: this.groups.root()?.name ?? null });
    const passwordHash = await hashPassword(password);
    this.db.transaction(() => {
      this.admins.setPasswordHash(adminId, passwordHash);
      this.audit.record(actor.id, 'admin.resetPassword', `admin:${adminId}`);
    })();
    this.sessions.endAll(adminId, 'passwordReset', adminId === actor.id ? clientId : null);
  }

  /** An admin may change another admin only when every group of theirs is within reach. */
  private manages(scope: AdminScope, admin: AdminWithGroups): boolean {
    const groupIds = admin.directGroups.map((g) => g.id);
    if (groupIds.length === 0) return isOrganizationAdmin(scope);
    return groupIds.every((id) => scope.canManage(id));
  }

  private requireManageable(scope: AdminScope, adminId: number): AdminWithGroups {
    const admin = this.admins.allWithGroups().find((a) => a.id === adminId);
    // An admin none of whose groups this admin can see is answered as one that does not exist.
    const visible = scope.visible();
    if (!admin || !(admin.directGroups.some((g) => visible.has(g.id)) || (admin.directGroups.length === 0 && isOrganizationAdmin(scope)))) {
      throw notFoundOrOutOfScope('admin');
    }
    if (!this.manages(scope, admin)) {
      throw new DomainError('FORBIDDEN', `${admin.name} administers groups outside yours, so you cannot change their account.`);
    }
    return admin;
  }

  private requireGrantable(scope: AdminScope, groupIds: readonly number[]): void {
    for (const groupId of groupIds) scope.requireGroup(groupId);
  }

  private requireFreeEmail(email: string, exceptId: number | null): void {
    const existing = this.admins.byEmail(email);
    if (existing && existing.id !== exceptId) throw new DomainError('CONFLICT', `An admin with the email ${email} already exists.`);
  }

  /** Checked inside the changing transaction, so a refused change is rolled back whole. */
  private requireRootAdminRemains(): void {
    const root = this.groups.root();
    if (root && this.admins.activeDirectAdminIds(root.id).length === 0) {
      throw new DomainError(
        'CONFLICT',
        `At least one enabled admin must stay a direct admin of "${root.name}", or nobody could manage the whole organization.`,
      );
    }
  }

  private view(scope: AdminScope, adminId: number): AdminView {
    const admin = this.admins.allWithGroups().find((a) => a.id === adminId)!;
    return { ...admin, manageable: this.manages(scope, admin) };
  }
}
