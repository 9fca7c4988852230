import type { HandlerTable } from '../ipc/handler-types';
import type { AdminService } from './admin-service';
import type { DeviceService } from './device-service';
import type { GroupService } from './group-service';
import type { OrganizationSetup } from './organization-setup';
import type { UserService } from './user-service';

type DirectoryChannels =
  | 'setup.createOrganization'
  | 'groups.tree'
  | 'groups.create'
  | 'groups.rename'
  | 'groups.move'
  | 'groups.delete'
  | 'admins.list'
  | 'admins.create'
  | 'admins.update'
  | 'admins.setDisabled'
  | 'admins.resetPassword'
  | 'users.list'
  | 'users.create'
  | 'users.update'
  | 'users.delete'
  | 'devices.list'
  | 'devices.create'
  | 'devices.update'
  | 'devices.delete'
  | 'devices.associate';

export interface DirectoryServices {
  setup: OrganizationSetup;
  groups: GroupService;
  admins: AdminService;
  users: UserService;
  devices: DeviceService;
}

export function directoryHandlers({ setup, groups, admins, users, devices }: DirectoryServices): Pick<HandlerTable, DirectoryChannels> {
  return {
    'setup.createOrganization': (input, { clientId }) => setup.create(clientId, input),
    'groups.tree': (_input, { admin }) => groups.tree(admin),
    'groups.create': ({ parentId, name, kind }, { admin }) => groups.create(admin, parentId, name, kind),
    'groups.rename': ({ groupId, name }, { admin }) => groups.rename(admin, groupId, name),
    'groups.move': ({ groupId, newParentId }, { admin }) => groups.move(admin, groupId, newParentId),
    'groups.delete': ({ groupId }, { admin }) => {
      groups.delete(admin, groupId);
      return {};
    },
    'admins.list': ({ groupId }, { admin }) => admins.list(admin, groupId),
    'admins.create': (input, { admin }) => admins.create(admin, input),
    'admins.update': ({ adminId, ...fields }, { admin }) => admins.update(admin, adminId, fields),
    'admins.setDisabled': ({ adminId, disabled }, { admin }) => admins.setDisabled(admin, adminId, disabled),
    'admins.resetPassword': async ({ adminId, password }, { admin, clientId }) => {
      await admins.resetPassword(admin, adminId, password, clientId);
      return {};
    },
    'users.list': (window, { admin }) => users.list(admin, window),
    'users.create': (fields, { admin }) => users.create(admin, fields),
    'users.update': ({ userId, ...fields }, { admin }) => users.update(admin, userId, fields),
    'users.delete': ({ userId }, { admin }) => {
      users.delete(admin, userId);
      return {};
    },
    'devices.list': (window, { admin }) => devices.list(admin, window),
    'devices.create': (fields, { admin }) => devices.create(admin, fields),
    'devices.update': ({ deviceId, ...fields }, { admin }) => devices.update(admin, deviceId, fields),
    'devices.delete': ({ deviceId }, { admin }) => {
      devices.delete(admin, deviceId);
      return {};
    },
    'devices.associate': ({ deviceId, owner }, { admin }) => devices.associate(admin, deviceId, owner),
  };
}
