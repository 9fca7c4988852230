import type Database from 'better-sqlite3';
import type { AuditLog } from '../audit/audit-log';
import { hashPassword } from '../auth/password-hash';
import { requireAcceptablePassword } from '../auth/password-policy';
import type { SessionStore } from '../auth/session-store';
import type { SignedInAdmin } from '../auth/signed-in-admin';
import type { Clock } from '../clock/clock';
import { DomainError } from '../errors/domain-error';
import type { EventBus } from '../events/event-bus';
import type { AdminStore } from './admin-store';
import type { GroupStore } from './group-store';

export interface NewOrganization {
  organizationName: string;
  adminName: string;
  email: string;
  password: string;
}

/** First run: the organization (root group) and its first admin, a direct admin of the root. */
export class OrganizationSetup {
  constructor(
    private readonly db: Database.Database,
    private readonly groups: GroupStore,
    private readonly admins: AdminStore,
    private readonly sessions: SessionStore,
    private readonly audit: AuditLog,
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {}

  organizationName(): string | null {
    return this.groups.root()?.name ?? null;
  }

  async create(clientId: string, input: NewOrganization): Promise<SignedInAdmin> {
    if (this.groups.root()) throw alreadySetUp();
    requireAcceptablePassword(input.password, { email: input.email, organizationName: input.organizationName });
    const passwordHash = await hashPassword(input.password);
    const now = this.clock.now();
    const created = this.db.transaction(() => {
      // Checked again inside the transaction: two windows may finish the welcome form at once.
      if (this.groups.root()) throw alreadySetUp();
      const rootId = this.groups.create(null, input.organizationName, 'organization', now);
      const adminId = this.admins.create(input.adminName, input.email, passwordHash, now);
      this.admins.addDirectGroup(adminId, rootId);
      this.audit.record(adminId, 'organization.create', `group:${rootId}`, { name: input.organizationName });
      this.audit.record(adminId, 'admin.create', `admin:${adminId}`, { email: input.email, directGroups: [rootId] });
      return { rootId, adminId };
    })();
    this.sessions.signIn(clientId, created.adminId);
    this.bus.emit('directory.changed', { groupIds: [created.rootId] });
    return { id: created.adminId, name: input.adminName, email: input.email };
  }
}

function alreadySetUp(): DomainError {
  return new DomainError('CONFLICT', 'The organization has already been set up. Sign in instead.');
}
