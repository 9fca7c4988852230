import type { z } from 'zod';
import type { JobScope } from '../../preload/schemas/job-schemas';
import type { AdminScope, ScopeReader } from '../directory/admin-scope';
import type { ServiceStore } from './service-store';

export type WorkScope = z.output<typeof JobScope>;

/**
 * Whether an admin may hear of work on a group or a service: the rule jobs and events share.
 *
 * A group's work (an import into it, an invitation or install run at that level) is for the
 * admins who manage the group, as the group's own records are. A service's work (a sync) is
 * for every admin the service reaches: those who manage its group, or a group below it, since
 * the report and the sync panel show the service at every level of that branch. Admins of
 * other branches, and of levels above a service they do not manage, hear nothing of it.
 */
export class ScopeAccess {
  constructor(
    private readonly scopes: ScopeReader,
    private readonly services: ServiceStore,
  ) {}

  seesGroups(adminId: number, groupIds: readonly number[]): boolean {
    if (groupIds.length === 0) return false;
    const scope = this.scopes.of(adminId);
    return groupIds.some((id) => scope.canManage(id));
  }

  seesServices(adminId: number, serviceIds: readonly number[]): boolean {
    if (serviceIds.length === 0) return false;
    const scope = this.scopes.of(adminId);
    return serviceIds.some((id) => {
      const service = this.services.byId(id);
      return service !== null && reachesGroup(scope, service.groupId);
    });
  }

  seesWork(adminId: number, work: WorkScope): boolean {
    return 'serviceId' in work ? this.seesServices(adminId, [work.serviceId]) : this.seesGroups(adminId, [work.groupId]);
  }
}

/** True when the admin manages the group or a group below it: the branch a service of it reaches. */
function reachesGroup(scope: AdminScope, groupId: number): boolean {
  return scope.canManage(groupId) || scope.directGroupIds.some((direct) => scope.tree.isAtOrBelow(direct, groupId));
}
