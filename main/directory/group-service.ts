import type Database from 'better-sqlite3';
import type { AuditLog } from '../audit/audit-log';
import type { SignedInAdmin } from '../auth/signed-in-admin';
import type { Clock } from '../clock/clock';
import { DomainError } from '../errors/domain-error';
import type { EventBus } from '../events/event-bus';
import type { ScopeReader } from './admin-scope';
import type { Group, GroupKind, GroupStore } from './group-store';
import { moveWouldCreateCycle } from './group-tree';

export interface GroupView {
  id: number;
  parentId: number | null;
  name: string;
  kind: GroupKind;
  direct: boolean;
}

/** Something still inside a group that blocks its deletion. */
export type ContentsCounter = (groupId: number) => { label: string; count: number }[];

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Creating, renaming, moving and deleting groups of the organization tree. */
export class GroupService {
  constructor(
    private readonly db: Database.Database,
    private readonly groups: GroupStore,
    private readonly scopes: ScopeReader,
    private readonly audit: AuditLog,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    /** Later capabilities (services...) add what they keep in a group. */
    private readonly extraContents: ContentsCounter[] = [],
  ) {}

  /** The subtrees of the groups this admin directly administers, parents first. */
  tree(admin: SignedInAdmin): GroupView[] {
    const scope = this.scopes.of(admin.id);
    const visible = scope.visible();
    const byId = new Map(this.groups.all().map((g) => [g.id, g]));
    const depth = (id: number) => scope.tree.ancestorsOf(id).length;
    return [...visible]
      .map((id) => byId.get(id)!)
      .sort((a, b) => depth(a.id) - depth(b.id) || a.name.localeCompare(b.name) || a.id - b.id)
      .map((g) => this.view(g, scope.directGroupIds));
  }

  create(admin: SignedInAdmin, parentId: number, name: string, kind: GroupKind): GroupView {
    const scope = this.scopes.of(admin.id);
    const parent = scope.requireGroup(parentId);
    this.requireUniqueName(parent, name, null);
    const id = this.db.transaction(() => {
      const created = this.groups.create(parentId, name, kind, this.clock.now());
      this.audit.record(admin.id, 'group.create', `group:${created}`, { name, kind, parentId });
      return created;
    })();
    this.changed([id, parentId]);
    return this.view(this.groups.byId(id)!, scope.directGroupIds);
  }

  rename(admin: SignedInAdmin, groupId: number, name: string): GroupView {
    const scope = this.scopes.of(admin.id);
    const group = scope.requireGroup(groupId);
    if (group.parentId !== null) this.requireUniqueName(this.groups.byId(group.parentId)!, name, groupId);
    this.db.transaction(() => {
      this.groups.rename(groupId, name);
      this.audit.record(admin.id, 'group.rename', `group:${groupId}`, { from: group.name, to: name });
    })();
    this.changed([groupId]);
    return this.view(this.groups.byId(groupId)!, scope.directGroupIds);
  }

  move(admin: SignedInAdmin, groupId: number, newParentId: number): GroupView {
    const scope = this.scopes.of(admin.id);
    const group = scope.requireGroup(groupId);
    if (group.parentId === null) throw new DomainError('VALIDATION', 'The organization is the top of the tree and cannot move.');
    const parent = scope.requireGroup(newParentId);
    if (moveWouldCreateCycle(scope.tree, groupId, newParentId)) {
      throw new DomainError('VALIDATION', `"${group.name}" cannot move under itself or one of its own groups.`);
    }
    this.requireUniqueName(parent, group.name, groupId);
    this.db.transaction(() => {
      this.groups.move(groupId, newParentId);
      this.audit.record(admin.id, 'group.move', `group:${groupId}`, { from: group.parentId, to: newParentId });
    })();
    this.changed([groupId, group.parentId, newParentId]);
    return this.view(this.groups.byId(groupId)!, scope.directGroupIds);
  }

  delete(admin: SignedInAdmin, groupId: number): void {
    const scope = this.scopes.of(admin.id);
    const group = scope.requireGroup(groupId);
    if (group.parentId === null) throw new DomainError('VALIDATION', 'The organization itself cannot be deleted.');
    const counts = this.groups.contents(groupId);
    const blocking = [
      { label: plural(counts.groups, 'group', 'groups'), count: counts.groups },
      { label: plural(counts.users, 'user', 'users'), count: counts.users },
      { label: plural(counts.devices, 'device', 'devices'), count: counts.devices },
      ...this.extraContents.flatMap((count) => count(groupId)),
    ].filter((c) => c.count > 0);
    if (blocking.length > 0) {
      throw new DomainError(
        'CONFLICT',
        `"${group.name}" still has ${blocking.map((b) => b.label).join(', ')}. Move or delete them first.`,
      );
    }
    this.db.transaction(() => {
      this.groups.delete(groupId);
      this.audit.record(admin.id, 'group.delete', `group:${groupId}`, { name: group.name, parentId: group.parentId });
    })();
    this.changed([groupId, group.parentId]);
  }

  private requireUniqueName(parent: Group, name: string, exceptId: number | null): void {
    if (this.groups.siblingNamed(parent.id, name, exceptId)) {
      throw new DomainError('CONFLICT', `"${parent.name}" already has a group named "${name}".`);
    }
  }

  private view(group: Group, directGroupIds: readonly number[]): GroupView {
    return { id: group.id, parentId: group.parentId, name: group.name, kind: group.kind, direct: directGroupIds.includes(group.id) };
  }

  private changed(ids: (number | null)[]): void {
    this.bus.emit('directory.changed', { groupIds: ids.filter((id): id is number => id !== null) });
  }
}
