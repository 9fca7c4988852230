import type { SignedInAdmin } from '../../auth/signed-in-admin';
import type { ScopeReader } from '../../directory/admin-scope';
import type { ServiceStore } from '../service-store';

/**
 * The services a report covers at one level: those kept at the level, above it (their
 * licenses reach it) and below it (schools and classes under a district), within the admin's
 * reach. `requested` narrows it to the services the admin picked.
 */
export class ReportScope {
  constructor(
    private readonly scopes: ScopeReader,
    private readonly services: ServiceStore,
  ) {}

  serviceIds(admin: SignedInAdmin, groupId: number, requested: readonly number[] | null): number[] {
    const scope = this.scopes.of(admin.id);
    scope.requireGroup(groupId);
    const groups = new Set([...scope.tree.ancestorsOf(groupId), ...scope.tree.subtreeOf(groupId)]);
    const ids = this.services.inGroups([...groups]).map((s) => s.id);
    return requested ? ids.filter((id) => requested.includes(id)) : ids;
  }
}
