import type { SignedInAdmin } from '../../auth/signed-in-admin';
import type { ScopeReader } from '../../directory/admin-scope';
import { DomainError } from '../../errors/domain-error';
import { notFoundOrOutOfScope } from '../../errors/out-of-scope';
import type { ServiceRecord, ServiceStore } from '../service-store';
import { seesServicesOf } from '../service-visibility';
import type { HolderScope } from './holder-scope';
import type { HolderScopeStore } from './holder-scope-store';

/** The services a report covers at one level, and whose records it may show of them. */
export interface ReportView {
  serviceIds: number[];
  holders: HolderScope;
}

/**
 * The services a report covers at one level: those kept at the level, above it (their
 * licenses reach it) and below it (schools and classes under a district), within the admin's
 * reach. `requested` narrows it to the services the admin picked.
 */
export class ReportScope {
  constructor(
    private readonly scopes: ScopeReader,
    private readonly services: ServiceStore,
    private readonly holderStore: HolderScopeStore,
  ) {}

  serviceIds(admin: SignedInAdmin, groupId: number, requested: readonly number[] | null): number[] {
    return this.covered(admin, groupId, requested).services.map((s) => s.id);
  }

  /** The services, and whose licenses and Apple records of them the admin sees at this level (see HolderScope). */
  view(admin: SignedInAdmin, groupId: number, requested: readonly number[] | null): ReportView {
    const { services, subtree, directGroupIds, allGroupIds } = this.covered(admin, groupId, requested);
    const below = new Set(subtree);
    return {
      serviceIds: services.map((s) => s.id),
      holders: {
        groupIds: subtree,
        everyone: this.holderStore.noneIn(allGroupIds.filter((id) => !below.has(id))),
        unmatchedServiceIds: services.filter((s) => directGroupIds.includes(s.groupId) && below.has(s.groupId)).map((s) => s.id),
      },
    };
  }

  /** The view of one service of the report; refused when the service is not part of it, as not existing when the admin cannot see it. */
  serviceView(admin: SignedInAdmin, groupId: number, serviceId: number): ReportView {
    const view = this.view(admin, groupId, null);
    if (view.serviceIds.includes(serviceId)) return view;
    const service = this.services.byId(serviceId);
    if (!service || !seesServicesOf(this.scopes.of(admin.id), service.groupId)) throw notFoundOrOutOfScope('service');
    throw new DomainError('FORBIDDEN', 'That service is not part of the report at this level.');
  }

  private covered(admin: SignedInAdmin, groupId: number, requested: readonly number[] | null) {
    const scope = this.scopes.of(admin.id);
    scope.requireGroup(groupId);
    const subtree = scope.tree.subtreeOf(groupId);
    const groups = new Set([...scope.tree.ancestorsOf(groupId), ...subtree]);
    const services: ServiceRecord[] = this.services.inGroups([...groups]).filter((s) => !requested || requested.includes(s.id));
    return { services, subtree, directGroupIds: scope.directGroupIds, allGroupIds: scope.tree.allIds() };
  }
}
