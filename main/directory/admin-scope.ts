import { DomainError } from '../errors/domain-error';
import type { AdminStore } from './admin-store';
import type { Group, GroupStore } from './group-store';
import { canManageGroup, GroupTree, visibleGroupIds } from './group-tree';

/**
 * What one admin may see and change, read once per call.
 *
 * Every directory handler asks this before it reads or writes, so the rule holds in main
 * whatever the renderer shows.
 */
export class AdminScope {
  constructor(
    readonly tree: GroupTree,
    readonly directGroupIds: readonly number[],
    private readonly groups: GroupStore,
  ) {}

  canManage(groupId: number): boolean {
    return canManageGroup(this.tree, this.directGroupIds, groupId);
  }

  visible(): Set<number> {
    return visibleGroupIds(this.tree, this.directGroupIds);
  }

  /** The group, if this admin may manage it; otherwise a clear refusal. */
  requireGroup(groupId: number): Group {
    const group = this.groups.byId(groupId);
    if (!group) throw new DomainError('NOT_FOUND', 'That group no longer exists. Reload the organization tree.');
    if (!this.canManage(groupId)) {
      throw new DomainError('FORBIDDEN', `You are not an admin of "${group.name}" or of a group above it.`);
    }
    return group;
  }
}

export class ScopeReader {
  constructor(
    private readonly groups: GroupStore,
    private readonly admins: AdminStore,
  ) {}

  of(adminId: number): AdminScope {
    return new AdminScope(new GroupTree(this.groups.nodes()), this.admins.directGroupIds(adminId), this.groups);
  }
}
