import type { HandlerTable } from '../ipc/handler-types';
import type { GroupStore } from './group-store';
import type { OrganizationSetup } from './organization-setup';

export function directoryHandlers(
  setup: OrganizationSetup,
  groups: GroupStore,
): Pick<HandlerTable, 'setup.createOrganization' | 'groups.tree'> {
  return {
    'setup.createOrganization': (input, { clientId }) => setup.create(clientId, input),
    'groups.tree': (_input, { admin }) => groups.visibleTo(admin.id),
  };
}
