import { notFoundOrOutOfScope } from '../errors/out-of-scope';
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

  /** The group, if this admin may manage it; one outside their subtrees is answered as one that does not exist. */
  requireGroup(groupId: number): Group {
    const group = this.groups.byId(groupId);
    if (!group || !this.canManage(groupId)) throw notFoundOrOutOfScope('group');
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
