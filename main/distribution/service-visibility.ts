import type { AdminScope } from '../directory/admin-scope';

/**
 * Whether an admin sees the services kept in this group: those of the groups they manage,
 * and those above a group they directly administer (Managed Distribution shows them read
 * only, as kept in that group). Any other service is out of their scope (see out-of-scope.ts).
 */
export function seesServicesOf(scope: AdminScope, groupId: number): boolean {
  return scope.canManage(groupId) || scope.directGroupIds.some((direct) => scope.tree.isAtOrBelow(direct, groupId));
}
